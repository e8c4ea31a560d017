package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ApiTest {

    @Test
    void defaultTopicsAreListedWithTheirDefinitions() {
        given().get("/api/topics")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        hasItems(
                                "border",
                                "prisoners",
                                "section-907",
                                "peace-process",
                                "humanitarian",
                                "genocide-remembrance"))
                .body("find { it.id == 'prisoners' }.query", containsString("POWs"))
                .body("find { it.id == 'prisoners' }.aliases[0]", hasItem("prisoners of war"))
                .body("find { it.id == 'section-907' }.description", containsString("FREEDOM Support Act"))
                .body("find { it.id == 'section-907' }.summary", containsString("assistance"));
        given().get("/api/topics/border").then().statusCode(200).body("name", equalTo("Armenia-Azerbaijan border"));
        given().get("/api/topics/nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void subscriptionIsCreatedWithSecretShownOnceThenReadAndDeleted() {
        String location = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "webhook",
                        "target", "https://partner.example.org/hooks",
                        "topics", List.of("prisoners", "border", "prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/=]{40,}"))
                .body("topics", containsInAnyOrder("prisoners", "border"))
                .extract()
                .header("Location");

        given().get(location)
                .then()
                .statusCode(200)
                .body("target", equalTo("https://partner.example.org/hooks"))
                .body("status", equalTo("active"))
                .body("secret", nullValue());
        given().delete(location).then().statusCode(204);
        given().get(location).then().statusCode(404);
        given().delete(location).then().statusCode(404);
    }

    @Test
    void invalidSubscriptionNamesEachField() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "sms", "target", "ftp://example.org", "topics", List.of("prisoners", "weather")))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("channel", "target", "topics"))
                .body("errors.find { it.field == 'topics' }.message", containsString("weather"));
        given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", "https://user:pw@example.org/x", "topics", List.of()))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("target", "topics"));
        given().contentType(ContentType.JSON)
                .body("[1,2")
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void subscriptionQueryAndFiltersAreValidated() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "webhook",
                        "target", "https://example.org/h",
                        "query", "(Jermuk",
                        "sourceIds", List.of("OSCE!"),
                        "languages", List.of("french language")))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("query", "sourceIds", "languages"))
                .body("errors.find { it.field == 'query' }.message", containsString("at position 0"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "webhook",
                        "target",
                        "https://example.org/h",
                        "query",
                        "Jermuk",
                        "languages",
                        List.of("FR")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .body("query", equalTo("Jermuk"))
                .body("topics", Matchers.empty())
                .body("languages", equalTo(List.of("fr")));
    }

    @Test
    void unknownSubscriptionIs404() {
        given().get("/api/subscriptions/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/subscriptions/x").then().statusCode(404);
    }
}
