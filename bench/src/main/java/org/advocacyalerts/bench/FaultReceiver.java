package org.advocacyalerts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver of the fault suite: answers 200, 500, or hangs 20 s (then 503), and tells its
 * {@link Ledger} what arrived. Run as a program ({@code main HOST PORT}) it serves in another process (in
 * a network namespace, say) and prints each arrival as a line the suite reads ({@link Ledger#line}).
 */
final class FaultReceiver implements AutoCloseable {

    enum Mode {
        OK,
        FAIL,
        HANG
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HANG_MILLIS = 20_000;

    private final HttpServer server;
    private final String host;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-receiver");
        t.setDaemon(true);
        return t;
    });
    private final Ledger.Sink sink;
    private volatile Mode mode = Mode.OK;

    FaultReceiver(String host, int port, Ledger.Sink sink) {
        this.host = host;
        this.sink = sink;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves on {@code args[0]:args[1]}, printing each arrival to standard output. */
    public static void main(String[] args) throws Exception {
        try (FaultReceiver receiver = new FaultReceiver(args[0], Integer.parseInt(args[1]), arrival -> {
            synchronized (System.out) {
                System.out.println(Ledger.line(arrival));
                System.out.flush();
            }
        })) {
            System.out.println("READY");
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long at = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
        String statement = "-";
        String subscription = "-";
        try {
            JsonNode data = JSON.readTree(body).get("data");
            statement = data.at("/statement/id").asText("-");
            subscription = data.get("subscriptionId").asText("-");
        } catch (RuntimeException e) {
            // not an alert: answered all the same
        }
        Mode now = mode;
        if (now == Mode.HANG) {
            try {
                Thread.sleep(HANG_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = now == Mode.OK ? 200 : now == Mode.FAIL ? 500 : 503;
        try {
            exchange.sendResponseHeaders(status, -1);
        } finally {
            exchange.close();
        }
        if (webhookId != null) {
            sink.arrived(new Ledger.Arrival(webhookId, statement, subscription, status, at));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
