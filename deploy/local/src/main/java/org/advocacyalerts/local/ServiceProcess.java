package org.advocacyalerts.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service JVM started from its packaged {@code quarkus-run.jar}, its output streamed with a prefix. */
final class ServiceProcess {

    /** Quarkus shuts down gracefully within a few seconds; past this the process is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final Path jar;
    private final String javaOpts;
    private final Map<String, String> environment;
    private Process process;

    ServiceProcess(String name, int port, Path jar, String javaOpts, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.javaOpts = javaOpts;
        this.environment = Map.copyOf(environment);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run bin/local-stack --build");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(javaOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Thread pump = new Thread(this::pumpOutput, name + "-log");
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpOutput() {
        String prefix = String.format("[%-10s] ", name);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(prefix + line);
            }
        } catch (IOException e) {
            // the process ended; nothing more to stream
        }
    }

    /** Waits until {@code /q/health/ready} answers 200 (every check UP), failing if the process dies first. */
    void awaitReady(Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " before it was ready (see its log above)");
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(
                name + " was not ready within " + timeout.toSeconds() + " s (see its log above)");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: Quarkus shuts down gracefully
        }
    }

    void awaitStopped() {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                LocalStack.say("%s did not stop within %d s; killing it", name, STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
