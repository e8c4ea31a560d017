package org.advocacyalerts.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.Map;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * Kafka client settings given as environment variables, as the Kubernetes manifests give TLS and SASL
 * (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, …), reach the configuration the outbox relay's
 * producer is made from.
 */
@QuarkusTest
@TestProfile(KafkaEnvironmentTest.WithKafkaVariables.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class KafkaEnvironmentTest {

    /** Variables named as the manifests name them; values a PLAINTEXT test broker ignores. */
    public static class WithKafkaVariables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        }
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Test
    void kafkaVariablesBecomeClientSettings() {
        assertThat(kafkaConfig)
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsKey("bootstrap.servers");
    }
}
