package org.advocacyalerts.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A real HTTP server on loopback for tests: records every webhook request and answers a chosen status. */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request: headers (case-insensitive keys) and the exact body. */
    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What the receiver answers: a status and extra headers (Retry-After, webhook-delivery). */
    public record Answer(int status, Map<String, String> headers) {
        public static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.of(204));
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach(headers::put);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(headers, body));
            Answer next = script.poll();
            Answer current = next != null ? next : answer.get();
            current.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] payload = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            boolean empty = current.status() == 204;
            exchange.sendResponseHeaders(current.status(), empty ? -1 : payload.length);
            if (!empty) {
                exchange.getResponseBody().write(payload);
            }
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/advocacy";
    }

    /** From now on, every request gets this status. */
    public void answer(int statusCode) {
        answer.set(Answer.of(statusCode));
    }

    /** The next requests get these answers, one each, before the standing answer applies again. */
    public void answerInTurn(Answer... answers) {
        script.addAll(List.of(answers));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
