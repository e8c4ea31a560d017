package org.advocacyalerts.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.advocacyalerts.ingest.testing.Http;
import org.advocacyalerts.support.AddressPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every hostile answer a feed server can give, from a real HTTP server on loopback. */
class SafeFetcherTest {

    private static final AddressPolicy LOOPBACK = AddressPolicy.allowing(List.of(AddressPolicy.Range.LOOPBACK));
    private static final SafeFetcher.Limits LIMITS =
            new SafeFetcher.Limits(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3), 5L << 20, 5);

    private static HttpServer server;
    private static ExecutorService handlers;
    private static SafeFetcher fetcher;
    private static final CountDownLatch silence = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/feed", x -> {
            if ("\"v1\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            x.getResponseHeaders().add("ETag", "\"v1\"");
            x.getResponseHeaders().add("Last-Modified", "Sat, 28 Nov 2026 10:00:00 GMT");
            x.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            send(x, 200, "<rss/>".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/gzip", x -> {
            byte[] plain = "compressed feed ".repeat(1000).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Encoding", "gzip");
            send(x, 200, gzip(plain, 1));
        });
        server.createContext("/gzip-bomb", x -> {
            x.getResponseHeaders().add("Content-Encoding", "gzip");
            send(x, 200, gzip(new byte[1 << 20], 50)); // 50 MB of zeros, 50 KB on the wire
        });
        server.createContext("/huge", x -> Http.huge(x, 50));
        server.createContext("/declared-huge", x -> {
            x.sendResponseHeaders(200, 50L << 20);
            x.close();
        });
        server.createContext("/drip", x -> Http.drip(x, 250, 60)); // a byte every 250 ms
        server.createContext("/silent", x -> {
            try {
                silence.await(); // says nothing until the tests are over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.createContext("/loop", x -> redirect(x, "/loop"));
        server.createContext("/hop", x -> redirect(x, "/feed"));
        server.createContext("/to-file", x -> redirect(x, "file:///etc/passwd"));
        server.createContext("/to-metadata", x -> redirect(x, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/gone", x -> send(x, 404, "no such feed".getBytes(StandardCharsets.UTF_8)));
        server.start();
        fetcher = new SafeFetcher(LOOPBACK, LIMITS, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        silence.countDown();
        fetcher.close();
        server.stop(0);
        handlers.shutdownNow();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static SafeFetcher.Fetched get(String path) throws FetchException {
        return fetcher.get(url(path), SafeFetcher.Validators.NONE, "*/*");
    }

    @Test
    void fetchesWithValidatorsAndAnUnchangedResourceIsA304() throws Exception {
        SafeFetcher.Fetched first = get("/feed");
        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
        assertThat(first.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(first.validators().etag()).isEqualTo("\"v1\"");

        SafeFetcher.Fetched again = fetcher.get(url("/feed"), first.validators(), "*/*");
        assertThat(again.notModified()).isTrue();
        assertThat(again.body()).isEmpty();
    }

    @Test
    void gzipIsDecoded() throws Exception {
        assertThat(new String(get("/gzip").body(), StandardCharsets.UTF_8)).startsWith("compressed feed compressed");
    }

    @Test
    void aBodyOverTheLimitIsNotReadFurtherEvenCompressedOrUndeclared() {
        assertThatThrownBy(() -> get("/huge")).hasMessageContaining("larger than 5 MB");
        assertThatThrownBy(() -> get("/declared-huge")).hasMessageContaining("larger than 5 MB");
        assertThatThrownBy(() -> get("/gzip-bomb")).hasMessageContaining("larger than 5 MB");
    }

    @Test
    void aServerThatDripsIsCutOffAtTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> get("/drip")).hasMessageContaining("gave up after 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aServerThatSaysNothingTimesOut() {
        assertThatThrownBy(() -> get("/silent")).hasMessageContaining("stopped sending");
    }

    @Test
    void redirectsAreFollowedAFewTimesAndOnlyToHttp() throws Exception {
        assertThat(get("/hop").uri()).isEqualTo(url("/feed"));
        assertThatThrownBy(() -> get("/loop")).hasMessageContaining("more than 5 redirects");
        assertThatThrownBy(() -> get("/to-file")).hasMessageContaining("non-http(s) URL refused: file:///etc/passwd");
    }

    @Test
    void aRedirectToTheMetadataAddressIsRefused() {
        assertThatThrownBy(() -> get("/to-metadata"))
                .hasMessageContaining("refused")
                .hasMessageContaining("169.254.169.254 is a link-local address");
    }

    @Test
    void withTheDefaultPolicyLoopbackIsRefusedBeforeAnyConnection() {
        try (SafeFetcher strict = new SafeFetcher(AddressPolicy.publicOnly(), LIMITS, Clock.systemUTC())) {
            assertThatThrownBy(() -> strict.get(url("/feed"), SafeFetcher.Validators.NONE, "*/*"))
                    .hasMessageContaining("refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback address");
            assertThatThrownBy(() -> strict.get(
                            URI.create("http://localhost:" + server.getAddress().getPort() + "/feed"),
                            SafeFetcher.Validators.NONE,
                            "*/*"))
                    .hasMessageContaining("localhost resolves to");
        }
    }

    @Test
    void errorsSayWhatHappened() {
        assertThatThrownBy(() -> get("/gone")).hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> fetcher.get(URI.create("ftp://example.org/feed"), SafeFetcher.Validators.NONE, "*/*"))
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(
                        () -> fetcher.get(URI.create("http://user:pw@127.0.0.1/"), SafeFetcher.Validators.NONE, "*/*"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> fetcher.get(URI.create("http://127.0.0.1:1/feed"), SafeFetcher.Validators.NONE, "*/*"))
                .hasMessageContaining("connection refused");
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] gzip(byte[] block, int times) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < times; i++) {
                gz.write(block);
            }
        }
        return bytes.toByteArray();
    }
}
