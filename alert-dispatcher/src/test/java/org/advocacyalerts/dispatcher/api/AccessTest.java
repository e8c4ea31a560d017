package org.advocacyalerts.dispatcher.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.api.access.ApiKey;
import org.advocacyalerts.api.access.ApiKeyStore;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.api.access.ApiKeyVerifier;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.MovableClock;
import org.advocacyalerts.local.EndpointAccess;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.TestCredentials;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on alert-dispatcher: every endpoint of its OpenAPI document against every kind
 * of caller, and API keys' life (shown once, hashed, revoked, expired, seen by other replicas).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AccessTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ApiKeyStore keys;

    @Inject
    ApiKeyVerifier verifier;

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A new key of {@code role}, created by the test admin; returns its secret. */
    static String createKey(String role, String owner, List<String> sourceIds) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", role + " of " + owner, "role", role, "owner", owner, "sourceIds", sourceIds))
                .post("/api/keys")
                .then()
                .statusCode(201)
                .body("key", startsWith(ApiKeyTokens.PREFIX))
                .extract()
                .path("key");
    }

    @Test
    void everyDocumentedEndpointAnswersAsItsRuleDeclares() throws Exception {
        EndpointAccess access = new EndpointAccess(base);
        List<EndpointAccess.Operation> operations = access.operations();
        assertThat(EndpointAccess.describe(operations))
                .contains(
                        "POST /api/subscriptions",
                        "GET /api/subscriptions/{id}",
                        "DELETE /api/subscriptions/{id}",
                        "POST /api/subscriptions/{id}/rotate-secret",
                        "POST /api/subscriptions/{id}/recover",
                        "GET /api/deliveries",
                        "POST /api/deliveries/{id}/retry",
                        "POST /api/match",
                        "PUT /api/topics/{id}",
                        "POST /api/topics/{id}/backtest",
                        "POST /api/topics/{id}/evaluate",
                        "POST /api/keys",
                        "GET /api/keys",
                        "DELETE /api/keys/{id}",
                        "POST /api/subscriptions/{id}/revoke-links",
                        "GET /api/audit",
                        "GET /admin",
                        "GET /admin/deliveries",
                        "POST /admin/deliveries/{id}/retry",
                        "POST /admin/topics/save");
        assertThat(operations.stream()
                        .filter(EndpointAccess.Operation::isPublic)
                        .map(op -> op.method() + " " + op.path()))
                .as("public without a credential: topics and their feeds, the portal, the email links and the"
                        + " console's sign-in, nothing else")
                .containsExactlyInAnyOrder(
                        "GET /api/topics",
                        "GET /api/topics/{id}",
                        "GET /topics/{id}/feed.atom",
                        "GET /",
                        "GET /about",
                        "POST /subscribe",
                        "GET /email/manage/{token}",
                        "POST /email/manage/{token}",
                        "POST /email/manage/{token}/pause",
                        "POST /email/manage/{token}/resume",
                        "GET /email/confirm/{token}",
                        "POST /email/confirm/{token}",
                        "GET /email/unsubscribe/{token}",
                        "POST /email/unsubscribe/{token}",
                        "GET /email/verify-contact/{token}",
                        "POST /email/verify-contact/{token}",
                        "GET /admin/sign-in",
                        "POST /admin/sign-in",
                        "POST /admin/sign-out");

        String revoked = createKey(Roles.INTEGRATOR, "revoked-tenant", List.of());
        String revokedId =
                keys.findByHash(ApiKeyTokens.hash(revoked)).orElseThrow().id();
        given().delete("/api/keys/" + revokedId).then().statusCode(204);
        String expired = ApiKeyTokens.generate();
        keys.insert(
                new ApiKey(
                        ApiKeyTokens.newId(),
                        "expired",
                        Roles.ADMIN,
                        "operator",
                        List.of(),
                        Instant.now().minusSeconds(7200),
                        Instant.now().minusSeconds(60),
                        null,
                        null,
                        null),
                ApiKeyTokens.hash(expired));

        List<String> wrong = access.violations(
                operations,
                Map.of(
                        Roles.ADMIN, TestCredentials.ADMIN_KEY,
                        Roles.PUBLISHER, createKey(Roles.PUBLISHER, "partner-group", List.of("partner-news")),
                        Roles.INTEGRATOR, createKey(Roles.INTEGRATOR, "tenant-a", List.of())),
                Map.of(
                        "an unknown key",
                        ApiKeyTokens.generate(),
                        "a revoked key",
                        revoked,
                        "an expired key",
                        expired,
                        "a token nobody signed",
                        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"),
                path -> path.replace("{id}", UUID.randomUUID().toString()).replace("{token}", "not-a-token"));
        assertThat(wrong).isEmpty();
    }

    @Test
    void theOpenApiDocumentShowsSecurityProblemAnswersAndExamples() {
        JsonPath doc = given().header("Authorization", "none")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        String create = "paths.'/api/subscriptions'.post";
        assertThat(doc.getList(create + ".security.bearer.flatten()", String.class))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.INTEGRATOR);
        for (String status : List.of("400", "401", "403", "429")) {
            assertThat(doc.getString(
                            create + ".responses.'" + status + "'.content.'application/problem+json'.schema.$ref"))
                    .as(status)
                    .endsWith("Problem");
        }
        assertThat(doc.getString(create + ".requestBody.content.'application/json'.example"))
                .contains("\"channel\"");
        assertThat(doc.getString("paths.'/api/topics'.get.responses.'401'"))
                .as("a public read")
                .isNull();
        Map<String, Object> keyAnswers = doc.getMap("paths.'/api/keys'.post.responses");
        assertThat(keyAnswers.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("2"))
                        .map(e -> String.valueOf(e.getValue())))
                .as("the answer that creates a key, with an example")
                .anyMatch(answer -> answer.contains("aa_"));
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        String key = createKey(Roles.INTEGRATOR, "hash-check", List.of());
        ApiKey stored = keys.findByHash(ApiKeyTokens.hash(key)).orElseThrow();
        given().get("/api/keys/" + stored.id())
                .then()
                .statusCode(200)
                .body("owner", equalTo("hash-check"))
                .body("key", nullValue());
        try (var c = dataSource.getConnection();
                var rs = c.createStatement().executeQuery("SELECT * FROM access.api_key")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(key.substring(3));
                }
            }
        }
    }

    @Test
    void keysAreValidatedAndListedPageByPage() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "role", "root", "owner", "has space", "sourceIds", List.of()))
                .post("/api/keys")
                .then()
                .statusCode(400)
                .body("errors.field", Matchers.hasItems("role", "owner"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "p", "role", "publisher", "owner", "p"))
                .post("/api/keys")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("sourceIds"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "e", "role", "admin", "owner", "o", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/keys")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("expiresAt"));
        for (int i = 0; i < 3; i++) {
            createKey(Roles.INTEGRATOR, "paged-" + i, List.of());
        }
        String next = given().get("/api/keys?limit=2")
                .then()
                .statusCode(200)
                .body("keys.size()", equalTo(2))
                .extract()
                .path("next");
        given().queryParam("after", next)
                .get("/api/keys?limit=2")
                .then()
                .statusCode(200)
                .body("keys[0].id", not(equalTo(next)));
        given().get("/api/keys?limit=100000").then().statusCode(400);
    }

    @Test
    void aKeyRevokedOnAnotherReplicaStopsWorkingWithinTheCacheInterval() {
        String key = createKey(Roles.INTEGRATOR, "revoked-elsewhere", List.of());
        String id = keys.findByHash(ApiKeyTokens.hash(key)).orElseThrow().id();
        assertThat(verifier.verify(key)).isPresent();
        keys.revoke(id, Instant.now()); // as another replica (or the other service) would: not through this one
        assertThat(verifier.verify(key)).as("still remembered here").isPresent();
        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(key)).as("re-read after 30 s").isEmpty();
        given().header("Authorization", TestCredentials.bearer(key))
                .contentType(ContentType.JSON)
                .body(Map.of("title", "t", "body", "b"))
                .post("/api/match")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void lastUseIsRecorded() {
        String key = createKey(Roles.INTEGRATOR, "last-use", List.of());
        String id = keys.findByHash(ApiKeyTokens.hash(key)).orElseThrow().id();
        given().header("Authorization", TestCredentials.bearer(key))
                .get("/api/deliveries")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> keys.find(id).orElseThrow().lastUsedAt() != null);
    }
}
