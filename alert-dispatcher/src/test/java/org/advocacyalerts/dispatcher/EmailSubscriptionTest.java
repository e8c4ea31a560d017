package org.advocacyalerts.dispatcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advocacyalerts.dispatcher.email.EmailLinks;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.SmtpTestResource;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.model.Statement;
import org.hamcrest.Matchers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Email subscriptions against a real SMTP server (GreenMail), read as a mail client reads them:
 * double opt-in, the alert email (HTML and text, escaped, no header injection), RFC 8058 unsubscribe.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SmtpTestResource.class)
class EmailSubscriptionTest {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @Inject
    MovableClock clock;

    @Inject
    EmailLinks links;

    private final WebhookReceiver witness = new WebhookReceiver();
    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> given().delete("/api/subscriptions/" + id));
        witness.close();
        clock.reset();
    }

    private static List<MimeMessage> mailTo(String address) {
        return SmtpTestResource.messagesTo(address);
    }

    /** The text/plain and text/html parts of a multipart/alternative message. */
    private static Map<String, String> parts(MimeMessage message) throws Exception {
        Object content = message.getContent();
        assertThat(content).isInstanceOf(MimeMultipart.class);
        MimeMultipart multipart = (MimeMultipart) content;
        assertThat(multipart.getContentType()).startsWith("multipart/alternative");
        Map<String, String> parts = new HashMap<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            parts.put(
                    part.getContentType().split(";")[0].strip().toLowerCase(),
                    part.getContent().toString());
        }
        return parts;
    }

    /** A header of the part of that type in a multipart/alternative message. */
    private static String partHeader(MimeMessage message, String type, String header) throws Exception {
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith(type)) {
                return part.getHeader(header)[0];
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath();
    }

    private String subscribeEmail(String address) {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "email", "target", address, "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(202)
                .body("status", Matchers.equalTo("unconfirmed"))
                .extract()
                .path("id");
        subscriptions.add(id);
        return id;
    }

    /** A subscription to {@code prisoners}, confirmed through the link of its confirmation email. */
    private String confirmedSubscriber(String address) throws Exception {
        String id = subscribeEmail(address);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(address).size() == 1);
        Matcher link = LINK.matcher(parts(mailTo(address).get(0)).get("text/plain"));
        assertThat(link.find()).isTrue();
        given().post(pathOf(link.group())).then().statusCode(200);
        return id;
    }

    /** The one-click link of an email's List-Unsubscribe header. */
    private static String unsubscribeLink(MimeMessage message) throws Exception {
        Matcher https = Pattern.compile("<(http[^>]+)>").matcher(message.getHeader("List-Unsubscribe")[0]);
        assertThat(https.find()).isTrue();
        return https.group(1);
    }

    /** A webhook subscriber on the same topic: when it has the statement, the dispatcher has handled it. */
    private void witnessTheTopic() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("channel", "webhook", "target", witness.url(), "topics", List.of("prisoners")))
                .post("/api/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        subscriptions.add(id);
    }

    @Test
    void doubleOptInThenAnEscapedAlertEmailThenOneClickUnsubscribe() throws Exception {
        String address = "member-" + UUID.randomUUID() + "@example.org";
        witnessTheTopic();
        String id = subscribeEmail(address);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(address).size() == 1);
        MimeMessage confirmation = mailTo(address).get(0);
        assertThat(confirmation.getSubject()).isEqualTo("Confirm your Advocacy Alerts subscription");
        Map<String, String> confirmationParts = parts(confirmation);
        Matcher link = LINK.matcher(confirmationParts.get("text/plain"));
        assertThat(link.find()).isTrue();
        String confirmLink = link.group();
        assertThat(confirmationParts.get("text/html")).contains(confirmLink);

        // Unconfirmed: a matching statement sends nothing but the confirmation to the address.
        StatementsProducer.publish(StatementsProducer.statement("POWs", "Azerbaijan must release the POWs."));
        await().atMost(Duration.ofSeconds(15)).until(() -> witness.received().size() == 1);
        assertThat(mailTo(address)).hasSize(1);

        // Opening the link (as a mail scanner does) shows a page with a button, and confirms nothing.
        given().get(pathOf(confirmLink))
                .then()
                .statusCode(200)
                .body(containsString("<form method=\"post\" action=\"" + pathOf(confirmLink) + "\">"));
        given().get("/api/subscriptions/" + id).then().body("status", Matchers.equalTo("unconfirmed"));
        given().post(pathOf(confirmLink)).then().statusCode(200).body(containsString("Subscription confirmed"));
        given().get("/api/subscriptions/" + id).then().body("status", Matchers.equalTo("active"));

        Statement hostile = StatementsProducer.statement(
                "Prisoners\r\nBcc: attacker@example.net",
                "<script>alert(1)</script> Azerbaijan must release the prisoners of war & <b>detainees</b> —"
                        + " Karabakh’s détenus.");
        StatementsProducer.publish(hostile);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(address).size() == 2);
        MimeMessage alert = mailTo(address).get(1);
        assertThat(alert.getSubject()).isEqualTo("Prisoners Bcc: attacker@example.net");
        assertThat(alert.getHeader("Bcc")).isNull();
        assertThat(alert.getAllRecipients()).hasSize(1);
        Map<String, String> alertParts = parts(alert);
        String html = alertParts.get("text/html");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(html).contains("<mark>prisoners of war</mark>");
        assertThat(html).doesNotContain("<b>detainees</b>");
        // Sent as is (7-bit, every other character a character reference), read as written.
        assertThat(partHeader(alert, "text/html", "Content-Transfer-Encoding")).isEqualTo("7bit");
        assertThat(Jsoup.parse(html).text()).contains("<b>detainees</b> — Karabakh’s détenus.");
        assertThat(alertParts.get("text/plain")).contains("*prisoners of war*").contains(hostile.url());

        String listUnsubscribe = alert.getHeader("List-Unsubscribe")[0];
        assertThat(alert.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        Matcher https = Pattern.compile("<(http[^>]+)>").matcher(listUnsubscribe);
        assertThat(https.find()).isTrue();
        assertThat(listUnsubscribe).contains("<mailto:");
        String unsubscribe = pathOf(https.group(1));
        assertThat(html).contains(https.group(1));

        given().get(unsubscribe).then().statusCode(200).body(containsString("<form method=\"post\""));
        given().get("/api/subscriptions/" + id).then().statusCode(200); // a GET unsubscribes nobody
        given().contentType(ContentType.URLENC)
                .body("List-Unsubscribe=Maybe")
                .post(unsubscribe)
                .then()
                .statusCode(400);
        given().contentType(ContentType.URLENC)
                .body("List-Unsubscribe=One-Click")
                .post(unsubscribe)
                .then()
                .statusCode(200)
                .body(containsString("Unsubscribed"));
        given().get("/api/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void subscribersToOneStatementGetTheSameEmailEachWithItsOwnUnsubscribeLink() throws Exception {
        String first = "first-" + UUID.randomUUID() + "@example.org";
        String second = "second-" + UUID.randomUUID() + "@example.org";
        witnessTheTopic();
        String firstId = confirmedSubscriber(first);
        String secondId = confirmedSubscriber(second);

        StatementsProducer.publish(StatementsProducer.statement(
                "Release the POWs", "Azerbaijan must release the Armenian prisoners of war held in Baku."));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> mailTo(first).size() == 2 && mailTo(second).size() == 2);

        MimeMessage toFirst = mailTo(first).get(1);
        MimeMessage toSecond = mailTo(second).get(1);
        String firstLink = unsubscribeLink(toFirst);
        String secondLink = unsubscribeLink(toSecond);
        assertThat(firstLink).isNotEqualTo(secondLink);
        Map<String, String> firstParts = parts(toFirst);
        Map<String, String> secondParts = parts(toSecond);
        for (String type : List.of("text/html", "text/plain")) {
            assertThat(firstParts.get(type)).contains(firstLink).doesNotContain(secondLink);
            assertThat(secondParts.get(type)).contains(secondLink).doesNotContain(firstLink);
            assertThat(firstParts.get(type).replace(firstLink, "LINK"))
                    .contains("prisoners of war")
                    .isEqualTo(secondParts.get(type).replace(secondLink, "LINK"));
        }
        assertThat(toFirst.getSubject()).isEqualTo("Release the POWs").isEqualTo(toSecond.getSubject());

        // The link in the first email unsubscribes its reader, and nobody else.
        String inBody = Jsoup.parse(firstParts.get("text/html"))
                .select("a[href*=unsubscribe]")
                .attr("href");
        given().contentType(ContentType.URLENC)
                .body("List-Unsubscribe=One-Click")
                .post(pathOf(inBody))
                .then()
                .statusCode(200);
        given().get("/api/subscriptions/" + firstId).then().statusCode(404);
        given().get("/api/subscriptions/" + secondId).then().statusCode(200);
    }

    @Test
    void aDailyDigestGroupsTheDaysAlertsAtSevenInTheSubscribersTimeZoneAndIsNeverEmpty() throws Exception {
        String address = "digest-" + UUID.randomUUID() + "@example.org";
        witnessTheTopic();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel", "email",
                        "target", address,
                        "topics", List.of("prisoners"),
                        "mode", "daily",
                        "timeZone", "Asia/Yerevan"))
                .post("/api/subscriptions")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        subscriptions.add(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(address).size() == 1);
        Matcher link = LINK.matcher(parts(mailTo(address).get(0)).get("text/plain"));
        assertThat(link.find()).isTrue();
        given().post(pathOf(link.group())).then().statusCode(200);

        Statement first = StatementsProducer.statement(
                "First POWs statement", "Azerbaijan must release the Armenian prisoners of war.");
        Statement second =
                StatementsProducer.statement("Second POWs statement", "Armenian detainees held in Baku must go home.");
        StatementsProducer.publish(first);
        StatementsProducer.publish(second);
        await().atMost(Duration.ofSeconds(15)).until(() -> witness.received().size() == 2);
        assertThat(mailTo(address)).as("held for the digest").hasSize(1);

        // To just after the next 07:00 in Yerevan.
        ZonedDateTime now = clock.instant().atZone(ZoneId.of("Asia/Yerevan"));
        ZonedDateTime seven = now.toLocalDate().atTime(7, 0).atZone(now.getZone());
        if (!seven.isAfter(now)) {
            seven = seven.plusDays(1);
        }
        clock.advance(Duration.between(now, seven).plusMinutes(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(address).size() == 2);
        MimeMessage digest = mailTo(address).get(1);
        assertThat(digest.getSubject()).isEqualTo("Your daily Advocacy Alerts digest: 2 statements");
        assertThat(digest.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String text = parts(digest).get("text/plain");
        assertThat(text).contains("== prisoners ==").contains(first.title()).contains(second.title());
        assertThat(parts(digest).get("text/html")).contains("<mark>");

        // A day without alerts sends nothing; the period already sent is not sent again.
        clock.advance(Duration.ofDays(1));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> mailTo(address).size() == 2);
    }

    @Test
    void anUnconfirmedLinkExpiresAfterSevenDaysAndForgedLinksAreRefused() throws Exception {
        String address = "late-" + UUID.randomUUID() + "@example.org";
        String id = subscribeEmail(address);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(address).size() == 1);
        Matcher link = LINK.matcher(parts(mailTo(address).get(0)).get("text/plain"));
        assertThat(link.find()).isTrue();
        String confirm = pathOf(link.group());

        clock.advance(Duration.ofDays(8));
        given().get(confirm).then().statusCode(400).body(containsString("expired"));
        given().get("/api/subscriptions/" + id).then().body("status", Matchers.equalTo("unconfirmed"));

        String forged = confirm.substring(0, confirm.length() - 3) + "AAA";
        clock.reset();
        given().get(forged).then().statusCode(400);
        given().get("/email/unsubscribe/not-a-token").then().statusCode(400);
        // A confirm token is not an unsubscribe token.
        given().contentType(ContentType.URLENC)
                .body("List-Unsubscribe=One-Click")
                .post("/email/unsubscribe/" + confirm.substring(confirm.lastIndexOf('/') + 1))
                .then()
                .statusCode(400);
    }

    @Test
    void aOneClickPostUnsubscribesWhateverTypeTheClientAccepts() throws Exception {
        // RFC 8058 robots may ask for JSON, or for a type no page can be: the POST unsubscribes all the same.
        Map<String, Integer> statusByAccept = new LinkedHashMap<>();
        statusByAccept.put("application/json", 200);
        statusByAccept.put("text/plain", 200);
        statusByAccept.put("application/xml", 204);
        for (Map.Entry<String, Integer> accept : statusByAccept.entrySet()) {
            String address = "robot-" + UUID.randomUUID() + "@example.org";
            String id = confirmedSubscriber(address);
            String unsubscribe = pathOf(links.unsubscribe(UUID.fromString(id)).url());
            var answer = given().contentType(ContentType.URLENC)
                    .accept(accept.getKey())
                    .body("List-Unsubscribe=One-Click")
                    .post(unsubscribe)
                    .then()
                    .statusCode(accept.getValue())
                    .extract();
            if (accept.getValue() == 200) {
                assertThat(answer.contentType()).startsWith(accept.getKey());
                assertThat(answer.asString()).contains("Unsubscribed");
            }
            given().get("/api/subscriptions/" + id).then().statusCode(404);
        }
        // A bad body is still refused, in the type asked for.
        String id = confirmedSubscriber("robot-" + UUID.randomUUID() + "@example.org");
        given().contentType(ContentType.URLENC)
                .accept(ContentType.JSON)
                .body("List-Unsubscribe=Maybe")
                .post(pathOf(links.unsubscribe(UUID.fromString(id)).url()))
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON);
        given().get("/api/subscriptions/" + id).then().statusCode(200);
    }

    @Test
    void badAddressesModesAndZonesAreRefused() {
        for (String address : List.of(
                "not-an-address",
                "a@b",
                "victim@example.org\r\nBcc: attacker@example.net",
                "<a@example.org>",
                "a@example.org, b@example.org",
                "x".repeat(250) + "@example.org")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("channel", "email", "target", address, "topics", List.of("prisoners")))
                    .post("/api/subscriptions")
                    .then()
                    .statusCode(400)
                    .body(containsString("email address"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "email",
                        "target",
                        "a@example.org",
                        "topics",
                        List.of("prisoners"),
                        "mode",
                        "hourly",
                        "timeZone",
                        "Mars/Olympus"))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .body(containsString("mode"))
                .body(containsString("timeZone"));
    }

    @Test
    void theContactOfAWebhookSubscriptionIsToldOnceWhenItIsDisabled() throws Exception {
        String contact = "webmaster-" + UUID.randomUUID() + "@partner.example.org";
        WebhookReceiver gone = new WebhookReceiver();
        try {
            gone.answerInTurn(WebhookReceiver.Answer.of(410));
            String id = given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "channel",
                            "webhook",
                            "target",
                            gone.url(),
                            "topics",
                            List.of("prisoners"),
                            "contact",
                            contact))
                    .post("/api/subscriptions")
                    .then()
                    .statusCode(201)
                    .body("contact", Matchers.equalTo(contact))
                    .extract()
                    .path("id");
            subscriptions.add(id);
            // First the contact is asked to verify the address; until then it is told nothing.
            await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(contact).size() == 1);
            MimeMessage verification = mailTo(contact).get(0);
            assertThat(verification.getSubject()).isEqualTo("Confirm this address for Advocacy Alerts notices");
            Matcher verify = Pattern.compile("https?://\\S+/email/verify-contact/\\S+")
                    .matcher(parts(verification).get("text/plain"));
            assertThat(verify.find()).isTrue();
            StatementsProducer.publish(StatementsProducer.statement("POWs", "Azerbaijan must release the POWs."));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> given().get("/api/subscriptions/" + id).path("status"), "disabled"::equals);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> mailTo(contact).size() == 1);
            given().get(pathOf(verify.group())).then().statusCode(200); // a scanner: verifies nothing
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> mailTo(contact).size() == 1);
            given().post(pathOf(verify.group())).then().statusCode(200).body(containsString("Address confirmed"));

            await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(contact).size() == 2);
            MimeMessage notice = mailTo(contact).get(1);
            assertThat(notice.getSubject()).isEqualTo("Webhook alerts to 127.0.0.1 are stopped");
            String text = parts(notice).get("text/plain");
            assertThat(text)
                    .contains(gone.url())
                    .contains("410 Gone")
                    .contains("/api/subscriptions/" + id + "/recover?since=");
            // Told once: later looks (every second in tests) send nothing more.
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> mailTo(contact).size() == 2);
        } finally {
            gone.close();
        }
    }

    @Test
    void aContactMustBeAnAddressAndOnlyForWebhooks() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "webhook",
                        "target",
                        "https://example.org/hooks",
                        "topics",
                        List.of("prisoners"),
                        "contact",
                        "ops@example.org\r\nBcc: attacker@example.net"))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("contact"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channel",
                        "email",
                        "target",
                        "a@example.org",
                        "topics",
                        List.of("prisoners"),
                        "contact",
                        "b@example.org"))
                .post("/api/subscriptions")
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("contact"));
    }

    @Test
    void anEmailToTheListUnsubscribeMailtoUnsubscribesAndOtherMailThereIsLeftAlone() throws Exception {
        String address = "mailto-" + UUID.randomUUID() + "@example.org";
        witnessTheTopic();
        String id = confirmedSubscriber(address);
        StatementsProducer.publish(StatementsProducer.statement("POWs", "Azerbaijan must release the POWs."));
        await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(address).size() == 2);

        // As a mail client does with List-Unsubscribe's mailto: a message to its address with its subject.
        Matcher mailto = Pattern.compile("<mailto:([^?>]+)\\?subject=([^>]+)>")
                .matcher(mailTo(address).get(1).getHeader("List-Unsubscribe")[0]);
        assertThat(mailto.find()).isTrue();
        String to = mailto.group(1);
        String subject = URLDecoder.decode(mailto.group(2), StandardCharsets.UTF_8);
        GreenMailUtil.sendTextEmail(
                to,
                address,
                "Re: something about unsubscribe",
                "please keep me",
                SmtpTestResource.mail().getSmtp().getServerSetup());
        GreenMailUtil.sendTextEmail(
                to,
                address,
                "unsubscribe forged-token",
                "",
                SmtpTestResource.mail().getSmtp().getServerSetup());
        GreenMailUtil.sendTextEmail(
                to, address, subject, "", SmtpTestResource.mail().getSmtp().getServerSetup());

        await().atMost(Duration.ofSeconds(15))
                .until(() -> given().get("/api/subscriptions/" + id).statusCode() == 404);
        // The requests are read and removed; a person's mail to the same address stays for a person.
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(to).size() == 1);
        assertThat(mailTo(to).get(0).getSubject()).isEqualTo("Re: something about unsubscribe");
    }
}
