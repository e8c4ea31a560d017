package org.advocacyalerts.ingest.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Answers of the tests' fixture servers (real JDK HTTP servers on loopback), hostile ones included. */
public final class Http {

    private static final ScheduledExecutorService PACE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fixture-drip");
        t.setDaemon(true);
        return t;
    });

    private Http() {}

    public static void send(HttpExchange x, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", contentType);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A chunked 200 of {@code megabytes} MB of zeros, with no length to refuse up front. */
    public static void huge(HttpExchange x, int megabytes) throws IOException {
        x.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = x.getResponseBody()) {
            for (int i = 0; i < megabytes * 16; i++) {
                out.write(chunk);
            }
        } catch (IOException clientStoppedReading) {
            // expected: the client stops at its limit
        }
    }

    /** A 200 that sends one byte every {@code millis} ms, {@code count} times: a slow-drip server. */
    public static void drip(HttpExchange x, long millis, int count) throws IOException {
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(PACE.scheduleAtFixedRate(
                () -> {
                    try {
                        out.write(' ');
                        out.flush();
                        if (sent.incrementAndGet() < count) {
                            return;
                        }
                    } catch (IOException clientHungUp) {
                        // expected: the client gives up at its deadline
                    }
                    x.close();
                    task.get().cancel(false); // set long before: the first byte goes out after one pause
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS));
    }
}
