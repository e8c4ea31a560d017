package org.advocacyalerts.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.advocacyalerts.api.access.ApiKeyStore;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.ingest.StatementApiTest;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While the database is away ingest never answers 201: it says 503 and when to try again. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StatementResourceOutageTest {

    @Inject
    AgroalDataSource statements;

    @Inject
    @DataSource(ApiKeyStore.DATASOURCE)
    AgroalDataSource keys;

    /**
     * The database is back, and the connections the cut killed are out of the pools: the next test
     * class runs in this application and must not get a dead one (it would be answered 503, as a
     * client is after a database restart, once per dead connection).
     */
    @AfterEach
    void databaseIsBack() {
        PostgresTestResource.postgres().reconnect(PostgresTestResource.DATABASE);
        statements.flush(AgroalDataSource.FlushMode.INVALID);
        keys.flush(AgroalDataSource.FlushMode.INVALID);
    }

    @Test
    void aStatementPostedWhileTheDatabaseIsAwayGets503WithRetryAfterAndIsStoredOnceWhenSentAgain() {
        Map<String, Object> statement = StatementApiTest.statement(StatementApiTest.uniqueUrl());
        PostgresTestResource.postgres().cutOff(PostgresTestResource.DATABASE);

        given().contentType(ContentType.JSON)
                .body(statement)
                .post("/api/statements")
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("detail", containsString("send the request again"));

        PostgresTestResource.postgres().reconnect(PostgresTestResource.DATABASE);
        // The client sends it again, as Retry-After says, until the database answers.
        var stored = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> given().contentType(ContentType.JSON)
                                .body(statement)
                                .post("/api/statements")
                                .then()
                                .extract(),
                        answer -> answer.statusCode() != 503);
        assertThat(stored.statusCode()).isEqualTo(201);
        String id = stored.path("id");
        given().contentType(ContentType.JSON)
                .body(statement)
                .post("/api/statements")
                .then()
                .statusCode(200);
        given().get("/api/statements/" + id).then().statusCode(200);
    }

    /** A key the service has not read yet cannot be checked while the database is away: 503, never 401. */
    @Test
    void aKeyThatCannotBeCheckedWhileTheDatabaseIsAwayGets503NotUnauthorized() {
        String key = ApiKeyTokens.generate();
        PostgresTestResource.postgres().cutOff(PostgresTestResource.DATABASE);

        given().header("Authorization", "Bearer " + key)
                .get("/api/statements")
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .contentType("application/problem+json");
    }
}
