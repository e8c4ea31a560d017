package org.advocacyalerts.dispatcher.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.email.EmailLinks;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.TestCredentials;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Every change through the API is in the audit log with who, what, before and after; no secret ever. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AuditTest {

    private static JsonPath newest(int limit) {
        return given().queryParam("limit", limit)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void changesAreRecordedWithWhoWhatBeforeAndAfterAndNoSecret() {
        String integrator = AccessTest.createKey(Roles.INTEGRATOR, "audited-tenant", List.of());
        var created = given().header("Authorization", TestCredentials.bearer(integrator))
                .header("X-Request-Id", "audit-test-1")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "webhook", "target", "https://audited.example.org/h", "topics", List.of("border")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .header("X-Request-Id", "audit-test-1")
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        String rotated = given().header("Authorization", TestCredentials.bearer(integrator))
                .post("/api/subscriptions/" + id + "/rotate-secret")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        given().header("Authorization", TestCredentials.bearer(integrator))
                .delete("/api/subscriptions/" + id)
                .then()
                .statusCode(204);
        // reads and dry runs are not changes
        given().header("Authorization", TestCredentials.bearer(integrator))
                .get("/api/deliveries")
                .then()
                .statusCode(200);

        JsonPath log = newest(3);
        String all = log.prettify();
        assertThat(all).doesNotContain(secret).doesNotContain(rotated).doesNotContain(integrator);
        assertThat(log.getList("entries.action", String.class))
                .containsExactly(
                        "DELETE /api/subscriptions/" + id,
                        "POST /api/subscriptions/" + id + "/rotate-secret",
                        "POST /api/subscriptions");
        Map<String, Object> creation = log.getMap("entries[2]");
        assertThat(creation).containsEntry("role", "integrator").containsEntry("tenant", "audited-tenant");
        assertThat(creation).containsEntry("requestId", "audit-test-1").containsEntry("service", "alert-dispatcher");
        assertThat((String) creation.get("actor")).startsWith("key key_").endsWith("(integrator of audited-tenant)");
        assertThat(log.getString("entries[2].after.target")).isEqualTo("https://audited.example.org/h");
        assertThat(log.getString("entries[0].before.id")).isEqualTo(id);
        assertThat(log.getString("entries[0].after")).isNull();
        assertThat(log.getString("entries[1].after.previousSecretValidUntil")).isNotNull();
    }

    @Test
    void aKeyIsAuditedWithoutItsSecretAndOnlyAdminsReadTheLog() {
        String key = AccessTest.createKey(Roles.PUBLISHER, "audited-publisher", List.of("partner-news"));
        JsonPath log = newest(1);
        assertThat(log.getString("entries[0].action")).isEqualTo("POST /api/keys");
        assertThat(log.getString("entries[0].after.owner")).isEqualTo("audited-publisher");
        assertThat(log.prettify()).doesNotContain(key);
        given().header("Authorization", TestCredentials.bearer(key))
                .get("/api/audit")
                .then()
                .statusCode(403);
        given().get("/api/audit?limit=1").then().statusCode(200).body("next", notNullValue());
        long next =
                given().get("/api/audit?limit=1").then().extract().jsonPath().getLong("next");
        given().get("/api/audit?limit=1&before=" + next)
                .then()
                .statusCode(200)
                .body("entries[0].id", Matchers.lessThan((int) next));
        given().get("/api/audit?before=x").then().statusCode(400).body("errors[0].field", equalTo("before"));
    }

    @Inject
    EmailLinks links;

    @Test
    void aSubscribersOwnUnsubscribeNeedsNoCredentialEvenAWrongOneAndIsNotAnAdminChange() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "webhook", "target", "https://leaving.example.org/h", "topics", List.of("border")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String url = links.unsubscribe(UUID.fromString(id)).url();
        given().header("Authorization", "Bearer " + ApiKeyTokens.generate())
                .contentType(ContentType.URLENC)
                .body("List-Unsubscribe=One-Click")
                .post(url.substring(url.indexOf("/email/")))
                .then()
                .statusCode(200);
        given().get("/api/subscriptions/" + id).then().statusCode(404);
        assertThat(newest(1).getString("entries[0].action")).isEqualTo("POST /api/subscriptions");
    }
}
