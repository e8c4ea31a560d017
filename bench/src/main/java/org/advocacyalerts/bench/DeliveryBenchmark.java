package org.advocacyalerts.bench;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advocacyalerts.local.Directories;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EmbeddedPostgresServer;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.model.CloudEventCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bench/run delivery}: the packaged alert-dispatcher (and, for latency, statement-ingest) on
 * embedded PostgreSQL and Kafka, in three parts:
 *
 * <ol>
 *   <li>Fan-out: one statement matching {@code --subscriptions} webhook subscriptions (each its own
 *       endpoint URL on one local receiver): webhooks per second from the statement's publication until
 *       the receiver has every one, with durable bookkeeping (an alert row and its state change, the
 *       attempt recorded in it, each). Twice: the first statement after the dispatcher's start (its code still being
 *       compiled: the JIT took a quarter of its CPU), then a second one (the service as it runs for
 *       days), which the result reports as {@code webhooks_per_s}; the first is {@code
 *       cold_webhooks_per_s}. Beside it, what a plain load generator (wrk when installed, else Java's HTTP
 *       client; as many connections as the dispatcher's senders, the same body size) gets from the same
 *       receiver: the receiver's limit. The receiver is {@link LeanReceiver}, so that it costs little of
 *       the CPU the dispatcher and PostgreSQL share with it.
 *   <li>Email: a statement matching {@code --emails} email subscriptions, until the local SMTP sink
 *       ({@link SmtpSink}) has every message; twice, as for the fan-out ({@code emails_per_s} the second,
 *       {@code cold_emails_per_s} the first); beside it, what a plain JavaMail client gets from it.
 *   <li>Latency: {@code --rate} statements a second for {@code --seconds} posted to ingest's API, with
 *       {@code --latency-subscriptions} subscriptions of their own query (each statement matches 5):
 *       p50 and p99 from ingest's {@code 201} to the webhook's arrival; beside it, Kafka's own produce →
 *       consume p99 for records of the same size at the same rate on the same broker. Then the cost of
 *       a change to the subscriptions' queries: the dispatcher's reload after one more is stored, beside
 *       the reload that took the phase's queries, all compiled ({@code reload_one_ms}, {@code
 *       reload_all_ms}), and when the new one is matched ({@code new_query_visible_ms}).
 * </ol>
 */
