package org.advocacyalerts.ingest.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.agroal.runtime.DataSourcesJdbcRuntimeConfig;
import io.quarkus.datasource.runtime.DataSourcesRuntimeConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import org.advocacyalerts.api.access.AccessConfig;
import org.advocacyalerts.api.limits.LimitsConfig;
import org.advocacyalerts.local.DeploymentManifest;
import org.advocacyalerts.local.EnvironmentSettings;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** What Kubernetes calls on the running service, as deploy/kubernetes ships its Deployment, it serves. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class KubernetesDeploymentTest {

    private static final DeploymentManifest DEPLOYMENT = DeploymentManifest.of("statement-ingest");

    @Test
    void theProbesArePathsTheServiceAnswersOnThePortItListensOn() {
        assertThat(DEPLOYMENT.containerPort()).isEqualTo(DeploymentManifest.packagedHttpPort());
        assertThat(DEPLOYMENT.probePaths()).hasSize(3).doesNotContain("");
        for (String path : DEPLOYMENT.probePaths()) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void everyVariableTheDeploymentSetsIsASettingTheServiceReads() {
        EnvironmentSettings settings = EnvironmentSettings.ofRunningService(
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
