package org.advocacyalerts.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EmbeddedPostgresServer;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.model.CloudEventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bench/run delivery}: the packaged alert-dispatcher on embedded PostgreSQL and Kafka, one
 * statement matching {@code --subscriptions} webhook subscriptions (each its own endpoint URL on one
 * local receiver): webhooks per second from the statement's publication until the receiver has every
 * one, with durable bookkeeping (an alert row, a claim, an attempt row and a state change each). In the
 * same run, what a plain load generator (Java's HTTP client, as many threads as the dispatcher's
 * senders, the same body size) gets from the same receiver: the receiver's limit.
 */
public final class DeliveryBenchmark {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = MatcherBenchmark.options(args);
        int subscriptions = Integer.parseInt(options.getOrDefault("subscriptions", "100000"));
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path jar = root.resolve("alert-dispatcher/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: bench/run delivery builds it");
        }
        AtomicLong received = new AtomicLong();
        HttpServer receiver = LocalHttp.server(8);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
        Path work = Files.createTempDirectory("bench-delivery-");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(FreePorts.next(), work.resolve("pg"));
                EmbeddedKafka kafka =
                        new EmbeddedKafka(FreePorts.next(), FreePorts.next(), work.resolve("kafka")).start()) {
            postgres.createDatabaseIfMissing("dispatcher");
            int port = FreePorts.next();
            Path log = work.resolve("dispatcher.log");
            Process dispatcher = Services.start(
                    "alert-dispatcher",
                    jar,
                    "-Xmx1g",
                    port,
                    postgres,
                    "dispatcher",
                    kafka,
                    log,
                    Map.of(
                            "DISPATCHER_SEEDS_DIR",
                            root.resolve("seeds/topics").toString(),
                            "DISPATCHER_WEBHOOK_ALLOW_ADDRESSES",
                            "loopback"));
            try {
                Services.awaitReady("alert-dispatcher", "http://127.0.0.1:" + port, dispatcher, log);
                try (Connection db = DriverManager.getConnection(
                        postgres.jdbcUrl("dispatcher"), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
                    subscribe(db, hooks, subscriptions);
                    double[] fanOut = fanOut(db, kafka.bootstrapServers(), received, subscriptions);
                    int bodyBytes = query(db, "SELECT max(length(payload)) FROM alert");
                    double limit = receiverLimit(hooks, bodyBytes, 32, Duration.ofSeconds(10));
                    System.out.printf(
                            Locale.ROOT,
                            "%,d webhooks in %.1f s: %.0f/s (alerts stored in %.1f s); the receiver takes %.0f/s from"
                                    + " a plain client (%.0f%% of it)%n",
                            subscriptions,
                            fanOut[0],
                            subscriptions / fanOut[0],
                            fanOut[1],
                            limit,
                            100 * subscriptions / fanOut[0] / limit);
                    System.out.printf(
                            Locale.ROOT,
                            "RESULT delivery subscriptions=%d webhooks_per_s=%.0f receiver_limit_per_s=%.0f"
                                    + " fan_out_s=%.1f alerts_stored_s=%.1f emails_per_s=na p50_ms=na p99_ms=na"
                                    + " kafka_p99_ms=na%n",
                            subscriptions,
                            subscriptions / fanOut[0],
                            limit,
                            fanOut[0],
                            fanOut[1]);
                }
            } finally {
                dispatcher.destroy();
                dispatcher.waitFor();
                receiver.stop(0);
            }
        }
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

    /** Seconds from publication until every webhook arrived, and until every alert was stored. */
    private static double[] fanOut(Connection db, String bootstrap, AtomicLong received, int expected)
            throws Exception {
        org.advocacyalerts.model.Statement statement = new org.advocacyalerts.model.Statement(
                UUID.randomUUID(),
                "state-department",
                "https://www.state.gov/statements/bench",
                "Release the Armenian prisoners of war",
                "The United States urges Azerbaijan to release all Armenian prisoners of war and detainees held"
                        + " since the 2020 conflict. "
                        + "We call on both sides to pursue peace. ".repeat(20),
                "en",
                Instant.parse("2021-05-27T18:30:00Z"),
                Instant.now(),
                "ab".repeat(32));
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long start;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            start = System.nanoTime();
            producer.send(CloudEventCodec.statementPublished(statement, URI.create("urn:bench")))
                    .get();
        }
        double storedAt = -1;
        long lastReport = System.nanoTime();
        while (received.get() < expected) {
            if (storedAt < 0 && query(db, "SELECT count(*) FROM alert") >= expected) {
                storedAt = (System.nanoTime() - start) / 1e9;
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

    /** Requests per second a plain client gets from the receiver: {@code threads} posting bodies of this size. */
    private static double receiverLimit(String hooks, int bodyBytes, int threads, Duration duration) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[Math.max(1, bodyBytes)];
        java.util.Arrays.fill(body, (byte) 'x');
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