public final class DeliveryBenchmark {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Pattern LATENCY_TITLE = Pattern.compile("\"title\":\"Bench latency (\\d+)\"");
    private static final int PER_STATEMENT = 5;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = MatcherBenchmark.options(args);
        int subscriptions = Integer.parseInt(options.getOrDefault("subscriptions", "100000"));
        int emails = Integer.parseInt(options.getOrDefault("emails", "5000"));
        int latencySubscriptions = Integer.parseInt(options.getOrDefault("latency-subscriptions", "10000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path dispatcherJar = Services.packaged(root, "alert-dispatcher", "delivery");
        Path ingestJar = Services.packaged(root, "statement-ingest", "delivery");

        AtomicLong received = new AtomicLong();
        List<long[]> hits = Collections.synchronizedList(new ArrayList<>()); // {statement, arrival ns}
        Map<Integer, Long> accepted = new ConcurrentHashMap<>(); // latency statement -> its 201 (ns)
        LeanReceiver receiver = new LeanReceiver((path, body) -> {
            long at = System.nanoTime();
            if (path.startsWith("/latency/")) {
                Matcher m = LATENCY_TITLE.matcher(new String(body, StandardCharsets.UTF_8));
                if (m.find()) {
                    hits.add(new long[] {Integer.parseInt(m.group(1)), at});
                }
            } else {
                received.incrementAndGet();
            }
        });
        String hooks = "http://127.0.0.1:" + receiver.port() + "/hooks/";
        String latencyHooks = "http://127.0.0.1:" + receiver.port() + "/latency/";
        // Only alert emails carry List-Unsubscribe (the plain client's baseline messages do not).
        SmtpSink smtp = new SmtpSink("List-Unsubscribe:");
        Path work = Files.createTempDirectory("bench-delivery-");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(FreePorts.next(), work.resolve("pg"));
                EmbeddedKafka kafka =
                        new EmbeddedKafka(FreePorts.next(), FreePorts.next(), work.resolve("kafka")).start()) {
            postgres.createDatabaseIfMissing("dispatcher");
            postgres.createDatabaseIfMissing("ingest");
            int port = FreePorts.next();
            Path log = work.resolve("dispatcher.log");
            Process dispatcher = Services.start(
                    "alert-dispatcher",
                    dispatcherJar,
                    "-Xmx1g",
                    port,
                    postgres,
                    "dispatcher",
                    kafka,
                    log,
                    Map.of(
                            "DISPATCHER_SEEDS_DIR", root.resolve("seeds/topics").toString(),
                            "DISPATCHER_WEBHOOK_ALLOW_ADDRESSES", "loopback",
                            // The one local receiver stands for the 100,000 subscribers' own hosts: the
                            // per-host limit (4 sends at once, there to contain a hanging receiver) would
                            // measure itself, about 900 webhooks/s, instead of the pipeline.
                            "DISPATCHER_DELIVERY_PER_ENDPOINT", "32",
                            // the matcher's reloads say what they cost (a few lines: not per alert)
                            "QUARKUS_LOG_CATEGORY__ORG_ADVOCACYALERTS_DISPATCHER_MATCH__LEVEL", "INFO",
                            "QUARKUS_MAILER_HOST", "127.0.0.1",
                            "QUARKUS_MAILER_PORT", String.valueOf(smtp.port()),
                            "QUARKUS_MAILER_TLS", "false",
                            "QUARKUS_MAILER_START_TLS", "DISABLED"));
            int ingestPort = FreePorts.next();
            Path ingestLog = work.resolve("ingest.log");
            Process ingest = Services.start(
                    "statement-ingest",
                    ingestJar,
                    "-Xmx512m",
                    ingestPort,
                    postgres,
                    "ingest",
                    kafka,
                    ingestLog,
                    Map.of());
            try {
                Services.awaitReady("alert-dispatcher", "http://127.0.0.1:" + port, dispatcher, log);
                Services.awaitReady("statement-ingest", "http://127.0.0.1:" + ingestPort, ingest, ingestLog);
                try (Connection db = DriverManager.getConnection(
                        postgres.jdbcUrl("dispatcher"), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
                    subscribe(db, hooks, subscriptions);
                    CpuUse coldCpu = CpuUse.start(Map.of("dispatcher", dispatcher, "ingest", ingest));
                    double[] cold = fanOut(db, kafka.bootstrapServers(), received, subscriptions, 0);
                    System.err.printf(
                            Locale.ROOT,
                            "[bench] first fan-out after start: %.1f s, %.0f/s; %s%n",
                            cold[0],
                            subscriptions / cold[0],
                            coldCpu.report());
                    received.set(0);
                    CpuUse fanOutCpu = CpuUse.start(Map.of("dispatcher", dispatcher, "ingest", ingest));
                    double[] fanOut = fanOut(db, kafka.bootstrapServers(), received, subscriptions, subscriptions);
                    System.err.println("[bench] second fan-out " + fanOutCpu.report());
                    int bodyBytes = query(
                            db,
                            "SELECT max(length(coalesce(a.payload, b.body))) FROM alert a"
                                    + " LEFT JOIN alert_body b ON b.id = a.body_id");
                    boolean wrk = wrk();
                    String loadGenerator = wrk ? "wrk" : "Java's HTTP client";
                    double limit = wrk
                            ? wrkLimit(hooks, bodyBytes, 32, Duration.ofSeconds(10))
                            : receiverLimit(hooks, bodyBytes, 32, Duration.ofSeconds(10));
                    System.out.printf(
                            Locale.ROOT,
                            "%,d webhooks in %.1f s: %.0f/s (alerts stored in %.1f s); the receiver takes %.0f/s from"
                                    + " a plain load generator (%s, 32 connections): %.0f%% of it%n",
                            subscriptions,
                            fanOut[0],
                            subscriptions / fanOut[0],
                            fanOut[1],
                            limit,
                            loadGenerator,
                            100 * subscriptions / fanOut[0] / limit);

                    CpuUse emailCpu = CpuUse.start(Map.of("dispatcher", dispatcher, "ingest", ingest));
                    double[] emailRates = emails(db, kafka.bootstrapServers(), smtp, emails);
                    double emailsPerSecond = emailRates[0];
                    System.err.println("[bench] email " + emailCpu.report());
                    double smtpLimit = smtpLimit(smtp, Math.min(emails, 3000), 10);
                    System.out.printf(
                            Locale.ROOT,
                            "%,d alert emails in the SMTP sink: %.0f/s; it takes %.0f/s from a plain client (JavaMail, 10"
                                    + " connections): %.0f%% of it%n",
                            emails,
                            emailsPerSecond,
                            smtpLimit,
                            100 * emailsPerSecond / smtpLimit);

                    long[] latency = latency(
                            db,
                            "http://127.0.0.1:" + port,
                            "http://127.0.0.1:" + ingestPort,
                            latencyHooks,
                            latencySubscriptions,
                            rate,
                            seconds,
                            accepted,
                            hits);
                    ReloadCost reload = reloadCost(db, "http://127.0.0.1:" + port, log, latencySubscriptions);
                    System.out.printf(
                            Locale.ROOT,
                            "subscription queries reloaded: all %,d in %d ms (%,d compiled); after one more, %d ms (%d"
                                    + " compiled); the new one matched %d ms after it was stored%n",
                            latencySubscriptions,
                            reload.all().ms(),
                            reload.all().compiled(),
                            reload.one().ms(),
                            reload.one().compiled(),
                            reload.visibleMs());
                    double kafkaP99 = kafkaP99(kafka.bootstrapServers(), rate, seconds, bodyBytes);
                    System.out.printf(
                            Locale.ROOT,
                            "latency from ingest's 201 to the webhook, %d statements/s, %,d subscriptions: p50 %d ms,"
                                    + " p99 %d ms (%,d webhooks); Kafka produce -> consume p99 %.1f ms%n",
                            rate,
                            latencySubscriptions,
                            latency[0],
                            latency[1],
                            latency[2],
                            kafkaP99);
                    System.out.printf(
                            Locale.ROOT,
                            "RESULT delivery subscriptions=%d webhooks_per_s=%.0f cold_webhooks_per_s=%.0f"
                                    + " receiver_limit_per_s=%.0f fan_out_s=%.1f alerts_stored_s=%.1f emails_per_s=%.0f"
                                    + " cold_emails_per_s=%.0f smtp_limit_per_s=%.0f p50_ms=%d p99_ms=%d kafka_p99_ms=%.1f"
                                    + " reload_all_ms=%d reload_one_ms=%d new_query_visible_ms=%d%n",
                            subscriptions,
                            subscriptions / fanOut[0],
                            subscriptions / cold[0],
                            limit,
                            fanOut[0],
                            fanOut[1],
                            emailsPerSecond,
                            emailRates[1],
                            smtpLimit,
                            latency[0],
                            latency[1],
                            kafkaP99,
                            reload.all().ms(),
                            reload.one().ms(),
                            reload.visibleMs());
                }
            } finally {
                ingest.destroy();
                dispatcher.destroy();
                ingest.waitFor();
                dispatcher.waitFor();
                receiver.close();
                smtp.close();
            }
        }
        Directories.delete(work); // kept when the run failed: its services' logs are there
    }

    /** N webhook subscriptions to "prisoners", each its own endpoint (a path of the one receiver). */
    private static void subscribe(Connection db, String hooks, int count) throws Exception {
        long started = System.nanoTime();
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO subscription (id, channel, target, secret, status, created_at)"
                    + " SELECT gen_random_uuid(), 'webhook', '" + hooks + "' || i, '" + SECRET + "', 'active', now()"
                    + " FROM generate_series(1, " + count + ") i");
            st.executeUpdate("INSERT INTO subscription_topic (subscription_id, topic_id)"
                    + " SELECT id, 'prisoners' FROM subscription");
        }
        System.err.printf("[bench] %,d subscriptions stored in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Seconds from publication until every webhook arrived, and until every alert was stored (beyond
     * {@code storedBefore}, the alerts already in the table).
     */
    private static double[] fanOut(Connection db, String bootstrap, AtomicLong received, int expected, int storedBefore)
            throws Exception {
        org.advocacyalerts.model.Statement statement = statement(
                "Release the Armenian prisoners of war",
                "The United States urges Azerbaijan to release all Armenian prisoners of war and detainees held"
                        + " since the 2020 conflict. "
                        + "We call on both sides to pursue peace. ".repeat(20));
        long start = System.nanoTime();
        publish(bootstrap, statement);
        double storedAt = -1;
        long lastReport = System.nanoTime();
        long lastCount = 0;
        while (received.get() < expected) {
            // count(*) over 100,000 rows is a load of its own on PostgreSQL (20 ms each): once a second.
            if (storedAt < 0 && System.nanoTime() - lastCount > 1_000_000_000L) {
                lastCount = System.nanoTime();
                if (query(db, "SELECT count(*) FROM alert") >= storedBefore + expected) {
                    storedAt = (System.nanoTime() - start) / 1e9;
                }
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.err.printf("[bench] %,d of %,d webhooks received%n", received.get(), expected);
                lastReport = System.nanoTime();
            }
            if ((System.nanoTime() - start) / 1e9 > 1800) {
                throw new IllegalStateException("fan-out did not finish within 30 minutes");
            }
            Thread.sleep(20);
        }
        double done = (System.nanoTime() - start) / 1e9;
        return new double[] {done, storedAt < 0 ? done : storedAt};
    }

