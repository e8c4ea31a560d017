package org.advocacyalerts.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.Statement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
public class StatementApiTest {

    public static Map<String, Object> statement(String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("sourceId", "state-department");
        body.put("url", url);
        body.put("title", "Statement on the Armenia-Azerbaijan border");
        body.put("body", "Azerbaijan should immediately release all prisoners of war and other captives.");
        body.put("publishedAt", "2021-05-27T18:30:00Z");
        return body;
    }

    static Response post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/statements");
    }

    /** Posts a statement never seen before; its id (answered 201). */
    public static String postNew() {
        return post(statement(uniqueUrl())).then().statusCode(201).extract().path("id");
    }

    public static String uniqueUrl() {
        return "https://www.state.gov/statements/" + UUID.randomUUID();
    }

    @Test
    void newStatementIsCreatedWithLocationIdAndHashAndPublishedOnce() {
        String url = uniqueUrl();
        Response created = given().contentType(ContentType.JSON)
                .body(statement(url))
                .post("/api/statements")
                .then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/statements/[0-9a-f-]{36}"))
                .body("url", equalTo(url))
                .body("language", equalTo("en"))
                .body("contentSha256", matchesPattern("[0-9a-f]{64}"))
                .body("publishedAt", equalTo("2021-05-27T18:30:00Z"))
                .extract()
                .response();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/statements/" + id);

        given().get("/api/statements/" + id).then().statusCode(200).body("url", equalTo(url));

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(StatementsTopic.recordsWithKey(id)).hasSize(1));
        ConsumerRecord<String, byte[]> record =
                StatementsTopic.recordsWithKey(id).get(0);
        Statement published = CloudEventCodec.decode(record, EventTypes.STATEMENT_PUBLISHED, Statement.class);
        assertThat(published.id().toString()).isEqualTo(id);
        assertThat(published.contentSha256()).isEqualTo(created.<String>path("contentSha256"));
        assertThat(StatementsTopic.partitionCount()).as("statements partitions").isEqualTo(6);
    }

    @Test
    void sameUrlAndContentAgainAnswers200WithSameIdAndNoSecondEvent() {
        Map<String, Object> body = statement(uniqueUrl());
        String id = post(body).then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(StatementsTopic.recordsWithKey(id)).hasSize(1));

        // Same words re-wrapped: the normalised content is the same.
        body.put("body", "  Azerbaijan should immediately release all prisoners\nof war and other captives. ");
        post(body).then().statusCode(200).body("id", equalTo(id));

        // Wait for a second relay round that would have published a duplicate; it must not appear.
        await().pollDelay(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(StatementsTopic.recordsWithKey(id)).hasSize(1));
    }

    @Test
    void changedTextAtSameUrlIsANewStatement() {
        Map<String, Object> body = statement(uniqueUrl());
        String first = post(body).path("id");
        body.put("body", "The United States welcomes the release of prisoners of war.");

        String second = post(body).then().statusCode(201).extract().path("id");

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void missingFieldsAreEachNamedInAProblem() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/statements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", containsInAnyOrder("sourceId", "url", "title", "body", "publishedAt"))
                .body("errors.message", hasItem("is required"));
    }

    @Test
    void urlThatIsNotHttpIsRejected() {
        for (String url :
                List.of("ftp://example.org/a", "javascript:alert(1)", "file:///etc/passwd", "/relative", "http://")) {
            Map<String, Object> body = statement(url);
            post(body)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("url")));
        }
    }

    @Test
    void publishedAtMoreThanADayAheadIsRejectedButWithinADayIsAccepted() {
        Map<String, Object> body = statement(uniqueUrl());
        body.put("publishedAt", Instant.now().plus(Duration.ofHours(25)).toString());
        post(body)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("publishedAt"))
                .body("errors[0].message", containsString("future"));

        body.put("publishedAt", Instant.now().plus(Duration.ofHours(23)).toString());
        post(body).then().statusCode(201);
    }

    @Test
    void publishedAtThatIsNotADateAndBadLanguageAreNamed() {
        Map<String, Object> body = statement(uniqueUrl());
        body.put("publishedAt", "yesterday");
        body.put("language", "english; DROP TABLE");
        post(body).then().statusCode(400).body("errors.field", containsInAnyOrder("publishedAt", "language"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON)
                .body("{\"sourceId\": \"x\", ")
                .post("/api/statements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"sourceId\": \"x\", \"title\": {\"nested\": true}}")
                .post("/api/statements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("title"));
    }

    @Test
    void invalidUtf8IsA400Problem() {
        byte[] prefix = "{\"sourceId\":\"a\",\"url\":\"https://a.org/x\",\"title\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\",\"body\":\"b\",\"publishedAt\":\"2021-05-27T18:30:00Z\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, bad, 0, prefix.length);
        bad[prefix.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
        bad[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, bad, prefix.length + 2, suffix.length);

        given().contentType("application/json; charset=UTF-8")
                .body(bad)
                .post("/api/statements")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void nulCharacterInBodyIsRejectedNotA500() {
        Map<String, Object> body = statement(uniqueUrl());
        body.put("body", "before\u0000after");
        post(body).then().statusCode(400).body("errors[0].field", equalTo("body"));
    }

    @Inject
    DataSource dataSource;

    @Test
    void badInputStoresAndPublishesNothingAndTheServiceKeepsServing() throws Exception {
        long[] before = {count("statement"), count("outbox")};
        Map<String, Object> future = statement(uniqueUrl());
        future.put("publishedAt", Instant.now().plus(Duration.ofDays(2)).toString());
        Map<String, Object> notHttp = statement("javascript:alert(1)");
        Map<String, Object> nul = statement(uniqueUrl());
        nul.put("body", "\u0000");
        for (Object bad : List.of("{", "[]", "{}", future, notHttp, nul)) {
            assertThat(post(bad).statusCode()).as("answer to %s", bad).isBetween(400, 499);
        }
        Map<String, Object> huge = statement(uniqueUrl());
        huge.put("body", "x".repeat(10_000_000));
        post(huge).then().statusCode(413);

        assertThat(new long[] {count("statement"), count("outbox")}).isEqualTo(before);
        post(statement(uniqueUrl())).then().statusCode(201);
    }

    private long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void bodyOverOneMegabyteIsA413AndNothingIsStored() {
        for (int size : new int[] {1_100_000, 10_000_000}) {
            String url = uniqueUrl();
            Map<String, Object> body = statement(url);
            body.put("body", "x".repeat(size));
            post(body)
                    .then()
                    .statusCode(413)
                    .contentType("application/problem+json")
                    .body("status", equalTo(413));
            given().queryParam("limit", 500)
                    .get("/api/statements")
                    .then()
                    .statusCode(200)
                    .body("url", Matchers.not(hasItem(url)));
        }
        // The service keeps serving after refusing big bodies.
        post(statement(uniqueUrl())).then().statusCode(201);
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().contentType(ContentType.TEXT)
                .body("hello")
                .post("/api/statements")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void unknownOrMalformedIdIs404Problem() {
        given().get("/api/statements/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("does not exist"));
        given().get("/api/statements/not-a-uuid").then().statusCode(404);
    }

    @Test
    void listIsNewestFirstAndHonoursSinceAndLimit() {
        String older = uniqueUrl();
        String newer = uniqueUrl();
        Map<String, Object> a = statement(older);
        Map<String, Object> b = statement(newer);
        a.put("publishedAt", "2024-03-01T00:00:00Z");
        b.put("publishedAt", "2024-03-02T00:00:00Z");
        post(a).then().statusCode(201);
        post(b).then().statusCode(201);

        given().queryParam("since", "2024-03-01T00:00:00Z")
                .queryParam("limit", 500)
                .get("/api/statements")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.url == '" + older + "' || it.url == '" + newer + "' }.url",
                        equalTo(List.of(newer, older)));
        given().queryParam("since", "2024-03-01T12:00:00Z")
                .queryParam("limit", 500)
                .get("/api/statements")
                .then()
                .body("url", Matchers.not(hasItem(older)));
        given().queryParam("limit", 1).get("/api/statements").then().body("$", hasSize(1));
    }

    @Test
    void badListParametersAreNamed() {
        given().queryParam("since", "last week")
                .queryParam("limit", 0)
                .get("/api/statements")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("since", "limit"));
        given().queryParam("limit", "ten").get("/api/statements").then().statusCode(400);
    }

    @Test
    void seedStatementIsLoadedAtStart() {
        given().queryParam("since", "2021-05-28T00:00:00Z")
                .queryParam("limit", 500)
                .get("/api/statements")
                .then()
                .statusCode(200)
                .body("find { it.sourceId == 'armenian-assembly' }.body", containsString("Section 907"))
                .body("find { it.sourceId == 'armenian-assembly' }.url", endsWith("/2021/05/28/283568"));
    }

    @Test
    void theListPagesWithALinkToTheNextPage() {
        String source = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = statement(uniqueUrl());
            body.put("sourceId", source);
            body.put("publishedAt", "2021-05-2" + i + "T18:30:00Z");
            post(body).then().statusCode(201);
        }
        var first =
                given().queryParam("sourceId", source).queryParam("limit", 2).get("/api/statements");
        first.then().statusCode(200).body("size()", Matchers.equalTo(2));
        String link = first.header("Link");
        assertThat(link).endsWith(">; rel=\"next\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        var second = given().get(
                        URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery());
        second.then()
                .statusCode(200)
                .body("size()", Matchers.equalTo(1))
                .body("[0].publishedAt", Matchers.equalTo("2021-05-20T18:30:00Z"));
        assertThat(second.header("Link")).isNull();
        given().queryParam("before", "not-a-cursor")
                .get("/api/statements")
                .then()
                .statusCode(400);
    }
}
