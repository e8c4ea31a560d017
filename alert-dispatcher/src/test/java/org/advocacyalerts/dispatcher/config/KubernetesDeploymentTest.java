package org.advocacyalerts.dispatcher.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.advocacyalerts.local.DeploymentManifest;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** What Kubernetes calls on the running service, as deploy/kubernetes ships its Deployment, it serves. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class KubernetesDeploymentTest {

    private static final DeploymentManifest DEPLOYMENT = DeploymentManifest.read(
            Path.of("../deploy/kubernetes/base/alert-dispatcher/kubernetes.yml"), "alert-dispatcher");

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
}
