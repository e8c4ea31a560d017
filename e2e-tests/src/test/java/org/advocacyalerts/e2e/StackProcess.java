package org.advocacyalerts.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.advocacyalerts.local.Directories;
import org.advocacyalerts.local.FreePorts;

/**
 * {@code bin/local-stack} as a person runs it, on free ports and a state directory of its own, with the
 * packaged services (never a build of its own): Kafka, PostgreSQL, GreenMail and both services as
 * separate processes. Stopped with SIGTERM, it must leave no process behind.
 */
final class StackProcess {

    static final Path ROOT =
            Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int ingestPort = FreePorts.next();
    final int dispatcherPort = FreePorts.next();
    final int kafkaPort = FreePorts.next();
    final int postgresPort = FreePorts.next();
    final int smtpPort = FreePorts.next();
    final int imapPort = FreePorts.next();
    final Path stateDir;
    final Path log;
    private final Process process;

    private StackProcess(String name, Map<String, String> extra) throws IOException {
        stateDir = Files.createTempDirectory(name + "-");
        Path noSeeds = Files.createDirectories(stateDir.resolve("no-seeds"));
        log = ROOT.resolve("e2e-tests/target/" + name + ".log");
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_PORT", String.valueOf(kafkaPort),
                "KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next()),
                "POSTGRES_PORT", String.valueOf(postgresPort),
                "INGEST_PORT", String.valueOf(ingestPort),
                "DISPATCHER_PORT", String.valueOf(dispatcherPort),
                "SMTP_PORT", String.valueOf(smtpPort),
                "IMAP_PORT", String.valueOf(imapPort),
                "LOCAL_STACK_DIR", stateDir.resolve("data").toString(),
                // No default sources: CI has no internet; no sample statements: the tests post their own.
                "INGEST_SOURCES_DIR", noSeeds.toString(),
                "INGEST_SEEDS_DIR", noSeeds.toString()));
        env.put("LOCAL_STACK_NO_BUILD", "true"); // test what the reactor just packaged
        env.putAll(extra);
        ProcessBuilder builder = new ProcessBuilder(
                        ROOT.resolve("bin/local-stack").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** Starts the stack and waits until it says it is running; its output goes to target/{name}.log. */
    static StackProcess start(String name, Map<String, String> extra) throws IOException {
        StackProcess stack = new StackProcess(name, extra);
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .failFast("bin/local-stack exited; see " + stack.log, () -> !stack.process.isAlive())
                .until(() -> Files.readString(stack.log).contains("Advocacy Alerts is running"));
        return stack;
    }

    String dispatcher() {
        return "http://127.0.0.1:" + dispatcherPort;
    }

    String ingest() {
        return "http://127.0.0.1:" + ingestPort;
    }

    /** The admin key the stack made at its first start (.local-stack/admin-token). */
    String adminKey() throws IOException {
        return Files.readString(stateDir.resolve("data/admin-token")).strip();
    }

    /** A statement posted to ingest's API as the admin, from a source of {@code sourceId}. */
    void postStatement(String sourceId, String title, String body) throws IOException, InterruptedException {
        String json = JSON.writeValueAsString(Map.of(
                "sourceId", sourceId,
                "url", "https://example.org/" + sourceId + "/" + UUID.randomUUID(),
                "title", title,
                "body", body,
                "publishedAt", Instant.now().toString()));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(ingest() + "/api/statements"))
                        .header("Authorization", "Bearer " + adminKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** SIGTERM, as a process manager or Ctrl-C sends it: every process it started ends. */
    void stopAndLeaveNothingBehind() {
        List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
        started.add(process.toHandle());
        // PostgreSQL detaches from its launcher (pg_ctl): find it by its data directory.
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(stateDir.toString()))
                .forEach(started::add);
        assertThat(started).as("services and PostgreSQL were running").hasSizeGreaterThanOrEqualTo(4);

        process.destroy();

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(started.stream().filter(ProcessHandle::isAlive))
                        .as("processes still alive after SIGTERM")
                        .isEmpty());
        assertThat(process.exitValue()).isIn(0, 143);
        Directories.delete(stateDir); // kept when a check above failed, for whoever looks into it
    }
}
