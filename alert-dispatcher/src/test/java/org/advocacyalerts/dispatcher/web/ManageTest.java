package org.advocacyalerts.dispatcher.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.Subscriptions;
import org.advocacyalerts.dispatcher.email.Confirmations;
import org.advocacyalerts.dispatcher.email.LinkTokens;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.SmtpTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The page the link in every email opens: an email subscriber changes topics and frequency, pauses and
 * resumes, or unsubscribes, with nothing lost and nothing changed by merely opening it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SmtpTestResource.class)
@SuppressWarnings("unchecked") // the API's JSON read as maps and lists
class ManageTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    LinkTokens tokens;

    @Inject
    Confirmations confirmations;

    @Inject
    DataSource dataSource;

    private String subscription;

    @AfterEach
    void cleanUp() {
        Subscriptions.delete(subscription);
    }

    /** A confirmed email subscription of {@code address}; the token of the link its emails carry. */
    private String subscribed(String address, String mode, String... topics) {
        subscription = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "target", address, "topics", List.of(topics), "mode", mode))
                .post("/api/subscriptions")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertThat(confirmations.confirm(UUID.fromString(subscription))).isTrue();
        return tokens.issue(LinkTokens.Purpose.UNSUBSCRIBE, UUID.fromString(subscription), Instant.MAX);
    }

    /** The manage page as a browser gets it, and a form of it posted with the page's token and cookie. */
    private record Page(String html, String cookie, String csrf) {
        static Page open(String token) {
            Response page = given().get("/email/manage/" + token);
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher csrf = TOKEN.matcher(page.asString());
            assertThat(csrf.find()).isTrue();
            return new Page(page.asString(), page.getCookie(FormTokens.COOKIE), csrf.group(1));
        }

        Response post(String path, String... fields) {
            var request = given().contentType("application/x-www-form-urlencoded")
                    .cookie(FormTokens.COOKIE, cookie)
                    .formParam(FormTokens.FIELD, csrf);
            for (int k = 0; k < fields.length; k += 2) {
                request.formParam(fields[k], fields[k + 1]);
            }
            return request.post(path);
        }
    }

    private static List<String> subjects(String address) {
        return SmtpTestResource.messagesTo(address).stream()
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(s -> !s.startsWith("Confirm"))
                .toList();
    }

    @Test
    void theLinkInEveryEmailOpensThePageWhichShowsTheSubscriptionAndChangesNothing() {
        String address = "manage-" + UUID.randomUUID() + "@example.org";
        String token = subscribed(address, "instant", "prisoners");

        given().redirects()
                .follow(false)
                .get("/email/unsubscribe/" + token)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/email/manage/" + token));
        Page page = Page.open(token);

        assertThat(page.html()).contains(address, "value=\"prisoners\" checked", "value=\"instant\" checked");
        assertThat(given().get("/api/subscriptions/" + subscription)
                        .path("status")
                        .toString())
                .isEqualTo("active");
        given().get("/email/manage/not-a-token").then().statusCode(404);
    }

    @Test
    void changingToInstantSendsWhatADigestHeldAndNewTopicsApplyAtOnce() {
        String address = "digest-" + UUID.randomUUID() + "@example.org";
        String token = subscribed(address, "daily", "prisoners");
        StatementsProducer.publish(StatementsProducer.statement(
                "Held for the digest", "Azerbaijan must release the Armenian prisoners of war held in Baku."));
        await().atMost(Duration.ofSeconds(30)).until(() -> heldCount() == 1);

        Response saved = Page.open(token)
                .post("/email/manage/" + token, "topics", "prisoners", "topics", "border", "mode", "instant");

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.asString()).contains("Saved.", "value=\"border\" checked", "value=\"instant\" checked");
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects(address).size() == 1);
        assertThat(subjects(address).get(0)).contains("Held for the digest");
        Map<String, Object> after =
                given().get("/api/subscriptions/" + subscription).jsonPath().getMap("");
        assertThat(after).containsEntry("mode", "instant");
        assertThat((List<Object>) after.get("topics")).containsExactlyInAnyOrder("prisoners", "border");
    }

    @Test
    void pausedNothingArrivesAndAfterResumingOnlyWhatIsNew() {
        String address = "pause-" + UUID.randomUUID() + "@example.org";
        String token = subscribed(address, "instant", "prisoners");

        assertThat(Page.open(token).post("/email/manage/" + token + "/pause").asString())
                .contains("Paused.", "Resume alerts");
        StatementsProducer.publish(StatementsProducer.statement(
                "While paused", "Azerbaijan must release the Armenian prisoners of war held in Baku."));
        StatementsProducer.awaitConsumed(Duration.ofSeconds(30));
        assertThat(Page.open(token).post("/email/manage/" + token + "/resume").asString())
                .contains("Resumed.", "Pause alerts");
        StatementsProducer.publish(StatementsProducer.statement(
                "After resuming", "The Armenian prisoners of war held in Baku must go home.", Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> subjects(address).size() == 1);
        assertThat(subjects(address).get(0)).contains("After resuming");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> subjects(address).size() == 1);
    }

    @Test
    void aChangePostedWithoutThePagesTokenIsRefusedAndChangesNothing() {
        String token = subscribed("csrf-" + UUID.randomUUID() + "@example.org", "instant", "prisoners");

        given().contentType("application/x-www-form-urlencoded")
                .formParam("topics", "border")
                .formParam("mode", "weekly")
                .post("/email/manage/" + token)
                .then()
                .statusCode(403);
        given().contentType("application/x-www-form-urlencoded")
                .post("/email/manage/" + token + "/pause")
                .then()
                .statusCode(403);

        Map<String, Object> after =
                given().get("/api/subscriptions/" + subscription).jsonPath().getMap("");
        assertThat(after).containsEntry("mode", "instant").containsEntry("status", "active");
        assertThat((List<Object>) after.get("topics")).containsExactly("prisoners");
    }

    private long heldCount() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM alert WHERE subscription_id = ?::uuid AND status = 'held'")) {
            ps.setString(1, subscription);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
