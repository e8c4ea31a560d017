package org.advocacyalerts.dispatcher.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.api.access.ApiKey;
import org.advocacyalerts.api.access.ApiKeyStore;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.local.EndpointAccess;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.SmtpTestResource;
import org.advocacyalerts.local.TestCredentials;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Abuse limits with small numbers: per credential and per client address (429 with Retry-After, as a
 * problem), confirmation emails per address and per client, and expensive requests at once. Each
 * request here uses a key of its own unless it tests the per-credential limit.
 */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SmtpTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // one token in 100 s for a credential and for the address: no test here runs long enough
                    // for a bucket it emptied to gain one (at 0.2 a second, a credential's fourth request
                    // would pass if its first three took 5 s)
                    "alerts.limits.per-credential", "0.01",
                    "alerts.limits.per-credential-burst", "3",
                    "alerts.limits.per-address", "0.01",
                    "alerts.limits.per-address-burst", "60",
                    "alerts.limits.confirmations-per-address-per-hour", "2",
                    "alerts.limits.confirmations-per-client-per-hour", "4",
                    "alerts.limits.dry-runs", "0",
                    "alerts.limits.backtests", "0");
        }
    }

    @Inject
    ApiKeyStore keys;

    @TestHTTPResource("/")
    URI base;

    private String freshKey(String role) {
        String token = ApiKeyTokens.generate();
        keys.insert(
                new ApiKey(
                        ApiKeyTokens.newId(),
                        "limits",
                        role,
                        "limits-" + UUID.randomUUID(),
                        List.of(),
                        Instant.now(),
                        null,
                        null,
                        null,
                        null),
                ApiKeyTokens.hash(token));
        return token;
    }

    private static void assertTooMany(ExtractableResponse<Response> answer) {
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(answer.header("Retry-After"))).isPositive();
        assertThat(answer.jsonPath().getInt("status")).isEqualTo(429);
    }

    @Test
    @Order(1)
    void aCredentialOverItsLimitGets429AndOthersAreNotHeldBack() {
        String key = freshKey(Roles.INTEGRATOR);
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestCredentials.bearer(key))
                    .get("/api/deliveries")
                    .then()
                    .statusCode(200);
        }
        assertTooMany(given().header("Authorization", TestCredentials.bearer(key))
                .get("/api/deliveries")
                .then()
                .extract());
        given().header("Authorization", TestCredentials.bearer(freshKey(Roles.INTEGRATOR)))
                .get("/api/deliveries")
                .then()
                .statusCode(200);
    }

    @Test
    @Order(2)
    void confirmationEmailsAreLimitedPerAddressAndPerClient() {
        String address = "limited-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 2; i++) {
            subscribe(address).then().statusCode(202);
        }
        assertTooMany(subscribe(address).then().extract()); // the address: 2 an hour
        subscribe("other-" + UUID.randomUUID() + "@example.org").then().statusCode(202);
        // the client: 4 an hour (the refused one counted), whatever the address
        assertTooMany(
                subscribe("third-" + UUID.randomUUID() + "@example.org").then().extract());
    }

    private Response subscribe(String address) {
        return given().header("Authorization", TestCredentials.bearer(freshKey(Roles.INTEGRATOR)))
                .contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "target", address, "topics", List.of("border")))
                .post("/api/subscriptions");
    }

    @Test
    @Order(3)
    void expensiveRequestsOverTheirConcurrencyGet429() {
        assertTooMany(given().header("Authorization", TestCredentials.bearer(freshKey(Roles.ADMIN)))
                .contentType(ContentType.JSON)
                .body(Map.of("title", "t", "body", "prisoners"))
                .post("/api/match")
                .then()
                .extract());
        assertTooMany(given().header("Authorization", TestCredentials.bearer(freshKey(Roles.ADMIN)))
                .contentType(ContentType.JSON)
                .body(Map.of("days", 1))
                .post("/api/topics/border/backtest")
                .then()
                .extract());
    }

    @Test
    @Order(4)
    void aClientAddressOverItsLimitGets429EvenWithoutACredentialOnTheConsoleTooButHealthIsNeverLimited()
            throws Exception {
        EndpointAccess anonymous = new EndpointAccess(base);
        HttpResponse<String> last = null;
        for (int i = 0; i < 80; i++) {
            last = anonymous.send("GET", "/api/topics", null);
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).contains("\"status\":429");
        // the staff console too: a flood of key guesses at its sign-in stops before any key is looked up.
        // The bucket may have refilled to one token since that 429 (it held a fraction of one), so the
        // first sign-in may pass; the second finds none.
        anonymous.send("GET", "/admin/sign-in", null);
        assertThat(anonymous.send("GET", "/admin/sign-in", null).statusCode()).isEqualTo(429);
        assertThat(anonymous.send("GET", "/q/health/live", null).statusCode()).isEqualTo(200);
    }
}
