package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.advocacyalerts.local.Directories;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EmbeddedPostgresServer;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.Statement;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under crashes: 1,000 alerts (100 statements × 10 webhook subscriptions) in flight while
 * the packaged alert-dispatcher is killed with SIGKILL three times at random moments and restarted.
 * Every receiver sees every webhook-id; an id is seen twice only when a dispatcher died while sending
 * it (the dispatcher never got the answer, so it is a retry after a failed attempt), never twice within
 * one dispatcher's life.
 */
class DispatcherCrashIT {

    private static final Path ROOT =
            Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int STATEMENTS = 100;
    private static final int SUBSCRIPTIONS = 10;

    private final List<AutoCloseable> cleanUp = new ArrayList<>();
    private Process dispatcher;

    /** The dispatcher's configured admin key, which the test's API calls send. */
    private static final String ADMIN_KEY = "aa_crash-test-admin-key-000000000000000000000";

    /** A receipt of one webhook: its id, when, and in which dispatcher life (0 before the first kill). */
    record Receipt(String webhookId, Instant at, int life) {}

    @AfterEach
    void stopEverything() throws Exception {
        if (dispatcher != null) {
            dispatcher.destroyForcibly().waitFor();
        }
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).close();
        }
    }

    @Test
    void everyAlertArrivesOnceAcrossThreeKills() throws Exception {
        Path dir = Files.createTempDirectory("dispatcher-crash-");
        cleanUp.add(() -> Directories.delete(dir)); // closed last: after PostgreSQL and Kafka stopped
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(FreePorts.next(), dir.resolve("pg"));
        cleanUp.add(postgres);
        postgres.createDatabaseIfMissing("dispatcher");
        EmbeddedKafka kafka = new EmbeddedKafka(FreePorts.next(), FreePorts.next(), dir.resolve("kafka")).start();
        cleanUp.add(kafka);

        AtomicInteger life = new AtomicInteger();
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> perId = new ConcurrentHashMap<>();
        Random random = new Random();
        ScheduledExecutorService answers = Executors.newScheduledThreadPool(4);
        cleanUp.add(answers::shutdownNow);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            receipts.add(new Receipt(id, Instant.now(), life.get()));
            perId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            // A receiver doing some work: answers come 0-30 ms later, so kills land with some in flight.
            answers.schedule(
                    () -> {
                        try {
                            exchange.sendResponseHeaders(204, -1);
                        } catch (IOException e) {
                            // the dispatcher was killed while waiting for this answer
                        }
                        exchange.close();
                    },
                    random.nextInt(30),
                    TimeUnit.MILLISECONDS);
        });
        receiver.start();
        cleanUp.add(() -> receiver.stop(0));

        int port = FreePorts.next();
        Path log = ROOT.resolve("e2e-tests/target/dispatcher-crash.log");
        Files.deleteIfExists(log);
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT",
                String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL",
                postgres.jdbcUrl("dispatcher"),
                "QUARKUS_DATASOURCE_USERNAME",
                EmbeddedPostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD",
                EmbeddedPostgresServer.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "DISPATCHER_SEEDS_DIR",
                ROOT.resolve("seeds/topics").toString(),
                "DISPATCHER_WEBHOOK_ALLOW_ADDRESSES",
                "loopback",
                // Claims of a killed dispatcher run out in seconds, not the production minute.
                "DISPATCHER_WEBHOOK_REQUEST_TIMEOUT",
                "PT3S",
                "DISPATCHER_DELIVERY_LEASE",
                "PT8S"));
        env.put("ALERTS_ACCESS_ADMIN_KEY", ADMIN_KEY);
        env.put("DISPATCHER_SECRETS_KEYS", "crash:" + Base64.getEncoder().encodeToString(new byte[32]));
        startDispatcher(env, log, port);

        String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            String body = JSON.writeValueAsString(
                    Map.of("channel", "webhook", "target", target + i, "topics", List.of("prisoners")));
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/subscriptions"))
                            .header("Authorization", "Bearer " + ADMIN_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        publishStatements(kafka.bootstrapServers());

        // Three kills at random moments of the delivery: after a random share of the webhooks arrived.
        List<Integer> killAt = new ArrayList<>(
                List.of(50 + random.nextInt(250), 350 + random.nextInt(250), 650 + random.nextInt(250)));
        for (int threshold : killAt) {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> perId.size() >= threshold);
            dispatcher.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no last commit
            life.incrementAndGet();
            startDispatcher(env, log, port);
        }

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> perId.size() == STATEMENTS * SUBSCRIPTIONS);
        // Every delivery recorded: nothing is pending, so nothing more can be sent.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> HTTP.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + port + "/api/deliveries?status=pending&limit=1"))
                                        .header("Authorization", "Bearer " + ADMIN_KEY)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()
                        .equals("[]"));
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + port + "/api/deliveries?status=failed&limit=1"))
                                        .header("Authorization", "Bearer " + ADMIN_KEY)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .isEqualTo("[]");

        assertThat(perId).hasSize(STATEMENTS * SUBSCRIPTIONS);
        Map<String, List<Receipt>> byId = new HashMap<>();
        receipts.forEach(
                r -> byId.computeIfAbsent(r.webhookId(), k -> new ArrayList<>()).add(r));
        int repeated = 0;
        for (List<Receipt> seen : byId.values()) {
            if (seen.size() > 1) {
                repeated++;
                // Only a dispatcher that died while sending sends a message again: never within one life.
                assertThat(seen.stream().map(Receipt::life).distinct().count())
                        .as("receipts of " + seen.get(0).webhookId() + " " + seen)
                        .isEqualTo(seen.size());
            }
        }
        // At most what was in flight at the three kills (4 per endpoint, 10 endpoints).
        assertThat(repeated).isLessThanOrEqualTo(3 * 4 * SUBSCRIPTIONS);
        System.out.printf(
                "crash test: %d webhooks, %d ids, %d sent again after a kill; kills after %s%n",
                receipts.size(), perId.size(), repeated, killAt);
    }

    private void startDispatcher(Map<String, String> env, Path log, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        ROOT.resolve("alert-dispatcher/target/quarkus-app/quarkus-run.jar")
                                .toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process started = builder.start();
        dispatcher = started;
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .failFast("the dispatcher exited; see " + log, () -> !started.isAlive())
                .ignoreExceptions()
                .until(() -> HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    private static void publishStatements(String bootstrap) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < STATEMENTS; i++) {
                Statement statement = new Statement(
                        UUID.randomUUID(),
                        "state-department",
                        "https://www.state.gov/statements/crash-" + i,
                        "Prisoners of war " + i,
                        "Azerbaijan must release the Armenian prisoners of war held since 2020. Statement " + i + ".",
                        "en",
                        Instant.parse("2021-05-27T18:30:00Z"),
                        Instant.now(),
                        "ab".repeat(32));
                producer.send(CloudEventCodec.statementPublished(statement, URI.create("urn:crash-test")));
            }
            producer.flush();
        }
    }
}
