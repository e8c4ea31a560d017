package org.advocacyalerts.dispatcher.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.SmtpTestResource;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.Test;

/**
 * The subscriber portal over HTTP as a browser without script uses it: the topics and their latest
 * statements, subscribing by email (confirmation in a real SMTP server), forms refused without their
 * token, mistakes answered on the form, and whatever was typed shown inert.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SmtpTestResource.class)
class PortalTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** The front page as a browser first gets it: its form token and the cookie it goes with. */
    private record Visit(String html, String cookie, String token) {
        static Visit open() {
            Response page = given().get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher token = TOKEN.matcher(page.asString());
            assertThat(token.find()).as("the form carries its token").isTrue();
            return new Visit(page.asString(), page.getCookie(FormTokens.COOKIE), token.group(1));
        }

        Response post(String... fields) {
            var request = given().redirects()
                    .follow(false)
                    .contentType("application/x-www-form-urlencoded")
                    .cookie(FormTokens.COOKIE, cookie)
                    .formParam(FormTokens.FIELD, token);
            for (int k = 0; k < fields.length; k += 2) {
                request.formParam(fields[k], fields[k + 1]);
            }
            return request.post("/subscribe");
        }
    }

    @Test
    void theFrontPageShowsEachTopicWithItsLatestStatementAndFeed() {
        Statement statement = StatementsProducer.statement(
                "Release the prisoners <b>now</b>",
                "Opening. Azerbaijan must release the Armenian prisoners of war held in Baku. Closing.");
        StatementsProducer.publish(statement);

        String page = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> given().get("/").asString(),
                        p -> p.contains("Release the prisoners &lt;b&gt;now&lt;/b&gt;"));

        assertThat(page).contains("Armenian prisoners of war and detainees");
        assertThat(page).contains("Azerbaijan must release the Armenian prisoners of war held in Baku.");
        assertThat(page).contains("href=\"" + statement.url() + "\"");
        assertThat(page).contains("href=\"/topics/prisoners/feed.atom\"");
        // feed readers find each topic's feed from the page's address alone
        assertThat(page)
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\""
                        + " title=\"Armenian prisoners of war and detainees\" href=\"/topics/prisoners/feed.atom\">");
        assertThat(page).doesNotContain("<b>now</b>");
    }

    @Test
    void eachTopicShowsItsSummaryAndItsFullDefinitionOnDemand() {
        String page = given().get("/").asString();
        JsonPath prisoners =
                given().get("/api/topics/prisoners").then().extract().jsonPath();
        String summary = prisoners.getString("summary");
        String description = prisoners.getString("description");
        assertThat(summary).isNotBlank().hasSizeLessThanOrEqualTo(300);
        assertThat(page)
                .as("a sentence or two to read first, the rules of the topic one click away")
                .contains("<p>" + html(summary) + "</p>\n<details><summary>What counts as this topic, in full"
                        + "</summary><p>" + html(description) + "</p></details>");
    }

    /** Text as the page's templates escape it. */
    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Test
    void aPersonSubscribesAndGetsOnlyTheConfirmationEmail() {
        String address = "portal-" + UUID.randomUUID() + "@example.org";
        Visit visit = Visit.open();
        assertThat(visit.cookie())
                .as("HttpOnly, SameSite=Strict cookie set with the form")
                .isNotBlank();

        Response answer = visit.post("email", address, "topics", "prisoners", "topics", "border", "mode", "daily");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.asString()).contains("Check your inbox", address);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(address).size() == 1);
        assertThat(subject(mailTo(address).get(0))).containsIgnoringCase("confirm");
    }

    @Test
    void aFormPostedWithoutItsTokenOrWithAnotherBrowsersIsRefused() {
        String address = "csrf-" + UUID.randomUUID() + "@example.org";
        Visit visit = Visit.open();
        Visit other = Visit.open();

        Response noToken = given().contentType("application/x-www-form-urlencoded")
                .cookie(FormTokens.COOKIE, visit.cookie())
                .formParam("email", address)
                .formParam("topics", "prisoners")
                .post("/subscribe");
        Response noCookie = given().contentType("application/x-www-form-urlencoded")
                .formParam(FormTokens.FIELD, visit.token())
                .formParam("email", address)
                .formParam("topics", "prisoners")
                .post("/subscribe");
        Response crossed = new Visit("", other.cookie(), visit.token()).post("email", address, "topics", "prisoners");

        assertThat(List.of(noToken.statusCode(), noCookie.statusCode(), crossed.statusCode()))
                .containsOnly(403);
        assertThat(noToken.asString()).contains("Form not accepted");
        assertThat(mailTo(address)).as("nothing was subscribed").isEmpty();
    }

    @Test
    void mistakesComeBackOnTheFormWithWhatWasTypedShownInert() {
        Visit visit = Visit.open();
        String typed = "\"><script>alert(1)</script>";

        Response answer =
                visit.post("email", typed, "topics", "no-such-topic", "mode", "hourly", "timeZone", "Mars/Olympus");

        assertThat(answer.statusCode()).isEqualTo(400);
        String page = answer.asString();
        assertThat(page).contains("role=\"alert\"", "Email address:", "Topics:", "How often:", "Time zone:");
        assertThat(page).contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        assertThat(page).doesNotContain("<script>");
        assertThat(page).contains("value=\"Mars/Olympus\"");
        assertThat(visit.post("email", "someone@example.org").asString())
                .as("in words a subscriber understands")
                .contains("Topics: choose at least one.");
    }

    @Test
    void theAboutPageSaysWhatArrivesAndHowToStop() {
        String page = given().get("/about").then().statusCode(200).extract().asString();

        assertThat(page).contains("one email asking you to confirm", "unsubscribe", "Atom feed");
    }

    private static List<MimeMessage> mailTo(String address) {
        return SmtpTestResource.messagesTo(address);
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
