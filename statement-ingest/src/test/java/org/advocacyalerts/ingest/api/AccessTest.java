package org.advocacyalerts.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.api.access.ApiKey;
import org.advocacyalerts.api.access.ApiKeyStore;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.ingest.StatementApiTest;
import org.advocacyalerts.local.EndpointAccess;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.TestCredentials;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on statement-ingest: every endpoint of its OpenAPI document against every kind of
 * caller, and a publisher that posts for its own sources only. Keys are made in the access store, as
 * alert-dispatcher's {@code POST /api/keys} makes them.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AccessTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ApiKeyStore keys;

    private String key(String role, String owner, List<String> sources, Instant expiresAt, boolean revoked) {
        String token = ApiKeyTokens.generate();
        ApiKey key = new ApiKey(
                ApiKeyTokens.newId(), role + " key", role, owner, sources, Instant.now(), expiresAt, null, null, null);
        keys.insert(key, ApiKeyTokens.hash(token));
        if (revoked) {
            keys.revoke(key.id(), Instant.now());
        }
        return token;
    }

    @Test
    void everyDocumentedEndpointAnswersAsItsRuleDeclares() throws Exception {
        EndpointAccess access = new EndpointAccess(base);
        List<EndpointAccess.Operation> operations = access.operations();
        assertThat(EndpointAccess.describe(operations))
                .contains(
                        "POST /api/statements",
                        "GET /api/statements",
                        "GET /api/statements/{id}",
                        "GET /api/sources",
                        "POST /api/sources",
                        "PUT /api/sources/{id}",
                        "DELETE /api/sources/{id}",
                        "POST /api/sources/{id}/poll",
                        "POST /api/sources/{id}/backfill",
                        "GET /api/outbox/failed",
                        "POST /api/outbox/failed/{id}/retry");
        assertThat(operations).noneMatch(EndpointAccess.Operation::isPublic);

        List<String> wrong = access.violations(
                operations,
                Map.of(
                        Roles.ADMIN, TestCredentials.ADMIN_KEY,
                        Roles.PUBLISHER, key(Roles.PUBLISHER, "partner", List.of("partner-news"), null, false),
                        Roles.INTEGRATOR, key(Roles.INTEGRATOR, "tenant-a", List.of(), null, false)),
                Map.of(
                        "an unknown key", ApiKeyTokens.generate(),
                        "a revoked key", key(Roles.ADMIN, "gone", List.of(), null, true),
                        "an expired key",
                                key(Roles.ADMIN, "old", List.of(), Instant.now().minusSeconds(1), false),
                        "a token nobody signed", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"),
                path -> path.replace("{id}", UUID.randomUUID().toString()));
        assertThat(wrong).isEmpty();
    }

    @Test
    void aPublisherPostsStatementsOfItsOwnSourcesOnly() {
        String publisher = key(Roles.PUBLISHER, "partner", List.of("partner-news"), null, false);
        Map<String, Object> own = StatementApiTest.statement(StatementApiTest.uniqueUrl());
        own.put("sourceId", "partner-news");
        given().header("Authorization", TestCredentials.bearer(publisher))
                .contentType(ContentType.JSON)
                .body(own)
                .post("/api/statements")
                .then()
                .statusCode(201);
        given().header("Authorization", TestCredentials.bearer(publisher))
                .contentType(ContentType.JSON)
                .body(StatementApiTest.statement(StatementApiTest.uniqueUrl())) // state-department
                .post("/api/statements")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
