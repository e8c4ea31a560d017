package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.Statement;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class BacktestTest {

    private static final Instant YESTERDAY = Instant.now().minus(Duration.ofDays(1));
    private static final Statement POWS = StatementsProducer.statement(
            "Armenia", "Azerbaijan should immediately release all prisoners of war held since 2020.", YESTERDAY);
    private static final Statement FARMS = StatementsProducer.statement(
            "National Farm Safety Week", "We honour farmers and ranchers.", YESTERDAY.minus(Duration.ofDays(1)));
    private static final Statement OLD = StatementsProducer.statement(
            "Armenia",
            "Azerbaijan holds Armenian prisoners of war.",
            Instant.now().minus(Duration.ofDays(40)));

    @BeforeAll
    static void publishStatements() {
        StatementsProducer.publish(POWS);
        StatementsProducer.publish(FARMS);
        StatementsProducer.publish(OLD);
    }

    private static ValidatableResponse backtest(String topic, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/topics/" + topic + "/backtest")
                .then();
    }

    @Test
    void savedTopicFindsTheMatchingStatementsOfTheLastDaysWithEvidence() {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> backtest("prisoners", Map.of("days", 7))
                        .statusCode(200)
                        .body("hits.statementId", hasItem(POWS.id().toString())));

        backtest("prisoners", Map.of("days", 7))
                .body("hits.statementId", not(hasItem(FARMS.id().toString())))
                .body("hits.statementId", not(hasItem(OLD.id().toString())))
                .body(
                        "hits.find { it.statementId == '" + POWS.id() + "' }.evidence[0].text",
                        equalTo("prisoners of war"))
                .body(
                        "alertsPerDay.'" + LocalDate.ofInstant(YESTERDAY, ZoneOffset.UTC) + "'",
                        Matchers.greaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> backtest("prisoners", Map.of("days", 60))
                        .body("hits.statementId", hasItem(OLD.id().toString())));
    }

    @Test
    void unsavedQueryIsBacktestedWithoutChangingTheTopic() {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> backtest("prisoners", Map.of("days", 7, "query", "\"farm safety\""))
                        .statusCode(200)
                        .body("query", equalTo("\"farm safety\""))
                        .body("hits.statementId", hasItem(FARMS.id().toString())));
        given().get("/api/topics/prisoners").then().body("query", not(equalTo("\"farm safety\"")));
        backtest("a-new-idea", Map.of("query", "ranchers")).statusCode(200);
    }

    @Test
    void badBacktestRequestsAreExplained() {
        backtest("prisoners", Map.of("query", "(border")).statusCode(400).body("errors[0].field", equalTo("query"));
        backtest("prisoners", Map.of("days", 0)).statusCode(400).body("errors[0].field", equalTo("days"));
        backtest("no-such-topic", Map.of()).statusCode(404);
    }
}
