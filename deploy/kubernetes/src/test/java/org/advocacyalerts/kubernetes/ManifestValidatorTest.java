package org.advocacyalerts.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** The validator refuses what an API server or an operator would: an unknown field, a wrong type. */
class ManifestValidatorTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: statement-ingest}
            spec:
              replicas: %s
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec:
                  containers:
                    - name: x
                      image: x:1
                      %s: Always
            """;

    @Test
    void aValidDeploymentPasses() throws Exception {
        assertThat(ManifestValidator.problems(yaml(DEPLOYMENT.formatted("2", "imagePullPolicy"))))
                .isEmpty();
    }

    @Test
    void anUnknownFieldIsRefused() throws Exception {
        assertThat(ManifestValidator.problems(yaml(DEPLOYMENT.formatted("2", "imagePullPolicyy"))))
                .singleElement()
                .asString()
                .contains("imagePullPolicyy");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() throws Exception {
        assertThat(ManifestValidator.problems(yaml(DEPLOYMENT.formatted("\"two\"", "imagePullPolicy"))))
                .singleElement()
                .asString()
                .contains("replicas");
    }

    @Test
    void operatorKindsAreCheckedToo() throws Exception {
        assertThat(ManifestValidator.problems(yaml("""
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaTopic
                        metadata: {name: statements}
                        spec: {partitions: six, replicas: 3}
                        """))).as("Strimzi's model").isNotEmpty();
        assertThat(ManifestValidator.problems(yaml("""
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaUser
                        metadata: {name: statement-ingest}
                        spec: {authentication: {type: scram-sha-512}, acl: []}
                        """)))
                .as("a misspelt field of Strimzi's")
                .isNotEmpty();
        assertThat(ManifestValidator.problems(yaml("""
                        apiVersion: postgresql.cnpg.io/v1
                        kind: Cluster
                        metadata: {name: advocacy-postgres}
                        spec: {instances: "3", storage: {size: 20Gi}}
                        """)))
                .as("CloudNativePG's, by schema")
                .isNotEmpty();
        assertThat(ManifestValidator.problems(yaml("""
                        apiVersion: keda.sh/v1alpha1
                        kind: ScaledObject
                        metadata: {name: alert-dispatcher}
                        spec: {scaleTargetRef: {name: alert-dispatcher}}
                        """)))
                .as("KEDA's, a required field missing")
                .isNotEmpty();
        assertThat(ManifestValidator.problems(yaml("""
                        apiVersion: example.org/v1
                        kind: Unknown
                        metadata: {name: x}
                        """)))
                .as("a kind nobody can check")
                .isNotEmpty();
    }
}
