package org.advocacyalerts.dispatcher.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.api.access.ApiKeyTokens;
import org.advocacyalerts.api.access.Roles;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.Subscriptions;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.local.TestCredentials;
import org.advocacyalerts.local.WebhookReceiver;
import org.advocacyalerts.local.WebhookReceiver.Answer;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The staff console as a browser uses it (cookies, forms, no {@code Authorization} header): signing in
 * with an admin key only, sessions that end with their key, the evidence marked in statements, the topic
 * editor's check, backtest and save, and a dead letter sent again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ConsoleTest {

    @TestHTTPResource("/")
    URI base;

    private final List<String> subscriptions = new ArrayList<>();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(Subscriptions::delete);
        receiver.close();
    }

    private FormClient signedIn() throws Exception {
        FormClient browser = new FormClient(base);
        HttpResponse<String> answer = browser.signIn(TestCredentials.ADMIN_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        return browser;
    }

    private static String createKey(String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "console " + role, "role", role, "owner", "console-test"))
                .post("/api/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    @Test
    void aBrowserWithoutASessionIsSentToSignIn() throws Exception {
        FormClient browser = new FormClient(base);
        for (String page : List.of("/admin", "/admin/topics", "/admin/deliveries?status=failed", "/admin/sources")) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location").orElseThrow())
                    .as(page)
                    .endsWith("/admin/sign-in?why=signed-out");
        }
        assertThat(browser.get("/admin/sign-in?why=signed-out").body()).contains("Sign in to use the staff console");
    }

    @Test
    void onlyAValidAdminKeySignsIn() throws Exception {
        FormClient browser = new FormClient(base);
        for (String wrong : List.of("", "not a key", ApiKeyTokens.generate(), createKey(Roles.INTEGRATOR))) {
            HttpResponse<String> refused = browser.signIn(wrong);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("That is not a valid admin key");
            assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
        }

        HttpResponse<String> in = browser.signIn(TestCredentials.ADMIN_KEY);
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        String setCookie = in.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(StaffSessions.COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .contains("HttpOnly", "SameSite=Strict", "Path=/admin")
                .doesNotContain("aa_test");
        HttpCookie session = HttpCookie.parse(setCookie).get(0);
        assertThat(session.getValue()).doesNotContain(TestCredentials.ADMIN_KEY.substring(3));
        assertThat(browser.get("/admin").statusCode()).isEqualTo(200);

        // signing out ends it
        assertThat(browser.post("/admin/sign-out", Map.of()).statusCode()).isEqualTo(303);
        assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
    }

    @Test
    void aFormWithoutItsTokenSignsNobodyIn() throws Exception {
        FormClient browser = new FormClient(base);
        browser.get("/admin/sign-in");
        HttpResponse<String> refused =
                browser.post("/admin/sign-in", Map.of("key", TestCredentials.ADMIN_KEY, "csrf", "k1.forged"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin").statusCode()).isEqualTo(303);
    }

    @Test
    void aRevokedKeyEndsItsSessionsAndATamperedCookieOpensNothing() throws Exception {
        String key = createKey(Roles.ADMIN);
        FormClient browser = new FormClient(base);
        assertThat(browser.signIn(key).statusCode()).isEqualTo(303);
        assertThat(browser.get("/admin").statusCode()).isEqualTo(200);

        HttpCookie session = browser.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(StaffSessions.COOKIE))
                .findFirst()
                .orElseThrow();
        FormClient forger = new FormClient(base);
        String value = session.getValue();
        char flipped = value.charAt(value.length() / 2) == 'A' ? 'B' : 'A';
        HttpCookie tampered = new HttpCookie(
                StaffSessions.COOKIE,
                value.substring(0, value.length() / 2) + flipped + value.substring(value.length() / 2 + 1));
        tampered.setPath("/admin");
        forger.cookies
                .getCookieStore()
                .add(URI.create(base.toString().replace("://localhost", "://127.0.0.1")), tampered);
        assertThat(forger.get("/admin").statusCode()).isEqualTo(303);

        String id = given().get("/api/keys?limit=200")
                .then()
                .extract()
                .jsonPath()
                .getList("keys.findAll { it.name == 'console admin' }.id", String.class)
                .get(0);
        given().delete("/api/keys/" + id).then().statusCode(204);
        HttpResponse<String> ended = browser.get("/admin");
        assertThat(ended.statusCode()).isEqualTo(303);
        assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("why=expired");
    }

    @Test
    void aStatementShowsTheTopicsItMatchedWithTheEvidenceMarkedAndNothingRuns() throws Exception {
        Statement statement = StatementsProducer.statement(
                "<script>alert('x')</script> Prisoners of war",
                "The Secretary met the Foreign Minister. Azerbaijan must release the Armenian prisoners of war"
                        + " held in Baku without delay. Talks go on.",
                Instant.now().minus(Duration.ofHours(1))); // within the activity charts' 90 days
        StatementsProducer.publish(statement);
        FormClient browser = signedIn();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        browser.get("/admin").body().contains(statement.id().toString()));

        String list = browser.get("/admin").body();
        assertThat(list)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Prisoners of war")
                .doesNotContain("<script>alert");
        String page = browser.get("/admin/statements/" + statement.id()).body();
        assertThat(page)
                .contains("The Secretary met the Foreign Minister. <mark>Azerbaijan must release the Armenian prisoners"
                        + " of war held in Baku without delay.</mark> Talks go on.")
                .contains("/admin/topics/edit?id=prisoners");
        assertThat(browser.get("/admin/statements/not-an-id").statusCode()).isEqualTo(404);
        assertThat(browser.get("/admin/activity").body())
                .contains("Armenian prisoners of war and detainees")
                .containsPattern("<title>\\d{4}-\\d{2}-\\d{2}: [1-9]\\d* statements</title>");
    }

    @Test
    void aTopicIsCheckedAndBacktestedBeforeItIsSaved() throws Exception {
        Statement statement = StatementsProducer.statement(
                "Tegh checkpoint",
                "Azerbaijan set up a new checkpoint near Tegh, on the road to the Lachin corridor.",
                Instant.now().minus(Duration.ofDays(2))); // within the backtest's 90 days
        StatementsProducer.publish(statement);
        FormClient browser = signedIn();
        assertThat(browser.get("/admin/topics").body()).contains("/admin/topics/edit?id=prisoners");
        browser.get("/admin/topics/edit");
        Map<String, String> topic = Map.of(
                "id", "tegh-checkpoint",
                "name", "Tegh checkpoint",
                "summary", "The checkpoint Azerbaijan set up near Tegh.",
                "description", "The checkpoint near Tegh.",
                "aliases", "checkpoint, check-point\nTegh, Tex");

        // As typed: the editor's script asks whether the query parses (the page's policy lets only
        // this service's own script run, and nothing inline).
        HttpResponse<String> editor = browser.get("/admin/topics/edit?id=prisoners");
        assertThat(editor.headers().allValues("Content-Security-Policy"))
                .singleElement()
                .satisfies(policy -> assertThat(policy)
                        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                        .doesNotContain("unsafe"));
        assertThat(editor.body()).contains("<script src=\"/static/topic-editor.js\" defer></script>");
        assertThat(browser.post("/admin/topics/syntax", Map.of("query", "(Tegh AND"))
                        .body())
                .contains("\"valid\":false", "query: ");
        assertThat(browser.post("/admin/topics/syntax", Map.of("query", "Tegh NEAR/5 checkpoint"))
                        .body())
                .contains("\"valid\":true");
        // a word of a group that is not its first term stands for the whole group: the editor says so as
        // typed, and on the page of a topic that has such words (border's "shooting" finds troops and tension)
        assertThat(browser.post(
                                "/admin/topics/syntax",
                                Map.of("query", "Tex NEAR/5 checkpoint NOT/s Tegh", "aliases", topic.get("aliases")))
                        .body())
                .contains(
                        "\"valid\":true",
                        "\"notes\":[\"Tex stands for its whole alias group \u201cTegh\u201d (2 terms):"
                                + " it also finds Tegh and, after a NOT, leaves them out too.")
                .doesNotContain("checkpoint stands for", "Tegh stands for");
        assertThat(browser.post("/admin/topics/syntax", Map.of("query", "(Tex AND", "aliases", topic.get("aliases")))
                        .body())
                .as("no note on a query that does not parse")
                .contains("\"valid\":false", "\"notes\":[]");
        assertThat(browser.get("/admin/topics/edit?id=border").body())
                .contains(
                        "<ul id=\"query-notes\"",
                        "<li>shooting stands for its whole alias group \u201chostilities\u201d")
                .doesNotContain("Karabakh stands for");
        // the default peace-process topic as its editor holds it: 4,500 characters of query and 6 KB of
        // aliases, more than a request line may carry, so the script posts them
        Map<String, String> peace = peaceProcessAsTheEditorHoldsIt();
        HttpResponse<String> large = browser.post(
                "/admin/topics/syntax", Map.of("query", peace.get("query"), "aliases", peace.get("aliases")));
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(large.body()).contains("\"valid\":true");
        assertThat(browser.post("/admin/topics/syntax", Map.of("csrf", "1.forged", "query", "x"))
                        .statusCode())
                .as("not from our page")
                .isEqualTo(403);
        assertThat(new FormClient(base)
                        .post("/admin/topics/syntax", Map.of("query", "x"))
                        .statusCode())
                .as("no session, no answer")
                .isEqualTo(303);

        HttpResponse<String> broken = browser.post("/admin/topics/check", with(topic, "query", "(Tegh AND"));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("Please correct", "query:");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> checked =
                    browser.post("/admin/topics/check", with(topic, "query", "Tegh NEAR/5 checkpoint"));
            assertThat(checked.statusCode()).isEqualTo(200);
            assertThat(checked.body())
                    .contains("The query is valid. It would have matched 1 of the last 90 days'")
                    .contains("/admin/statements/" + statement.id());
        });
        given().get("/api/topics/tegh-checkpoint").then().statusCode(404); // checking saved nothing

        HttpResponse<String> saved = browser.post("/admin/topics/save", with(topic, "query", "Tegh NEAR/5 checkpoint"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved: topic tegh-checkpoint");
        given().get("/api/topics/tegh-checkpoint")
                .then()
                .statusCode(200)
                .body("query", org.hamcrest.Matchers.equalTo("Tegh NEAR/5 checkpoint"))
                .body("summary", org.hamcrest.Matchers.equalTo("The checkpoint Azerbaijan set up near Tegh."))
                .body("aliases[1][1]", org.hamcrest.Matchers.equalTo("Tex"));
        // the change is in the audit log, under the admin who made it
        assertThat(given().queryParam("limit", "20")
                        .get("/api/audit")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("POST /admin/topics/save");
    }

    /** The seeded peace-process topic's query and aliases as the editor's fields hold them (a group a line). */
    private static Map<String, String> peaceProcessAsTheEditorHoldsIt() {
        JsonPath seeded = given().get("/api/topics/peace-process")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<List<String>> groups = seeded.getList("aliases");
        return Map.of(
                "query",
                seeded.getString("query"),
                "aliases",
                String.join("\n", groups.stream().map(g -> String.join(", ", g)).toList()));
    }

    @Test
    void theEditorTakesATopicAsLargeAsTheApiAllows() throws Exception {
        // peace-process as the editor holds it (6 KB of aliases), with a description at the API's 4,000
        // characters, accented: every field is one form attribute, which the server once cut at 2 KB (413)
        Map<String, String> seeded = peaceProcessAsTheEditorHoldsIt();
        String aliases = seeded.get("aliases");
        assertThat(aliases.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(4096);
        String description =
                "Négociations entre l'Arménie et l'Azerbaïdjan. ".repeat(100).substring(0, 4000);
        Map<String, String> topic = Map.of(
                "id",
                "peace-process",
                "name",
                "Armenia-Azerbaijan peace process",
                "description",
                description,
                "query",
                seeded.get("query"),
                "aliases",
                aliases);

        HttpResponse<String> checked = signedIn().post("/admin/topics/check", topic);

        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("The query is valid.");
    }

    @Test
    void aDeadLetterIsSentAgainFromTheConsole() throws Exception {
        receiver.answerInTurn(new Answer(500, Map.of("webhook-delivery", "abort-message")), Answer.of(204));
        String subscription = Subscriptions.webhook(receiver.url(), "prisoners");
        subscriptions.add(subscription);
        StatementsProducer.publish(
                StatementsProducer.statement("Prisoners", "Azerbaijan must release the Armenian prisoners of war."));
        FormClient browser = signedIn();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.get("/admin/deliveries?status=failed&subscription=" + subscription)
                        .body()
                        .contains("Send again"));

        String page = browser.get("/admin/deliveries?status=failed&subscription=" + subscription)
                .body();
        assertThat(page).contains("aborted");
        String id = page.replaceAll("(?s).*action=\"/admin/deliveries/([0-9a-f-]{36})/retry\".*", "$1");
        HttpResponse<String> retried = browser.post(
                "/admin/deliveries/" + id + "/retry", Map.of("status", "failed", "subscription", subscription));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("is due again");
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() == 2);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> browser.get("/admin/deliveries?status=delivered&subscription=" + subscription)
                        .body()
                        .contains(id));

        // sent again from a form without its token: refused
        FormClient other = signedIn();
        assertThat(other.post("/admin/deliveries/" + id + "/retry", Map.of("csrf", "k1.forged"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.get("/admin/subscriptions").body()).contains(receiver.url());
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(fields);
        all.put(name, value);
        return all;
    }
}
