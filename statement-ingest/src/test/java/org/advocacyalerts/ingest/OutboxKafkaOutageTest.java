package org.advocacyalerts.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OutboxKafkaOutageTest {

    private final EmbeddedKafka kafka = KafkaTestResource.kafka();

    @AfterEach
    void kafkaIsBack() {
        kafka.start();
    }

    @Test
    void statementAcceptedWhileKafkaIsDownIsPublishedOnceWhenItIsBack() {
        kafka.stop();

        String id = StatementApiTest.postNew();

        // The relay has tried and failed: the event waits in the outbox, visible in readiness.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'outbox' }.data.kafka", containsString("unreachable"))
                        .body("checks.find { it.name == 'outbox' }.data.pending", greaterThanOrEqualTo(1)));

        kafka.start();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(StatementsTopic.recordsWithKey(id)).hasSize(1));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .body("checks.find { it.name == 'outbox' }.data.kafka", containsString("publishing")));
    }
}
