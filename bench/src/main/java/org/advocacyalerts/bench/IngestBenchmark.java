package org.advocacyalerts.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.advocacyalerts.local.Directories;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EmbeddedPostgresServer;
import org.advocacyalerts.local.FreePorts;

/**
 * {@code bench/run ingest}: the packaged statement-ingest against real PostgreSQL and Kafka and a local
 * server of feeds and pages.
 *
 * <ol>
 *   <li>Polling cost: {@code --sources} sources whose feeds answer 304 to a conditional GET. After the
 *       first round (200s), every source is made due at once; the service's CPU time for that round of
 *       304s, per 100 sources, is measured from the process. Baseline in the same run: the CPU the idle
 *       service burns over as long (scheduler ticks, Kafka client, GC), subtracted.
 *   <li>First ingest: {@code --feeds} sources of {@code --items} new items each, every item's page (2-10 KB
 *       of real statement text) fetched and extracted; items per second until all are stored. Baseline
 *       in the same run: the same pages fetched by a plain client with as many threads, nothing else.
 * </ol>
 */
public final class IngestBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = MatcherBenchmark.options(args);
        int sourceCount = Integer.parseInt(options.getOrDefault("sources", "1000"));
        int feedCount = Integer.parseInt(options.getOrDefault("feeds", "100"));
        int itemsPerFeed = Integer.parseInt(options.getOrDefault("items", "100"));
        Path root = Path.of(System.getProperty("bench.root", "."));
        Path jar = Services.packaged(root, "statement-ingest", "ingest");
        List<String> texts = new ArrayList<>();
        for (String file : List.of("wh_armenia_azerbaijan.jsonl", "wh_negatives_sample.jsonl")) {
            EvalData.read(EvalData.dir().resolve(file)).forEach(d -> texts.add(d.text()));
        }
        Path work = Files.createTempDirectory("bench-ingest-");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(FreePorts.next(), work.resolve("pg"));
                EmbeddedKafka kafka =
                        new EmbeddedKafka(FreePorts.next(), FreePorts.next(), work.resolve("kafka")).start();
                Fixtures fixtures = new Fixtures(texts, itemsPerFeed)) {
            postgres.createDatabaseIfMissing("ingest");
            int port = FreePorts.next();
            Process ingest = Services.start(
                    "statement-ingest",
                    jar,
                    "-Xmx512m",
                    port,
                    postgres,
                    "ingest",
                    kafka,
                    work.resolve("ingest.log"),
                    Map.of("INGEST_FETCH_ALLOW_ADDRESSES", "loopback"));
            try {
                String api = "http://127.0.0.1:" + port;
                Services.awaitReady("statement-ingest", api, ingest, work.resolve("ingest.log"));
                try (Connection db = DriverManager.getConnection(
                        postgres.jdbcUrl("ingest"), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD)) {
                    double cpuPer100 = pollingCost(api, db, ingest, fixtures, sourceCount);
                    double[] ingestRates = firstIngest(api, db, fixtures, feedCount, itemsPerFeed);
                    System.out.printf(
                            Locale.ROOT,
                            "RESULT ingest items_per_s=%.0f cpu_s_per_100_sources=%.3f fetch_only_items_per_s=%.0f"
                                    + " sources=%d items=%d%n",
                            ingestRates[0],
                            cpuPer100,
                            ingestRates[1],
                            sourceCount,
                            feedCount * itemsPerFeed);
                }
            } finally {
                ingest.destroy();
                ingest.waitFor();
            }
        }
        Directories.delete(work); // kept when the run failed: its services' logs are there
    }

    /** CPU seconds per 100 sources for one round of 304s, net of what the idle service burns as long. */
    private static double pollingCost(String api, Connection db, Process ingest, Fixtures fixtures, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            post(
                    api + "/api/sources",
                    "{\"id\":\"unchanged-" + i + "\",\"name\":\"unchanged " + i + "\",\"url\":\"" + fixtures.base()
                            + "/unchanged/" + i + ".xml\",\"pollIntervalSeconds\":86400}");
        }
        awaitCount(
                db,
                "SELECT count(*) FROM source WHERE id LIKE 'unchanged-%' AND last_success_at IS NOT NULL",
                count,
                "first round of " + count + " sources");
        long round = System.nanoTime();
        long cpuBefore = cpuNanos(ingest);
        update(db, "UPDATE source SET next_poll_at = now() WHERE id LIKE 'unchanged-%'");
        Timestamp due = query(db, "SELECT now()", rs -> rs.getTimestamp(1));
        long notModifiedBefore = fixtures.notModified.get();
        awaitCount(
                db,
                "SELECT count(*) FROM source WHERE id LIKE 'unchanged-%' AND last_poll_at >= '" + due + "'",
                count,
                "round of 304s");
        long roundNanos = System.nanoTime() - round;
        long cpuRound = cpuNanos(ingest) - cpuBefore;
        long answered304 = fixtures.notModified.get() - notModifiedBefore;

        // Baseline: the same service, nothing due, for as long.
        long idleBefore = cpuNanos(ingest);
        Thread.sleep(Math.max(1, roundNanos / 1_000_000));
        long cpuIdle = cpuNanos(ingest) - idleBefore;
        double net = Math.max(0, cpuRound - cpuIdle) / 1e9;
        System.err.printf(
                Locale.ROOT,
                "[bench] %d sources polled in %.1f s (%d answered 304): %.2f CPU s, idle baseline %.2f CPU s over as"
                        + " long -> %.3f CPU s per 100 sources%n",
                count,
                roundNanos / 1e9,
                answered304,
                cpuRound / 1e9,
                cpuIdle / 1e9,
                net * 100 / count);
        return net * 100 / count;
    }

    /** {items/s through the service, items/s of fetching the same pages alone}. */
    private static double[] firstIngest(String api, Connection db, Fixtures fixtures, int feeds, int items)
            throws Exception {
        int total = feeds * items;
        long start = System.nanoTime();
        for (int f = 0; f < feeds; f++) {
            post(
                    api + "/api/sources",
                    "{\"id\":\"fresh-" + f + "\",\"name\":\"fresh " + f + "\",\"url\":\"" + fixtures.base() + "/fresh/"
                            + f + ".xml\",\"pollIntervalSeconds\":86400}");
        }
        awaitCount(
                db,
                "SELECT count(*) FROM source WHERE id LIKE 'fresh-%' AND last_success_at IS NOT NULL",
                feeds,
                "first ingest (sources done)");
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = query(db, "SELECT count(*) FROM source_item WHERE source_id LIKE 'fresh-%'", rs -> rs.getLong(1));
        if (stored < total) {
            System.err.printf(
                    "[bench] %d of %d items not stored; for example: %s%n",
                    total - stored,
                    total,
                    query(
                            db,
                            "SELECT coalesce(max(last_error), '') FROM source WHERE id LIKE 'fresh-%'",
                            rs -> rs.getString(1)));
        }
        double perSecond = stored / seconds;

        // Baseline: the same pages, fetched by a plain client with the service's concurrency (4).
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long fetchStart = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int f = 0; f < feeds; f++) {
            for (int i = 0; i < items; i++) {
                URI page = URI.create(fixtures.base() + "/fresh/" + f + "/" + i);
                done.add(pool.submit(() ->
                        HTTP.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofByteArray())));
            }
        }
        for (var d : done) {
            d.get();
        }
        pool.shutdown();
        double fetchOnly = total / ((System.nanoTime() - fetchStart) / 1e9);
        System.err.printf(
                Locale.ROOT,
                "[bench] %d new items with full-text pages in %.1f s: %.0f items/s (fetching the pages alone: %.0f/s)%n",
                total,
                seconds,
                perSecond,
                fetchOnly);
        return new double[] {perSecond, fetchOnly};
    }

    private static void awaitCount(Connection db, String sql, long expected, String what) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long last = -1;
        long lastReport = System.nanoTime();
        while (System.nanoTime() < giveUp) {
            long now = query(db, sql, rs -> rs.getLong(1));
            if (now >= expected) {
                return;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L && now != last) {
                System.err.printf("[bench] %s: %d of %d%n", what, now, expected);
                lastReport = System.nanoTime();
                last = now;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(what + " did not finish within 10 minutes");
    }

    private static long cpuNanos(Process process) {
        return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static void post(String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(
                Services.api(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void update(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T query(Connection db, String sql, Row<T> row) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return row.read(rs);
        }
    }

    /** The local server of feeds and pages. */
    private static final class Fixtures implements AutoCloseable {
        final AtomicLong notModified = new AtomicLong();
        private final HttpServer server;
        private final List<String> texts;
        private final int itemsPerFeed;

        Fixtures(List<String> texts, int itemsPerFeed) throws IOException {
            this.texts = texts;
            this.itemsPerFeed = itemsPerFeed;
            server = LocalHttp.server(8);
            server.createContext("/unchanged/", this::unchanged);
            server.createContext("/fresh/", this::fresh);
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** A feed that never changes: 304 to a conditional GET (its 3 items are stored on the first poll). */
        private void unchanged(HttpExchange x) throws IOException {
            if ("\"v1\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                x.sendResponseHeaders(304, -1);
                x.close();
                return;
            }
            x.getResponseHeaders().add("ETag", "\"v1\"");
            // Items without links: the first poll stores their feed text, no pages.
            StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><link>" + base()
                    + "/</link><description>d</description>");
            String path = x.getRequestURI().getPath();
            for (int i = 0; i < 3; i++) {
                rss.append("<item><title>Unchanged ")
                        .append(i)
                        .append("</title><guid>")
                        .append(path)
                        .append('#')
                        .append(i)
                        .append("</guid><description>Statement ")
                        .append(i)
                        .append(" of ")
                        .append(path)
                        .append("</description></item>");
            }
            send(x, "application/rss+xml", rss.append("</channel></rss>").toString());
        }

        /** /fresh/{f}.xml: a feed of new items; /fresh/{f}/{i}: an item's page of real statement text. */
        private void fresh(HttpExchange x) throws IOException {
            String path = x.getRequestURI().getPath().substring("/fresh/".length());
            if (path.endsWith(".xml")) {
                String feed = path.substring(0, path.length() - 4);
                StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><link>" + base()
                        + "/</link><description>d</description>");
                for (int i = 0; i < itemsPerFeed; i++) {
                    rss.append("<item><title>Statement ")
                            .append(feed)
                            .append('-')
                            .append(i)
                            .append("</title><link>")
                            .append(base())
                            .append("/fresh/")
                            .append(feed)
                            .append('/')
                            .append(i)
                            .append("</link></item>");
                }
                send(x, "application/rss+xml", rss.append("</channel></rss>").toString());
                return;
            }
            int n = Math.floorMod(path.hashCode(), texts.size());
            String text = texts.get(n);
            int size = 2048 + Math.floorMod(path.hashCode() * 31, 8 * 1024);
            StringBuilder html = new StringBuilder("<html><head><title>Statement</title></head><body>"
                    + "<nav><a href=/>Home</a> <a href=/news>News</a></nav><main><h1>Statement " + path + "</h1>");
            for (String paragraph :
                    text.substring(0, Math.min(text.length(), size)).split("\n\n")) {
                html.append("<p>").append(escape(paragraph)).append("</p>");
            }
            send(
                    x,
                    "text/html; charset=utf-8",
                    html.append("</main><footer>Footer</footer></body></html>").toString());
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        private static void send(HttpExchange x, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", type);
            x.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
