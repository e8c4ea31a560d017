package org.advocacyalerts.dispatcher.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.agroal.runtime.DataSourcesJdbcRuntimeConfig;
import io.quarkus.datasource.runtime.DataSourcesRuntimeConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.mailer.runtime.MailersRuntimeConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.OTelRuntimeConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterRuntimeConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
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

    private static final DeploymentManifest DEPLOYMENT = DeploymentManifest.of("alert-dispatcher");

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
                DispatcherConfig.class,
                "dispatcher",
                AccessConfig.class,
                "alerts.access",
                LimitsConfig.class,
                "alerts.limits",
                DataSourcesRuntimeConfig.class,
                "quarkus.datasource",
                DataSourcesJdbcRuntimeConfig.class,
                "quarkus.datasource",
                MailersRuntimeConfig.class,
                "quarkus.mailer",
                JsonLogConfig.class,
                "quarkus.log",
                OTelRuntimeConfig.class,
                "quarkus.otel",
                OtlpExporterRuntimeConfig.class,
                "quarkus.otel.exporter.otlp");

        assertThat(DEPLOYMENT.environment()).isNotEmpty();
        assertThat(settings.unknown(DEPLOYMENT.environment())).isEmpty();
        // what the delivery-only Deployment sets on top
        List<String> deliveryOnly = DeploymentManifest.read(
                        Path.of("../deploy/kubernetes/base/alert-dispatcher-delivery/delivery-only.yaml"),
                        "alert-dispatcher")
                .environment();
        assertThat(deliveryOnly).contains("DISPATCHER_MATCHING_ENABLED");
        assertThat(settings.unknown(deliveryOnly)).isEmpty();
        // what the tracing component adds, from the ConfigMap made of the overlay's tracing.env
        List<String> tracing =
                EnvironmentSettings.configMapKeys(Path.of("../deploy/kubernetes/overlays/prod/tracing.env"));
        assertThat(tracing).contains("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        assertThat(settings.unknown(tracing)).isEmpty();
        for (String overlay : List.of("dev", "prod")) { // the ConfigMap of each installation (envFrom)
            List<String> configured = EnvironmentSettings.configMapKeys(
                    Path.of("../deploy/kubernetes/overlays/" + overlay + "/config.env"));
            assertThat(configured).as(overlay).isNotEmpty();
            assertThat(settings.unknown(configured)).as(overlay).isEmpty();
        }
        assertThat(settings.unknown(Set.of(
                        "KAFKA_SASL_MECANISM",
                        "QUARKUS_DATASOURCE_JDBC_URI",
                        "ALERTS_ACCESS_ADMIN_KEYS",
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACE_ENDPOINT")))
                .as("a misspelt variable is caught")
                .hasSize(4);
    }
}
