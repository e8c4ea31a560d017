package org.advocacyalerts.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EmbeddedPostgresServer;

/** The packaged services the benchmarks start as processes. */
final class Services {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How long one readiness check may go unanswered before the next is sent. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    /** The admin key every service of a benchmark run accepts (a new one each run). */
    static final String ADMIN_KEY = newKey();

    /** The dispatcher's key for secrets at rest, also new each run. */
    private static final String SECRETS_KEYS = "bench:" + Base64.getEncoder().encodeToString(random32());

    private Services() {}

    private static String newKey() {
        return "aa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random32());
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * A request to a service's {@code /api}, carrying the run's admin key. A service that has not answered
     * within a minute fails the run with an HttpTimeoutException instead of hanging it (and CI with it);
     * a caller may set a shorter timeout.
     */
    static HttpRequest.Builder api(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .timeout(Duration.ofMinutes(1));
    }

    /**
     * Starts a packaged service ({@code quarkus-run.jar}) on the embedded PostgreSQL database and Kafka,
     * logging to {@code log}, with its own settings in {@code extraEnv}.
     */
    static Process start(
            String name,
            Path jar,
            String heap,
            int port,
            EmbeddedPostgresServer postgres,
            String database,
            EmbeddedKafka kafka,
            Path log,
            Map<String, String> extraEnv)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        // e.g. BENCH_SERVICE_OPTS=-XX:StartFlightRecording=filename=/tmp/{service}.jfr to profile each service
        // ({service} is the service's name, so that two services never write the same file)
        String extraOptions =
                System.getenv().getOrDefault("BENCH_SERVICE_OPTS", "").strip().replace("{service}", name);
        if (!extraOptions.isEmpty()) {
            command.addAll(List.of(extraOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_LOG_CATEGORY__ORG_ADVOCACYALERTS__LEVEL", "WARN");
        env.put("ALERTS_ACCESS_ADMIN_KEY", ADMIN_KEY);
        env.put("DISPATCHER_SECRETS_KEYS", SECRETS_KEYS);
        // The benchmarks measure the pipeline at full speed from one client with one key.
        env.put("ALERTS_LIMITS_ENABLED", "false");
        env.putAll(extraEnv);
        System.err.println("[bench] " + name + " log: " + log);
        return builder.start();
    }

    /** The packaged service ({@code quarkus-run.jar}) that {@code bench/run benchmark} builds. */
    static Path packaged(Path root, String service, String benchmark) {
        Path jar = root.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: bench/run " + benchmark + " builds it");
        }
        return jar;
    }

    /** Waits until the service answers its readiness check; fails at once if it exits. */
    static void awaitReady(String name, String api, Process process, Path log) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(api + "/q/health/ready"))
                                                // a starting service may take the connection and never
                                                // answer: without a timeout this check waited forever
                                                .timeout(CHECK_TIMEOUT)
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting (refused, or unanswered within CHECK_TIMEOUT)
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after 90 s; see " + log);
    }
}
