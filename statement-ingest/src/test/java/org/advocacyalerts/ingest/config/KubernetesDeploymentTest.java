package org.advocacyalerts.ingest.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.agroal.runtime.DataSourcesJdbcRuntimeConfig;
import io.quarkus.datasource.runtime.DataSourcesRuntimeConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.advocacyalerts.api.access.AccessConfig;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.local.DeploymentManifest;
import org.advocacyalerts.local.EnvironmentSettings;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** What Kubernetes calls on the running service, as deploy/kubernetes ships its Deployment, it serves. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class KubernetesDeploymentTest {

    private static final DeploymentManifest DEPLOYMENT = DeploymentManifest.read(
            Path.of("../deploy/kubernetes/base/statement-ingest/kubernetes.yml"), "statement-ingest");

    @Test
    void theProbesArePathsTheServiceAnswersOnThePortItListensOn() throws Exception {
        // The port the packaged service listens on (tests run on a port of their own).
        Properties configured = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            configured.load(in);
        }
        assertThat(DEPLOYMENT.containerPort()).isEqualTo(Integer.parseInt(configured.getProperty("quarkus.http.port")));
        assertThat(DEPLOYMENT.probePaths()).hasSize(3).doesNotContain("");
        for (String path : DEPLOYMENT.probePaths()) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void everyVariableTheDeploymentSetsIsASettingTheServiceReads() {
        EnvironmentSettings settings = EnvironmentSettings.of(
                StreamSupport.stream(
                                ConfigProvider.getConfig().getPropertyNames().spliterator(), false)
                        .toList(),
                IngestConfig.class,
                "ingest",
                AccessConfig.class,
                "alerts.access",
                LimitsConfig.class,
                "alerts.limits",
                DataSourcesRuntimeConfig.class,
                "quarkus.datasource",
                DataSourcesJdbcRuntimeConfig.class,
                "quarkus.datasource",
                JsonLogConfig.class,
                "quarkus.log");

        assertThat(DEPLOYMENT.environment()).isNotEmpty();
        assertThat(settings.unknown(DEPLOYMENT.environment())).isEmpty();
        assertThat(settings.unknown(
                        Set.of("KAFKA_SASL_MECANISM", "QUARKUS_DATASOURCE_JDBC_URI", "ALERTS_ACCESS_ADMIN_KEYS")))
                .as("a misspelt variable is caught")
                .hasSize(3);
    }
}
