package org.advocacyalerts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.advocacyalerts.local.Directories;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.EmbeddedPostgresServer;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.model.Alert;

/**
 * {@code bench/run faults}: the packaged services as separate processes on real Kafka and PostgreSQL, a
 * steady load of statements through the API, webhook subscriptions over local receivers, and the faults
 * operators meet, injected one after another. Alerts are counted on the receivers' side ({@link Ledger})
 * and compared with what the dry-run API says each accepted statement alerts, so a lost alert is seen
 * even when nothing logs an error. See bench/README.md.
 */
public final class FaultSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int RECEIVERS = 10;
    private static final String NETNS = "aa-faults";
    private static final String HOST_SIDE = "aa-fh";
    private static final String RECEIVER_SIDE = "aa-fr";
    private static final String HOST_ADDRESS = "10.231.77.1";
    private static final String RECEIVER_ADDRESS = "10.231.77.2";
    private static final List<String> TOPICS =
            List.of("prisoners", "border", "section-907", "peace-process", "humanitarian");
    private static final List<String> TEXTS = List.of(
            "Azerbaijan must immediately release all Armenian prisoners of war and detainees held in Baku.",
            "We urge Azerbaijan to stop fortifying positions along the undemarcated border with Armenia.",
            "The Administration extended the waiver of Section 907 of the FREEDOM Support Act for Azerbaijan.",
            "Armenia and Azerbaijan should return to negotiations on a lasting peace treaty and normalisation.",
            "Humanitarian access to Nagorno-Karabakh through the Lachin corridor must be restored at once.");

    private final Path root;
    private final Path work;
    private final int trials;
    private final Duration outage;
    private final Duration networkCut;
    /** Load before a fault and after it. */
    private final Duration steady;

    private final int subscriptionCount;
    private final double rate;

    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private final Ledger ledger = new Ledger();
    private final List<FaultReceiver> receivers = new ArrayList<>();
    /** Subscriptions of the receiver the hang fault hangs: left out of the healthy receivers' p99. */
    private final Set<String> hangingSubscriptions = ConcurrentHashMap.newKeySet();
    /** Email subscriptions: their alerts are counted by {@code X-Alert-Id} in the SMTP sink. */
    private final Set<String> emailSubscriptions = ConcurrentHashMap.newKeySet();

    private SmtpSink smtp;

    private final Map<String, Process> services = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> ingestReplicas = new CopyOnWriteArrayList<>(List.of("statement-ingest"));
    private final AtomicInteger starts = new AtomicInteger();
    private Process namespacedReceiver;
    private String namespacedUrl;

    /** Accepted statements: id → when ingest answered 201 (or 200 for a body sent again), and its text. */
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    private record Accepted(long at, String title, String body) {}

    private FaultSuite(Path root, Map<String, String> options) throws IOException {
        this.root = root;
        this.work = Files.createTempDirectory("bench-faults-");
        boolean quick = Boolean.parseBoolean(options.getOrDefault("short", "false"));
        this.trials = Integer.parseInt(options.getOrDefault("trials", quick ? "1" : "3"));
        this.outage = Duration.ofSeconds(Long.parseLong(options.getOrDefault("outage", quick ? "10" : "60")));
        this.networkCut = Duration.ofSeconds(Long.parseLong(options.getOrDefault("network-cut", quick ? "10" : "120")));
        this.steady = Duration.ofSeconds(quick ? 3 : 5);
        this.subscriptionCount = Integer.parseInt(options.getOrDefault("subscriptions", quick ? "200" : "1000"));
        this.rate = Double.parseDouble(options.getOrDefault("rate", "2"));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath();
        FaultSuite suite = new FaultSuite(root, MatcherBenchmark.options(args));
        int code = 1;
        try {
            code = suite.run();
        } finally {
            suite.stopAll();
            if (code == 0) {
                Directories.delete(suite.work);
            } else {
                System.err.println("[faults] the services' logs, Kafka and PostgreSQL are kept in " + suite.work);
            }
        }
        System.exit(code);
    }

    /** One row of the table. */
    private record Row(
            String fault,
            int trials,
            int statements,
            long expected,
            long received,
            long duplicatesAfter2xx,
            long duplicatesAfterError,
            double maxRecoverySeconds,
            int statementsLost,
            double healthyP99Millis) {

        long lost() {
            return expected - received;
        }
    }

    @FunctionalInterface
    private interface Fault {
        void inject() throws Exception;
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        startInfrastructure();
        subscribe();
        trial("warm-up, not counted", () -> pause(steady)); // (the services' first seconds are JIT compiling)
        List<Row> rows = new ArrayList<>();
        rows.add(trial("none (baseline)", () -> pause(outage)));
        rows.add(trial("ingest kill -9 mid-request and mid-relay", () -> restart("statement-ingest")));
        rows.add(trial("dispatcher kill -9 mid-match and mid-delivery", () -> restart("alert-dispatcher")));
        rows.add(trial("Kafka stopped " + outage.toSeconds() + " s", () -> {
            kafka.stop();
            pause(outage);
            kafka.start();
        }));
        rows.add(trial("PostgreSQL unreachable " + outage.toSeconds() + " s", () -> {
            postgres.cutOff("ingest");
            postgres.cutOff("dispatcher");
            pause(outage);
            postgres.reconnect("ingest");
            postgres.reconnect("dispatcher");
        }));
        rows.add(trial("3 of 10 receivers answer 500 for " + outage.toSeconds() + " s", () -> {
            receivers.subList(0, 3).forEach(r -> r.mode(FaultReceiver.Mode.FAIL));
            pause(outage);
            receivers.subList(0, 3).forEach(r -> r.mode(FaultReceiver.Mode.OK));
        }));
        rows.add(trial("1 of 10 receivers hangs 20 s a request", () -> {
            receivers.get(RECEIVERS - 1).mode(FaultReceiver.Mode.HANG);
            pause(outage);
            receivers.get(RECEIVERS - 1).mode(FaultReceiver.Mode.OK);
        }));
        if (namespacedReceiver != null) {
            rows.add(trial("network to receivers cut " + networkCut.toSeconds() + " s", () -> {
                ip("link", "set", HOST_SIDE, "down");
                pause(networkCut);
                ip("link", "set", HOST_SIDE, "up");
            }));
        }
        startSecondReplicas();
        rows.add(trial("two replicas each, one of each kill -9", () -> {
            restart("statement-ingest-2");
            restart("alert-dispatcher-2");
        }));
        return report(rows, Duration.ofNanos(System.nanoTime() - started));
    }

    // --- the system under test -------------------------------------------------------------------------

    private void startInfrastructure() throws Exception {
        postgres = EmbeddedPostgresServer.start(FreePorts.next(), work.resolve("pg"));
        postgres.createDatabaseIfMissing("ingest");
        postgres.createDatabaseIfMissing("dispatcher");
        kafka = new EmbeddedKafka(FreePorts.next(), FreePorts.next(), work.resolve("kafka")).start();
        for (int i = 0; i < RECEIVERS; i++) {
            receivers.add(new FaultReceiver("127.0.0.1", 0, ledger::record));
        }
        smtp = new SmtpSink("X-Alert-Id:", ledger::recordMail);
        startNamespacedReceiver();
        for (String name : List.of("statement-ingest", "alert-dispatcher")) {
            ports.put(name, FreePorts.next());
            start(name);
        }
    }

    /**
     * One more receiver in a network namespace of its own, reached over a veth pair the suite can take
     * down: a real network cut. Needs root and iproute2; without them the fault is left out, and said so.
     */
    private void startNamespacedReceiver() {
        try {
            cleanNamespace();
            ip("netns", "add", NETNS);
            ip("link", "add", HOST_SIDE, "type", "veth", "peer", "name", RECEIVER_SIDE);
            ip("link", "set", RECEIVER_SIDE, "netns", NETNS);
            ip("addr", "add", HOST_ADDRESS + "/24", "dev", HOST_SIDE);
            ip("link", "set", HOST_SIDE, "up");
            ip("netns", "exec", NETNS, "ip", "addr", "add", RECEIVER_ADDRESS + "/24", "dev", RECEIVER_SIDE);
            ip("netns", "exec", NETNS, "ip", "link", "set", RECEIVER_SIDE, "up");
            ip("netns", "exec", NETNS, "ip", "link", "set", "lo", "up");
            int port = FreePorts.next();
            Process p = new ProcessBuilder(
                            "ip",
                            "netns",
                            "exec",
                            NETNS,
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx128m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            FaultReceiver.class.getName(),
                            RECEIVER_ADDRESS,
                            String.valueOf(port))
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"READY".equals(first)) {
                throw new IllegalStateException("receiver in the namespace did not start: " + first);
            }
            Thread reader = new Thread(
                    () -> {
                        try {
                            String line;
                            while ((line = out.readLine()) != null) {
                                Ledger.Arrival a = Ledger.parse(line);
                                if (a != null) {
                                    ledger.record(a);
                                }
                            }
                        } catch (IOException e) {
                            // the receiver stopped
                        }
                    },
                    "netns-receiver");
            reader.setDaemon(true);
            reader.start();
            namespacedReceiver = p;
            namespacedUrl = "http://" + RECEIVER_ADDRESS + ":" + port;
            System.err.println("[faults] a receiver in network namespace " + NETNS + " at " + namespacedUrl);
        } catch (Exception e) {
            System.err.println("[faults] network cut left out (needs root and ip netns): " + e.getMessage());
            cleanNamespace();
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output.strip());
        }
    }

    private static void cleanNamespace() {
        try {
            ip("link", "delete", HOST_SIDE);
        } catch (Exception ignored) {
            // not there
        }
        try {
            ip("netns", "delete", NETNS);
        } catch (Exception ignored) {
            // not there
        }
    }

    private void startSecondReplicas() throws Exception {
        for (String name : List.of("statement-ingest-2", "alert-dispatcher-2")) {
            ports.put(name, FreePorts.next());
            start(name);
        }
        ingestReplicas.add("statement-ingest-2");
    }

    private void start(String name) throws Exception {
        String service = name.replace("-2", "");
        Path log = work.resolve(name + "-" + starts.incrementAndGet() + ".log");
        Map<String, String> env = new LinkedHashMap<>();
        String database;
        if (service.equals("alert-dispatcher")) {
            database = "dispatcher";
            env.put("DISPATCHER_SEEDS_DIR", root.resolve("seeds/topics").toString());
            env.put("DISPATCHER_WEBHOOK_ALLOW_ADDRESSES", "loopback,private");
            // Retries within the run (the production schedule spans days); a hanging receiver's 20 s
            // answer is cut at 5 s.
            env.put("DISPATCHER_DELIVERY_SCHEDULE", "PT0S,PT2S,PT5S,PT10S,PT15S,PT20S,PT30S,PT60S");
            env.put("DISPATCHER_WEBHOOK_REQUEST_TIMEOUT", "PT5S");
            env.put("DISPATCHER_DELIVERY_LEASE", "PT15S");
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.port()));
            env.put("QUARKUS_MAILER_TLS", "false");
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        } else {
            database = "ingest";
        }
        Process process = Services.start(
                name,
                Services.packaged(root, service, "faults"),
                "-Xmx512m",
                ports.get(name),
                postgres,
                database,
                kafka,
                log,
                env);
        Services.awaitReady(name, api(name), process, log);
        services.put(name, process);
    }

    /** kill -9, then the same service again on the same port and data. */
    private void restart(String name) throws Exception {
        Process process = services.remove(name);
        process.destroyForcibly();
        process.waitFor();
        start(name);
    }

    private String api(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    private void stopAll() {
        services.values().forEach(Process::destroyForcibly);
        receivers.forEach(FaultReceiver::close);
        if (smtp != null) {
            try {
                smtp.close();
            } catch (IOException e) {
                System.err.println("[faults] SMTP sink did not close: " + e.getMessage());
            }
        }
        if (namespacedReceiver != null) {
            namespacedReceiver.destroyForcibly();
            cleanNamespace();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private void subscribe() throws Exception {
        for (int i = 0; i < subscriptionCount; i++) {
            // Every eleventh subscription goes to the receiver behind the network that is cut.
            boolean namespaced = namespacedUrl != null && i % (RECEIVERS + 1) == RECEIVERS;
            String base =
                    namespaced ? namespacedUrl : receivers.get(i % RECEIVERS).url();
            String id = subscribe("webhook", base + "/hooks/" + i, TOPICS.get(i % TOPICS.size()), 201);
            if (!namespaced && i % RECEIVERS == RECEIVERS - 1) {
                hangingSubscriptions.add(id);
            }
        }
        // One email subscriber for every ten webhooks, confirmed at once (double opt-in is not under test).
        for (int i = 0; i < subscriptionCount / 10; i++) {
            emailSubscriptions.add(
                    subscribe("email", "member-" + i + "@faults.example.org", TOPICS.get(i % TOPICS.size()), 202));
        }
        try (Connection c = DriverManager.getConnection(
                        postgres.jdbcUrl("dispatcher"), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                Statement sql = c.createStatement()) {
            sql.executeUpdate("UPDATE subscription SET status = 'active', confirm_by = NULL, active_since = now()"
                    + " WHERE status = 'unconfirmed'");
        }
        System.err.printf(
                "[faults] %d webhook subscriptions over %d receivers, %d email subscriptions%n",
                subscriptionCount, RECEIVERS, emailSubscriptions.size());
    }

    /** Creates a subscription through the API (answered {@code status}); its id. */
    private String subscribe(String channel, String target, String topic, int status) throws Exception {
        String body = JSON.writeValueAsString(Map.of("channel", channel, "target", target, "topics", List.of(topic)));
        HttpResponse<String> answer = HTTP.send(
                Services.api(URI.create(api("alert-dispatcher") + "/api/subscriptions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != status) {
            throw new IllegalStateException("subscription refused: " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body()).get("id").asText();
    }

    /** Whether the alert about {@code statement} for {@code subscription} arrived (2xx, or taken by SMTP). */
    private boolean arrived(String statement, String subscription) {
        if (emailSubscriptions.contains(subscription)) {
            return ledger.mailed(Alert.idFor(UUID.fromString(statement), UUID.fromString(subscription))
                    .toString());
        }
        return ledger.delivered(statement, subscription);
    }

    // --- one fault, with load around it ------------------------------------------------------------------

    private Row trial(String name, Fault fault) throws Exception {
        System.err.printf("[faults] %s: %d trial(s)%n", name, trials);
        Set<String> before = new HashSet<>(accepted.keySet());
        long dup2xx = ledger.duplicatesAfter2xx();
        long dupError = ledger.duplicatesAfterError();
        double maxRecovery = 0;
        Set<String> duringFaults = new HashSet<>(); // accepted while the fault was on
        for (int t = 0; t < trials; t++) {
            Set<String> trialStart = new HashSet<>(accepted.keySet());
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread load = new Thread(() -> load(loading), "load");
            load.start();
            pause(steady); // steady load, then the fault in the middle of it
            Set<String> beforeFault = new HashSet<>(accepted.keySet());
            fault.inject();
            long ended = System.currentTimeMillis();
            Set<String> beforeEnd = new HashSet<>(accepted.keySet());
            Set<String> inFault = new HashSet<>(beforeEnd);
            inFault.removeAll(beforeFault);
            duringFaults.addAll(inFault);
            beforeEnd.removeAll(trialStart);
            double recovery = recoverySeconds(ended, beforeEnd); // (load goes on meanwhile)
            pause(steady);
            loading.set(false);
            load.join();
            maxRecovery = Math.max(maxRecovery, recovery);
        }
        Set<String> ours = new HashSet<>(accepted.keySet());
        ours.removeAll(before);
        Map<String, Set<String>> expected = expected(ours);
        long expectedCount = expected.values().stream().mapToLong(Set::size).sum();
        long received = awaitDelivered(expected);
        Row row = new Row(
                name,
                trials,
                ours.size(),
                expectedCount,
                received,
                ledger.duplicatesAfter2xx() - dup2xx,
                ledger.duplicatesAfterError() - dupError,
                maxRecovery,
                missingFromIngest(ours),
                healthyP99(duringFaults));
        System.err.printf("[faults] %s%n", row);
        return row;
    }

    /** Statements through the API at {@code rate}, each sent again (the same body) until ingest takes it. */
    private void load(AtomicBoolean loading) {
        long interval = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        int n = 0;
        while (loading.get()) {
            String title = "Statement " + UUID.randomUUID();
            String body = TEXTS.get(n++ % TEXTS.size());
            String json;
            try {
                json = JSON.writeValueAsString(Map.of(
                        "sourceId",
                        "state-department",
                        "url",
                        "https://www.state.gov/faults/" + UUID.randomUUID(),
                        "title",
                        title,
                        "body",
                        body,
                        "publishedAt",
                        Instant.now().toString()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String id = postUntilAccepted(json, n);
            accepted.put(id, new Accepted(System.currentTimeMillis(), title, body));
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** A client of a flaky service: the same body again after a refusal, an error or no answer. */
    private String postUntilAccepted(String json, int n) {
        for (int attempt = 0; ; attempt++) {
            String replica = ingestReplicas.get((n + attempt) % ingestReplicas.size());
            try {
                HttpResponse<String> answer = HTTP.send(
                        Services.api(URI.create(api(replica) + "/api/statements"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                    return JSON.readTree(answer.body()).get("id").asText();
                }
            } catch (IOException e) {
                // down or restarting: send again (to the other replica, if there is one)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleepNanos(500_000_000L);
        }
    }

    /**
     * Seconds from the end of a fault until every alert of the statements accepted before its end had
     * arrived: how long the backlog the fault left took to clear (or infinity after 3 minutes).
     */
    private double recoverySeconds(long ended, Set<String> statementsBefore) throws Exception {
        Map<String, Set<String>> due = expected(statementsBefore);
        long deadline = ended + 180_000;
        while (System.currentTimeMillis() < deadline) {
            boolean all = due.entrySet().stream()
                    .allMatch(e -> e.getValue().stream().allMatch(sub -> arrived(e.getKey(), sub)));
            if (all) {
                return Math.max(0, (System.currentTimeMillis() - ended) / 1000.0);
            }
            sleepNanos(100_000_000L);
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The 99th percentile of accepted-to-delivered of the alerts of statements accepted while the fault
     * was on, the hanging receiver's left out: what a hanging endpoint must not change for the others.
     */
    private double healthyP99(Set<String> statements) {
        List<Long> latencies = new ArrayList<>();
        for (Ledger.Arrival a : ledger.deliveries()) {
            Accepted s = accepted.get(a.statement());
            if (s != null && statements.contains(a.statement()) && !hangingSubscriptions.contains(a.subscription())) {
                latencies.add(a.at() - s.at());
            }
        }
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        latencies.sort(Long::compare);
        System.err.printf(
                "[faults] healthy latencies of %d alerts: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                latencies.size(),
                latencies.get(latencies.size() / 2),
                latencies.get((int) (latencies.size() * 0.9)),
                latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1)),
                latencies.get(latencies.size() - 1));
        return latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
    }

    /** Per accepted statement, the subscriptions the dry run says it alerts. */
    private Map<String, Set<String>> expected(Set<String> statements) throws Exception {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (String id : statements) {
            Accepted a = accepted.get(id);
            String request = JSON.writeValueAsString(
                    Map.of("title", a.title(), "body", a.body(), "sourceId", "state-department", "language", "en"));
            HttpResponse<String> answer = HTTP.send(
                    Services.api(URI.create(api("alert-dispatcher") + "/api/match?subscriptions=true"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Set<String> subscriptions = new HashSet<>();
            JsonNode list = JSON.readTree(answer.body()).get("subscriptions");
            if (list != null) {
                list.forEach(s -> subscriptions.add(s.asText()));
            }
            expected.put(id, subscriptions);
        }
        return expected;
    }

    /** Waits until every expected alert arrived with a 2xx, or nothing new arrived for 90 s; how many did. */
    private long awaitDelivered(Map<String, Set<String>> expected) {
        long all = expected.values().stream().mapToLong(Set::size).sum();
        long last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            long got = 0;
            for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
                for (String subscription : e.getValue()) {
                    if (arrived(e.getKey(), subscription)) {
                        got++;
                    }
                }
            }
            if (got == all) {
                return got;
            }
            if (got != last) {
                last = got;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(90).toNanos()) {
                return got;
            }
            sleepNanos(500_000_000L);
        }
    }

    /** Statements answered 201 that ingest does not have: "accepted means durable" broken. */
    private int missingFromIngest(Set<String> statements) throws Exception {
        int missing = 0;
        for (String id : statements) {
            HttpResponse<Void> answer = HTTP.send(
                    Services.api(URI.create(api("statement-ingest") + "/api/statements/" + id))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                missing++;
            }
        }
        return missing;
    }

    private int report(List<Row> rows, Duration took) {
        System.out.println();
        System.out.printf(
                "%-46s %6s %10s %8s %8s %5s %7s %7s %9s %9s%n",
                "fault",
                "trials",
                "statements",
                "expected",
                "received",
                "lost",
                "dup-2xx",
                "dup-err",
                "recovery",
                "p99 (a)");
        long statementsLost = 0;
        long alertsLost = 0;
        long duplicates = 0;
        double maxRecovery = 0;
        int trialsRun = 0;
        for (Row r : rows) {
            boolean p99Column = r.fault().startsWith("none") || r.fault().contains("hangs");
            System.out.printf(
                    Locale.ROOT,
                    "%-46s %6d %10d %8d %8d %5d %7d %7d %8.1fs %9s%n",
                    r.fault(),
                    r.trials(),
                    r.statements(),
                    r.expected(),
                    r.received(),
                    r.lost(),
                    r.duplicatesAfter2xx(),
                    r.duplicatesAfterError(),
                    r.maxRecoverySeconds(),
                    p99Column ? String.format(Locale.ROOT, "%.0fms", r.healthyP99Millis()) : "-");
            statementsLost += r.statementsLost();
            alertsLost += r.lost();
            duplicates += r.duplicatesAfter2xx();
            if (!r.fault().startsWith("none")) {
                maxRecovery = Math.max(maxRecovery, r.maxRecoverySeconds());
                trialsRun += r.trials();
            }
        }
        double baselineP99 = rows.get(0).healthyP99Millis();
        double hangP99 = rows.stream()
                .filter(r -> r.fault().contains("hangs"))
                .mapToDouble(Row::healthyP99Millis)
                .findFirst()
                .orElse(Double.NaN);
        System.out.println("(a) accepted-to-delivered of alerts to the receivers that never hang, of the statements"
                + " accepted while the fault was on: without a fault, and while one receiver hangs 20 s a request");
        System.out.printf(
                Locale.ROOT,
                "statements lost (answered 201, not stored): %d; whole run %d s%n",
                statementsLost,
                took.toSeconds());
        System.out.printf(
                Locale.ROOT,
                "RESULT faults trials=%d statements_lost=%d alerts_lost=%d duplicates_after_2xx=%d max_recovery_s=%.1f"
                        + " healthy_p99_ms=%.0f healthy_p99_beside_hang_ms=%.0f%n",
                trialsRun,
                statementsLost,
                alertsLost,
                duplicates,
                maxRecovery,
                baselineP99,
                hangP99);
        return statementsLost == 0 && alertsLost == 0 ? 0 : 1;
    }

    private static void pause(Duration d) {
        sleepNanos(d.toNanos());
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
