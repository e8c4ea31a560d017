package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.local.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's run command for real: {@code bin/local-stack} starts Kafka, PostgreSQL and the two
 * packaged services as separate JVMs; a statement posted to ingest reaches a webhook subscriber,
 * signed; SIGTERM leaves no process behind.
 */
class LocalStackIT {

    private static final Path ROOT =
            Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process stack;
    private static Path stateDir;
    private static Path log;
    private static int ingestPort;
    private static int dispatcherPort;

    @BeforeAll
    static void startStack() throws IOException {
        stateDir = Files.createTempDirectory("local-stack-it-");
        Path noSeeds = Files.createDirectories(stateDir.resolve("no-seeds"));
        log = ROOT.resolve("e2e-tests/target/local-stack-it.log");
        ingestPort = FreePorts.next();
        dispatcherPort = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(
                        ROOT.resolve("bin/local-stack").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "KAFKA_PORT", String.valueOf(FreePorts.next()),
                        "KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next()),
                        "POSTGRES_PORT", String.valueOf(FreePorts.next()),
                        "INGEST_PORT", String.valueOf(ingestPort),
                        "DISPATCHER_PORT", String.valueOf(dispatcherPort),
                        "LOCAL_STACK_DIR", stateDir.resolve("data").toString(),
                        // Start without sample statements so that posting the seed statement is new.
                        "INGEST_SEEDS_DIR", noSeeds.toString(),
                        // Test what the reactor just packaged, never a build of its own.
                        "LOCAL_STACK_NO_BUILD", "true"));
        stack = builder.start();
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .failFast("bin/local-stack exited; see " + log, () -> !stack.isAlive())
                .until(() -> Files.readString(log).contains("Advocacy Alerts is running"));
    }

    @AfterAll
    static void stopStackAndLeaveNothingBehind() {
        if (stack == null) {
            return;
        }
        List<ProcessHandle> started = new ArrayList<>(stack.descendants().toList());
        started.add(stack.toHandle());
        // PostgreSQL detaches from its launcher (pg_ctl): find it by its data directory.
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(stateDir.toString()))
                .forEach(started::add);
        assertThat(started).as("services and PostgreSQL were running").hasSizeGreaterThanOrEqualTo(4);

        stack.destroy(); // SIGTERM, as a process manager or Ctrl-C would

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(started.stream().filter(ProcessHandle::isAlive))
                        .as("processes still alive after SIGTERM")
                        .isEmpty());
        assertThat(stack.exitValue()).isIn(0, 143);
    }

    @Test
    void seedStatementReachesAPrisonersWebhookExactlyOnceSignedWithinTenSeconds() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode subscription = post(
                    dispatcherPort,
                    "/api/subscriptions",
                    JSON.writeValueAsString(
                            Map.of("channel", "webhook", "target", receiver.url(), "topics", List.of("prisoners"))),
                    201);
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

    private static JsonNode post(int port, String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