    private static void publish(String bootstrap, org.advocacyalerts.model.Statement statement) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            producer.send(CloudEventCodec.statementPublished(statement, URI.create("urn:bench")))
                    .get();
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    }

    private static org.advocacyalerts.model.Statement statement(String title, String body) {
        return new org.advocacyalerts.model.Statement(
                UUID.randomUUID(),
                "state-department",
                "https://www.state.gov/statements/bench-" + UUID.randomUUID(),
                title,
                body,
                "en",
                Instant.parse("2021-05-27T18:30:00Z"),
                Instant.now(),
                "ab".repeat(32));
    }

    /**
     * Emails per second: {@code count} email subscriptions (confirmed) to "section-907", a statement that
     * matches only that topic, until the SMTP server has every message. Twice, as for the fan-out:
     * {warm (the second statement), cold (the first: the email code still being compiled)}.
     */
    private static double[] emails(Connection db, String bootstrap, SmtpSink smtp, int count) throws Exception {
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO subscription (id, channel, target, secret, status, created_at)"
                    + " SELECT gen_random_uuid(), 'email', 'reader' || i || '@bench.example', '" + SECRET
                    + "', 'active', now() FROM generate_series(1, " + count + ") i");
            st.executeUpdate("INSERT INTO subscription_topic (subscription_id, topic_id)"
                    + " SELECT id, 'section-907' FROM subscription WHERE channel = 'email'");
        }
        double cold = emailRound(db, bootstrap, smtp, count);
        System.err.printf(Locale.ROOT, "[bench] first email statement after start: %.0f/s%n", cold);
        return new double[] {emailRound(db, bootstrap, smtp, count), cold};
    }

    private static double emailRound(Connection db, String bootstrap, SmtpSink smtp, int count) throws Exception {
        long before = smtp.counted();
        long start = System.nanoTime();
        org.advocacyalerts.model.Statement statement = statement(
                "Section 907 waiver not renewed",
                "The Administration has decided not to renew the waiver of Section 907 of the FREEDOM Support"
                        + " Act. " + "The decision follows a review of the region. ".repeat(15));
        publish(bootstrap, statement);
        long lastReport = System.nanoTime();
        long got;
        while ((got = smtp.counted() - before) < count) {
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.err.printf("[bench] %,d of %,d emails received%n", got, count);
                lastReport = System.nanoTime();
            }
            if ((System.nanoTime() - start) / 1e9 > 600) {
                throw new IllegalStateException("only " + got + " of " + count + " emails within 10 minutes");
            }
            Thread.sleep(50);
        }
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        // A delivered alert keeps its successful attempt in its row; failed ones are in delivery_attempt.
        try (PreparedStatement st = db.prepareStatement(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a.delivered_latency_ms),"
                        + " percentile_cont(0.99) WITHIN GROUP (ORDER BY a.delivered_latency_ms),"
                        + " (SELECT count(*) FROM delivery_attempt d JOIN alert f ON f.id = d.alert_id"
                        + " WHERE f.statement_id = ?) FROM alert a WHERE a.statement_id = ? AND a.status = 'delivered'")) {
            st.setObject(1, statement.id());
            st.setObject(2, statement.id());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                // A failed send (an SMTP exchange without an answer in time, say) is retried 5 s later: one
                // costs the whole run at least that long, so say how many there were.
                System.err.printf(
                        "[bench] each alert email took %.0f ms (p50), %.0f ms (p99) to render and send; %d sends"
                                + " failed and were retried; %d SMTP connections%n",
                        rs.getDouble(1), rs.getDouble(2), rs.getInt(3), smtp.connections());
            }
        }
        return perSecond;
    }

    /**
     * Messages per second the SMTP server takes from a plain client: {@code threads} connections kept
     * open, each sending multipart/alternative messages the size of an alert email to new addresses.
     */
    private static double smtpLimit(SmtpSink smtp, int count, int threads) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        Session session = Session.getInstance(props);
        String html = "<p>" + "An alert of the size our emails have. ".repeat(80) + "</p>";
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        MimeMessage message = new MimeMessage(session);
                        message.setFrom("baseline@bench.example");
                        message.setRecipients(Message.RecipientType.TO, "plain" + i + "@bench.example");
                        message.setSubject("Baseline " + i);
                        MimeMultipart alternative = new MimeMultipart("alternative");
                        MimeBodyPart text = new MimeBodyPart();
                        text.setText(html.replaceAll("<[^>]+>", ""), "UTF-8");
                        MimeBodyPart rich = new MimeBodyPart();
                        rich.setContent(html, "text/html; charset=UTF-8");
                        alternative.addBodyPart(text);
                        alternative.addBodyPart(rich);
                        message.setContent(alternative);
                        message.saveChanges();
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * {p50 ms, p99 ms, webhooks}: {@code subscriptions} webhook subscriptions each with its own query
     * ({@code benchtagN}); {@code rate} statements a second posted to ingest for {@code seconds}, each
     * naming {@value #PER_STATEMENT} of the tags; from each statement's 201 to each of its webhooks.
     */
    private static long[] latency(
            Connection db,
            String dispatcherApi,
            String ingestApi,
            String hooks,
            int subscriptions,
            int rate,
            int seconds,
            Map<Integer, Long> accepted,
            List<long[]> hits)
            throws Exception {
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO subscription (id, channel, target, secret, status, created_at, query)"
                    + " SELECT gen_random_uuid(), 'webhook', '" + hooks + "' || i, '" + SECRET
                    + "', 'active', now(), 'benchtag' || i FROM generate_series(0, " + (subscriptions - 1) + ") i");
        }
        HttpClient http = HttpClient.newHttpClient();
        // The dispatcher registers new subscription queries within seconds: wait until a dry run naming
        // every tag sees every subscription.
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        StringBuilder allTags = new StringBuilder();
        for (int i = 0; i < subscriptions; i++) {
            allTags.append("benchtag").append(i).append(' ');
        }
        while (alerted(http, dispatcherApi, allTags.toString()) < subscriptions) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the dispatcher did not register the subscriptions' queries");
            }
            Thread.sleep(500);
        }
        int total = rate * seconds;
        int warmUp = rate * 2; // the first statements pay for connections and compilation
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch posted = new CountDownLatch(warmUp + total);
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        clock.scheduleAtFixedRate(
                () -> {
                    int n = next.getAndIncrement();
                    if (n >= warmUp + total) {
                        return;
                    }
                    StringBuilder body = new StringBuilder("The ministry announced new measures today. ");
                    for (int j = 0; j < PER_STATEMENT; j++) {
                        body.append("benchtag")
                                .append((n * PER_STATEMENT + j) % subscriptions)
                                .append(' ');
                    }
                    String json = "{\"sourceId\":\"bench\",\"url\":\"https://bench.example/latency/" + n
                            + "\",\"title\":\"Bench latency " + n + "\",\"body\":\"" + body
                            + "\",\"publishedAt\":\"" + Instant.now() + "\"}";
                    try {
                        HttpResponse<Void> answer = http.send(
                                Services.api(URI.create(ingestApi + "/api/statements"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(json))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() == 201) {
                            accepted.put(n, System.nanoTime());
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        posted.countDown();
                    }
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        posted.await();
        clock.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " statements were not accepted by ingest");
        }
        long expected = (long) (warmUp + total) * PER_STATEMENT;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (hits.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<Long> millis = new ArrayList<>();
        synchronized (hits) {
            for (long[] hit : hits) {
                if (hit[0] >= warmUp) {
                    millis.add(Math.max(0, hit[1] - accepted.get((int) hit[0])) / 1_000_000);
                }
            }
        }
        if (millis.size() < (long) total * PER_STATEMENT) {
            throw new IllegalStateException(
                    "only " + millis.size() + " of " + (long) total * PER_STATEMENT + " webhooks arrived");
        }
        Collections.sort(millis);
        return new long[] {
            millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1), millis.size()
        };
    }

    private static final Pattern RELOAD =
            Pattern.compile("subscription queries: (\\d+) matched, (\\d+) compiled, .* in (\\d+) ms");

    /** One reload of the subscriptions' queries, from the dispatcher's log line. */
    record Reload(long ms, long compiled) {}

    /**
     * {@code all}: the reload that took the latency phase's queries (all compiled: the baseline); {@code
     * one}: the reload after one more subscription was stored beside them; {@code visibleMs}: from storing
     * it (as another replica would) to a dry run here matching it.
     */
    record ReloadCost(Reload all, Reload one, long visibleMs) {}

    /** What a change to the subscriptions' queries costs each replica. */
    private static ReloadCost reloadCost(Connection db, String dispatcherApi, Path log, int existing) throws Exception {
        Reload all = lastReload(log, existing);
        String tag = "benchtagnew";
        long stored = System.nanoTime();
        try (Statement st = db.createStatement()) {
            st.executeUpdate("INSERT INTO subscription (id, channel, target, secret, status, created_at, query)"
                    + " VALUES (gen_random_uuid(), 'webhook', 'http://127.0.0.1:9/new', '" + SECRET
                    + "', 'active', now(), '" + tag + "')");
        }
        HttpClient http = HttpClient.newHttpClient();
        long giveUp = stored + Duration.ofMinutes(1).toNanos();
        while (alerted(http, dispatcherApi, tag) == 0) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the new subscription's query was not matched within a minute");
            }
            Thread.sleep(20);
        }
        long visibleMs = (System.nanoTime() - stored) / 1_000_000;
        return new ReloadCost(all, lastReload(log, existing + 1), visibleMs);
    }

    private static final Pattern SUBSCRIPTION_ID =
            Pattern.compile("\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"");

    /** How many subscriptions a dry run of {@code body} on the dispatcher would alert. */
    private static long alerted(HttpClient http, String dispatcherApi, String body) throws Exception {
        String probe = "{\"title\":\"probe\",\"body\":\"" + body + "\"}";
        String answer = http.send(
                        Services.api(URI.create(dispatcherApi + "/api/match?subscriptions=true"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(probe))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return SUBSCRIPTION_ID
                .matcher(answer.replaceFirst("(?s).*\"subscriptions\":", ""))
                .results()
                .count();
    }

    /** The log's last subscription-query reload that held {@code matched} queries. */
    private static Reload lastReload(Path log, int matched) throws Exception {
        Reload last = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = RELOAD.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) == matched) {
                last = new Reload(Long.parseLong(m.group(3)), Long.parseLong(m.group(2)));
            }
        }
        if (last == null) {
            throw new IllegalStateException("no reload of " + matched + " subscription queries in " + log);
        }
        return last;
    }

    /**
     * Kafka's own p99 (ms) from a producer's send to a consumer's receipt, {@code rate} records a second
     * of {@code size} bytes for {@code seconds}, on the same broker (producer and consumer in this JVM,
     * timed with one clock).
     */
    private static double kafkaP99(String bootstrap, int rate, int seconds, int size) throws Exception {
        String topic = "bench-latency";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        int total = rate * seconds;
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        Map<String, Object> consumerConfig = Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "bench-latency",
                "auto.offset.reset",
                "earliest",
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName());
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
                consumer.subscribe(List.of(topic));
                while (nanos.size() < total) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        long sent = ByteBuffer.wrap(record.value()).getLong();
                        nanos.add(System.nanoTime() - sent);
                    }
                }
            }
        });
        consumerThread.setDaemon(true);
        consumerThread.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            // Wait for the consumer to join before timing.
            long joinBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            producer.send(new ProducerRecord<>(topic, new byte[8])).get();
            while (nanos.isEmpty() && System.nanoTime() < joinBy) {
                Thread.sleep(20);
            }
            nanos.clear();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                byte[] value = new byte[Math.max(8, size)];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, "k" + i, value));
            }
        }
        consumerThread.join(Duration.ofSeconds(60).toMillis());
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
    }

    /** Whether wrk (Debian's package) is installed: the plain load generator the issue names. */
    private static boolean wrk() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    /** Requests per second wrk gets from the receiver: {@code connections} posting bodies of this size. */
    private static double wrkLimit(String hooks, int bodyBytes, int connections, Duration duration) throws Exception {
        Path script = Files.createTempFile("bench-wrk-", ".lua");
        try {
            Files.writeString(
                    script,
                    "wrk.method = \"POST\"\nwrk.body = string.rep(\"x\", " + Math.max(1, bodyBytes) + ")\n"
                            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
            Process wrk = new ProcessBuilder(
                            "wrk",
                            "-t2",
                            "-c" + connections,
                            "-d" + duration.toSeconds() + "s",
                            "-s",
                            script.toString(),
                            hooks + "load")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
            if (wrk.exitValue() != 0 || !rate.find()) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return Double.parseDouble(rate.group(1));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Requests per second a plain client gets from the receiver: {@code threads} posting bodies of this size. */
    private static double receiverLimit(String hooks, int bodyBytes, int threads, Duration duration) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[Math.max(1, bodyBytes)];
        Arrays.fill(body, (byte) 'x');
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread worker = new Thread(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(hooks + "load-" + n))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/json")
                        .build();
                while (System.nanoTime() < end) {
                    try {
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                        done.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get() / (duration.toNanos() / 1e9);
    }

    private static int query(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
