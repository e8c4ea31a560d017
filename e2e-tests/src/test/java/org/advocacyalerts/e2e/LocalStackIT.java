package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advocacyalerts.local.EmbeddedPostgresServer;
import org.advocacyalerts.local.EndpointAccess;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.local.MetricsScrape;
import org.advocacyalerts.local.WebhookReceiver;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's run command for real: {@code bin/local-stack} starts Kafka, PostgreSQL and the two
 * packaged services as separate JVMs; a statement posted to ingest reaches a webhook subscriber,
 * signed; SIGTERM leaves no process behind.
 */
class LocalStackIT {

    private static final Path ROOT = StackProcess.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StackProcess stack;
    private static Path stateDir;
    private static Path log;
    private static int ingestPort;
    private static int dispatcherPort;
    private static int kafkaPort;
    private static int postgresPort;
    private static int imapPort;
    private static OtlpTraceReceiver collector;

    @BeforeAll
    static void startStack() throws IOException {
        // Traces on, exported to a collector as deploy/kubernetes/README.md says to (passed to both services).
        collector = new OtlpTraceReceiver();
        stack = StackProcess.start(
                "local-stack-it",
                Map.of(
                        "QUARKUS_OTEL_SDK_DISABLED", "false",
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint(),
                        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S"));
        stateDir = stack.stateDir;
        log = stack.log;
        ingestPort = stack.ingestPort;
        dispatcherPort = stack.dispatcherPort;
        kafkaPort = stack.kafkaPort;
        postgresPort = stack.postgresPort;
        imapPort = stack.imapPort;
    }

    @AfterAll
    static void stopStackAndLeaveNothingBehind() {
        if (collector != null) {
            collector.close();
        }
        if (stack != null) {
            stack.stopAndLeaveNothingBehind();
        }
    }

    /**
     * Access control as a user of the local stack meets it: no {@code /api} call without a credential,
     * the admin key from {@code .local-stack/admin-token} on both services, integrator keys made by the
     * admin that see their own subscriptions only, and the services listening on loopback only.
     */
    @Test
    void everyApiCallNeedsACredentialAndOneKeyWorksOnBothServices() throws Exception {
        Path token = stateDir.resolve("data/admin-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
                .isEqualTo("rw-------");
        String admin = adminKey();
        for (int port : List.of(ingestPort, dispatcherPort)) {
            EndpointAccess access = new EndpointAccess(URI.create("http://127.0.0.1:" + port + "/"));
            List<EndpointAccess.Operation> operations = access.operations();
            assertThat(operations).as("/q/openapi of :" + port).isNotEmpty();
            for (EndpointAccess.Operation op : operations) {
                if (!op.path().startsWith("/api/")) {
                    continue; // the email links are public by design
                }
                String path = op.path().replace("{id}", UUID.randomUUID().toString());
                int anonymous = access.send(op.method(), path, null).statusCode();
                if (op.isPublic()) {
                    assertThat(op.method() + " " + op.path())
                            .isIn("GET /api/topics", "GET /api/topics/{id}")
                            .as("public /api endpoints: topics to read only");
                } else {
                    assertThat(anonymous).as(op + " without a credential").isEqualTo(401);
                    assertThat(op.roles())
                            .as(op + " names its roles in /q/openapi")
                            .isNotEmpty();
                }
            }
        }
        assertThat(status(ingestPort, "GET", "/api/statements", admin)).isEqualTo(200);
        assertThat(status(dispatcherPort, "GET", "/api/keys", admin)).isEqualTo(200);

        String a = post(
                        dispatcherPort,
                        "/api/keys",
                        "{\"name\":\"a\",\"role\":\"integrator\",\"owner\":\"tenant-a\"}",
                        201)
                .get("key")
                .asText();
        String b = post(
                        dispatcherPort,
                        "/api/keys",
                        "{\"name\":\"b\",\"role\":\"integrator\",\"owner\":\"tenant-b\"}",
                        201)
                .get("key")
                .asText();
        assertThat(status(ingestPort, "GET", "/api/statements", a))
                .as("a dispatcher key on ingest")
                .isEqualTo(200);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dispatcherPort + "/api/subscriptions"))
                            .header("Authorization", "Bearer " + a)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                    "channel", "webhook", "target", receiver.url(), "topics", List.of("border")))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();
            assertThat(status(dispatcherPort, "GET", "/api/subscriptions/" + id, a))
                    .isEqualTo(200);
            assertThat(status(dispatcherPort, "GET", "/api/subscriptions/" + id, admin))
                    .isEqualTo(200);
            assertThat(status(dispatcherPort, "GET", "/api/subscriptions/" + id, b))
                    .isEqualTo(404);
            assertThat(status(dispatcherPort, "DELETE", "/api/subscriptions/" + id, b))
                    .isEqualTo(404);
            assertThat(status(dispatcherPort, "DELETE", "/api/subscriptions/" + id, a))
                    .isEqualTo(204);
        }

        Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
        if (outside.isPresent()) { // a machine with no other interface has nothing more to show
            for (int port : List.of(ingestPort, dispatcherPort)) {
                try (Socket socket = new Socket()) {
                    Assertions.assertThatThrownBy(
                                    () -> socket.connect(new InetSocketAddress(outside.get(), port), 2000))
                            .as("port " + port + " on " + outside.get() + " (listening on loopback only)")
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    private static int status(int port, String method, String path, String key) throws Exception {
        return new EndpointAccess(URI.create("http://127.0.0.1:" + port + "/"))
                .send(method, path, key)
                .statusCode();
    }

    /** A statement answered 201 by the local stack survives a power cut: its PostgreSQL syncs commits to disk. */
    @Test
    void theLocalStacksPostgresqlCommitsDurably() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                        EmbeddedPostgresServer.USER,
                        EmbeddedPostgresServer.PASSWORD);
                Statement show = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = show.executeQuery("SHOW " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void seedStatementReachesAPrisonersWebhookExactlyOnceSignedWithinTenSeconds() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode subscription = prisonersWebhook(receiver);
            String seed =
                    Files.readString(ROOT.resolve("seeds/statements/2021-05-28-armenian-assembly-pows-border.json"));

            JsonNode statement = post(ingestPort, "/api/statements", seed, 201);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.received().size() == 1);
            WebhookReceiver.Received alert = receiver.received().get(0);
            new Webhook(subscription.get("secret").asText()).verify(alert.body(), alert.headers());
            JsonNode body = JSON.readTree(alert.body());
            assertThat(body.get("type").asText()).isEqualTo("alert.created");
            assertThat(body.at("/data/statement/id").asText())
                    .isEqualTo(statement.get("id").asText());
            assertThat(body.at("/data/topics").toString()).isEqualTo("[\"prisoners\"]");

            // Posting the same statement again is deduplicated: no second alert arrives.
            post(ingestPort, "/api/statements", seed, 200);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> receiver.received().size() == 1);
        }
    }

    /**
     * The trace: one statement posted to ingest is one trace at the collector, from ingest's HTTP
     * request through the outbox relay's publish, the dispatcher's consume and match, to the webhook
     * POST, whose {@code traceparent} the receiver gets.
     */
    @Test
    void oneTraceFollowsAStatementFromIngestsRequestToTheWebhookPost() throws Exception {
        String subscription = null;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscription = prisonersWebhook(receiver).get("id").asText();

            stack.postStatement(
                    "trace-check",
                    "Prisoners of war",
                    "Azerbaijan must release the Armenian prisoners of war held in Baku.");

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.received().size() == 1);
            String traceparent = receiver.received().get(0).header("traceparent");
            assertThat(traceparent).as("the webhook carries the trace").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            String traceId = traceparent.split("-")[1];
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<OtlpTraceReceiver.ReceivedSpan> trace = collector.spans().stream()
                        .filter(span -> span.traceId().equals(traceId))
                        .toList();
                OtlpTraceReceiver.ReceivedSpan request =
                        span(trace, "statement-ingest", "POST /api/statements", Span.SpanKind.SPAN_KIND_SERVER);
                OtlpTraceReceiver.ReceivedSpan publish =
                        span(trace, "statement-ingest", "statements publish", Span.SpanKind.SPAN_KIND_PRODUCER);
                OtlpTraceReceiver.ReceivedSpan consume =
                        span(trace, "alert-dispatcher", "statements process", Span.SpanKind.SPAN_KIND_CONSUMER);
                OtlpTraceReceiver.ReceivedSpan match =
                        span(trace, "alert-dispatcher", "match", Span.SpanKind.SPAN_KIND_INTERNAL);
                OtlpTraceReceiver.ReceivedSpan webhook =
                        span(trace, "alert-dispatcher", "POST", Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(request.parentSpanId())
                        .as("the trace starts at ingest's request")
                        .isEmpty();
                // The publish may run in the request or later, from the outbox: either way under the request.
                assertThat(publish.parentSpanId()).isEqualTo(request.spanId());
                assertThat(consume.parentSpanId()).isEqualTo(publish.spanId());
                assertThat(match.parentSpanId()).isEqualTo(consume.spanId());
                assertThat(webhook.parentSpanId()).isEqualTo(consume.spanId());
                assertThat(webhook.attributes()).containsEntry("http.response.status_code", "204");
                assertThat(traceparent).isEqualTo("00-" + traceId + "-" + webhook.spanId() + "-01");
            });
        } finally {
            if (subscription != null) {
                status(dispatcherPort, "DELETE", "/api/subscriptions/" + subscription, adminKey());
            }
        }
    }

    /** The one span of a trace with this service, name and kind (Awaitility retries until it is exported). */
    private static OtlpTraceReceiver.ReceivedSpan span(
            List<OtlpTraceReceiver.ReceivedSpan> trace, String service, String name, Span.SpanKind kind) {
        List<OtlpTraceReceiver.ReceivedSpan> found = trace.stream()
                .filter(s -> s.service().equals(service) && s.name().equals(name))
                .toList();
        assertThat(found).as("%s's span %s", service, name).hasSize(1);
        assertThat(found.get(0).kind()).as(name).isEqualTo(kind);
        return found.get(0);
    }

    /**
     * Both services serve {@code /q/metrics} without a credential, and every metric the alert rules and
     * the Grafana dashboard read is among what they serve, once a statement went through and a source was polled.
     */
    @Test
    void bothServicesServeEveryMetricTheAlertRulesRead() throws Exception {
        HttpServer feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feeds.createContext("/feed.xml", x -> respond(x, "text/plain", "not a feed"));
        feeds.start();
        String subscription = null;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscription = prisonersWebhook(receiver).get("id").asText();
            post(
                    ingestPort,
                    "/api/sources",
                    JSON.writeValueAsString(Map.of(
                            "id",
                            "metrics-broken",
                            "name",
                            "A broken feed",
                            "url",
                            "http://127.0.0.1:" + feeds.getAddress().getPort() + "/feed.xml")),
                    201);
            stack.postStatement(
                    "metrics-check",
                    "Prisoners of war",
                    "Azerbaijan must release the Armenian prisoners of war held in Baku.");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.received().size() == 1);

            Set<String> needed = new TreeSet<>();
            for (String file : List.of("prometheus-rule.yaml", "grafana-dashboard.json")) {
                Matcher names = Pattern.compile("\\b((?:advocacy|kafka)_[a-z0-9_]+)")
                        .matcher(Files.readString(ROOT.resolve("deploy/kubernetes/base/monitoring/" + file)));
                while (names.find()) {
                    needed.add(names.group(1));
                }
            }
            assertThat(needed)
                    .contains(
                            "advocacy_deliveries_total",
                            "advocacy_source_failing_seconds",
                            "advocacy_match_seconds_bucket");
            // Gauges read from the database every 15 s: the new source shows within that.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        Set<String> served =
                                new TreeSet<>(MetricsScrape.of(URI.create("http://127.0.0.1:" + ingestPort))
                                        .names());
                        served.addAll(MetricsScrape.of(URI.create("http://127.0.0.1:" + dispatcherPort))
                                .names());
                        assertThat(served).containsAll(needed);
                    });
        } finally {
            feeds.stop(0);
            if (subscription != null) {
                status(dispatcherPort, "DELETE", "/api/subscriptions/" + subscription, adminKey());
            }
        }
    }

    /** The "done when": a local feed is ingested with full text, its health shows, an edit is a revision. */
    @Test
    void anEmailSubscriptionGetsItsConfirmationInTheEmbeddedMailServer() throws Exception {
        String address = "member@example.org";
        JsonNode accepted = post(
                dispatcherPort,
                "/api/subscriptions",
                JSON.writeValueAsString(Map.of("channel", "email", "target", address, "topics", List.of("prisoners"))),
                202);
        assertThat(accepted.get("status").asText()).isEqualTo("unconfirmed");
        assertThat(Files.readString(log)).contains("IMAP client at 127.0.0.1:" + imapPort);

        // Read as a mail client: IMAP, the recipient's address as user and password.
        Properties props = new Properties();
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", String.valueOf(imapPort));
        Store store = Session.getInstance(props).getStore("imap");
        String text = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () -> {
                            if (!store.isConnected()) {
                                store.connect(address, address);
                            }
                            Folder inbox = store.getFolder("INBOX");
                            inbox.open(Folder.READ_ONLY);
                            try {
                                Message[] messages = inbox.getMessages();
                                return messages.length == 0
                                        ? null
                                        : messages[0].getSubject() + "\n"
                                                + ((MimeMultipart) messages[0].getContent())
                                                        .getBodyPart(0)
                                                        .getContent();
                            } finally {
                                inbox.close(false);
                            }
                        },
                        Objects::nonNull);
        store.close();
        assertThat(text).startsWith("Confirm your Advocacy Alerts subscription");
        Matcher link = Pattern.compile("http://127\\.0\\.0\\.1:" + dispatcherPort + "/email/confirm/\\S+")
                .matcher(text);
        assertThat(link.find()).as(text).isTrue();
        // The link opens a page whose button confirms: press it.
        HttpResponse<String> confirmed = HTTP.send(
                HttpRequest.newBuilder(URI.create(link.group()))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscription confirmed");
    }

    @Test
    void aLocalFeedIsIngestedWithFullTextAndAnEditedArticleBecomesARevision() throws Exception {
        AtomicReference<String> article = new AtomicReference<>(
                "The Ministry urges the release of all Armenian prisoners of war and civilian detainees.");
        HttpServer feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
        feeds.createContext(
                "/feed.xml",
                x -> respond(
                        x,
                        "application/rss+xml",
                        "<rss version=\"2.0\"><channel>"
                                + "<title>MFA</title><link>" + base + "/</link><description>statements</description>"
                                + "<item><title>Statement on prisoners of war</title><link>" + base
                                + "/statements/1</link>"
                                + "<guid>statement-1</guid><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"));
        feeds.createContext(
                "/statements/1",
                x -> respond(
                        x,
                        "text/html",
                        "<html><body><nav>Home | News</nav>"
                                + "<article><h1>Statement on prisoners of war</h1><p>" + article.get() + "</p><p>"
                                + "Their return is a humanitarian obligation under international law and cannot wait any longer."
                                + "</p></article><footer>Ministry of Foreign Affairs</footer></body></html>"));
        feeds.start();
        try {
            post(
                    ingestPort,
                    "/api/sources",
                    JSON.writeValueAsString(
                            Map.of("id", "local-mfa", "name", "A local ministry feed", "url", base + "/feed.xml")),
                    201);
            JsonNode polled = pollNow(ingestPort, "local-mfa");
            assertThat(polled.at("/status/itemsSeen").asInt()).isEqualTo(1);
            assertThat(polled.at("/status/lastError").isNull()).isTrue();
            assertThat(polled.at("/status/lastSuccessAt").asText()).isNotEmpty();

            JsonNode statements = get(ingestPort, "/api/statements?sourceId=local-mfa");
            assertThat(statements).hasSize(1);
            String id = statements.get(0).get("id").asText();
            assertThat(statements.get(0).get("body").asText())
                    .contains("civilian detainees", "humanitarian obligation")
                    .doesNotContain("Home | News", "Ministry of Foreign Affairs");

            article.set(
                    "The Ministry urges the immediate release of all Armenian prisoners of war and civilian detainees.");
            pollNow(ingestPort, "local-mfa");
            JsonNode revised = get(ingestPort, "/api/statements/" + id);
            assertThat(revised.get("body").asText()).contains("immediate release");
            assertThat(revised.get("revisions")).hasSize(1);
            assertThat(revised.at("/revisions/0/diff").asText())
                    .contains("+The Ministry urges the immediate release", "-The Ministry urges the release");
        } finally {
            feeds.stop(0);
        }
    }

    /**
     * A second statement-ingest process on the same database and Kafka, as a second replica: both
     * poll one feed of 40 items at once (and their schedules too); each item is stored once.
     */
    @Test
    void twoIngestProcessesOnOneDatabaseStoreEachItemOnce() throws Exception {
        HttpServer feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feeds.setExecutor(Executors.newFixedThreadPool(8));
        String base = "http://127.0.0.1:" + feeds.getAddress().getPort();
        StringBuilder rss = new StringBuilder(
                "<rss version=\"2.0\"><channel><title>t</title><link>" + base + "/</link><description>d</description>");
        for (int i = 0; i < 40; i++) {
            rss.append("<item><title>Statement ")
                    .append(i)
                    .append("</title><link>")
                    .append(base)
                    .append("/replicas/")
                    .append(i)
                    .append("</link><guid>replica-item-")
                    .append(i)
                    .append("</guid></item>");
        }
        String feed = rss.append("</channel></rss>").toString();
        feeds.createContext("/replicas.xml", x -> respond(x, "application/rss+xml", feed));
        feeds.createContext(
                "/replicas/",
                x -> respond(
                        x,
                        "text/html",
                        "<html><body><article><p>"
                                + ("Statement " + x.getRequestURI().getPath() + " on the release of prisoners of war. ")
                                        .repeat(6)
                                + "</p></article></body></html>"));
        feeds.start();
        int secondPort = FreePorts.next();
        Path secondLog = ROOT.resolve("e2e-tests/target/second-ingest.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        ROOT.resolve("statement-ingest/target/quarkus-app/quarkus-run.jar")
                                .toString())
                .redirectErrorStream(true)
                .redirectOutput(secondLog.toFile());
        builder.environment()
                .putAll(Map.of(
                        "QUARKUS_HTTP_PORT",
                        String.valueOf(secondPort),
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://127.0.0.1:" + postgresPort + "/ingest",
                        "QUARKUS_DATASOURCE_USERNAME",
                        "postgres",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "postgres",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "127.0.0.1:" + kafkaPort,
                        "INGEST_FETCH_ALLOW_ADDRESSES",
                        "loopback"));
        // The second replica reads keys where the first does (the dispatcher's database).
        builder.environment()
                .put(
                        "QUARKUS_DATASOURCE_ACCESS_JDBC_URL",
                        "jdbc:postgresql://127.0.0.1:" + postgresPort + "/dispatcher");
        Process second = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .failFast("the second statement-ingest exited; see " + secondLog, () -> !second.isAlive())
                    .ignoreExceptions()
                    .until(() -> HTTP.send(
                                            HttpRequest.newBuilder(URI.create(
                                                            "http://127.0.0.1:" + secondPort + "/q/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
            post(
                    ingestPort,
                    "/api/sources",
                    JSON.writeValueAsString(
                            Map.of("id", "replicas", "name", "two replicas", "url", base + "/replicas.xml")),
                    201);
            ExecutorService both = Executors.newFixedThreadPool(2);
            List<Future<JsonNode>> polls = new ArrayList<>();
            for (int port : List.of(ingestPort, secondPort)) {
                polls.add(both.submit(() -> pollNow(port, "replicas")));
            }
            for (var poll : polls) {
                poll.get();
            }
            both.shutdown();
            JsonNode statements = get(secondPort, "/api/statements?sourceId=replicas&limit=500");
            assertThat(statements).hasSize(40);
            List<String> urls = new ArrayList<>();
            statements.forEach(st -> urls.add(st.get("url").asText()));
            assertThat(urls).doesNotHaveDuplicates();
            assertThat(get(ingestPort, "/api/sources/replicas")
                            .at("/status/itemsSeen")
                            .asInt())
                    .isEqualTo(40);
        } finally {
            second.destroy();
            second.waitFor();
            feeds.stop(0);
        }
    }

    private static void respond(HttpExchange x, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(200, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A webhook subscription of the receiver to prisoners, made by the admin: the API's answer. */
    private static JsonNode prisonersWebhook(WebhookReceiver receiver) throws Exception {
        return post(
                dispatcherPort,
                "/api/subscriptions",
                JSON.writeValueAsString(
                        Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners"))),
                201);
    }

    /** The admin key bin/local-stack generated and keeps in its data directory (mode 600). */
    private static String adminKey() throws IOException {
        return stack.adminKey();
    }

    /** {@code POST …/poll} (202: it runs in the background), then the source once that poll is done. */
    private static JsonNode pollNow(int port, String source) throws Exception {
        String path = "/api/sources/" + source;
        String before = get(port, path).at("/status/lastPollAt").asText();
        post(port, path + "/poll", "", 202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String at = get(port, path).at("/status/lastPollAt").asText();
                    return !at.isEmpty() && !at.equals(before);
                });
        return get(port, path);
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + adminKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(int port, String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + adminKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
