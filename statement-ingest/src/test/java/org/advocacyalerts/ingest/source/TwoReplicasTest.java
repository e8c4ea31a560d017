package org.advocacyalerts.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.fetch.SafeFetcher;
import org.advocacyalerts.ingest.intake.StatementService;
import org.advocacyalerts.ingest.metrics.IngestMetrics;
import org.advocacyalerts.ingest.store.NewStatement;
import org.advocacyalerts.ingest.store.SourceItemStore.PageState;
import org.advocacyalerts.ingest.store.SourceStore;
import org.advocacyalerts.ingest.store.StatementStore;
import org.advocacyalerts.ingest.store.TextFrom;
import org.advocacyalerts.ingest.testing.Http;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest replicas on one database: each polls with its own lease owner, both at once, and every
 * feed item becomes one statement and one event. The second replica is a second {@link SourcePoller}
 * with its own identity over the same database, as another process would be.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TwoReplicasTest {

    static final int ITEMS = 40;

    private static HttpServer server;

    @Inject
    SourcePoller replicaA;

    @Inject
    SourceStore sources;

    @Inject
    StatementService statements;

    @Inject
    StatementStore store;

    @Inject
    SafeFetcher fetcher;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    IngestMetrics metrics;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/feed.xml", x -> {
            StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title><link>" + base()
                    + "/</link><description>d</description>");
            for (int i = 0; i < ITEMS; i++) {
                rss.append("<item><title>Statement ")
                        .append(i)
                        .append("</title><link>")
                        .append(base())
                        .append("/page/")
                        .append(i)
                        .append("</link><guid>item-")
                        .append(i)
                        .append("</guid></item>");
            }
            send(x, "application/rss+xml", rss.append("</channel></rss>").toString());
        });
        server.createContext(
                "/page/",
                x -> send(
                        x,
                        "text/html",
                        "<html><body><article><p>"
                                + ("Statement " + x.getRequestURI().getPath()
                                                + " on the border and the prisoners of war. ")
                                        .repeat(5)
                                + "</p></article></body></html>"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void send(HttpExchange x, String type, String body) throws IOException {
        Http.send(x, 200, type, body);
    }

    @Test
    void twoReplicasPollingAtOnceStoreAndPublishEachItemOnce() throws Exception {
        SourcePoller replicaB =
                new SourcePoller(sources, statements, fetcher, new ObjectMapper(), config, clock, metrics);
        sources.insert(
                new Source("two-replicas", "two replicas", base() + "/feed.xml", "rss", 3600, "en", null, null),
                false,
                Instant.now());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Object>> work = new ArrayList<>();
        for (SourcePoller replica : List.of(replicaA, replicaB, replicaA, replicaB)) {
            work.add(() -> replica.pollNow("two-replicas", Duration.ofSeconds(60)));
        }
        for (Future<Object> done : pool.invokeAll(work)) {
            done.get();
        }
        pool.shutdown();

        var stored = store.list(Optional.of("two-replicas"), Optional.empty(), null, 500);
        assertThat(stored).hasSize(ITEMS);
        assertThat(sources.find("two-replicas").orElseThrow().status().itemsSeen())
                .isEqualTo(ITEMS);
        List<String> ids = stored.stream().map(s -> s.id().toString()).toList();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(publishedKeys(ids))
                        .as("one event per item")
                        .hasSize(ITEMS)
                        .doesNotHaveDuplicates());
    }

    @Test
    void theSameItemAcceptedByTwoReplicasAtTheSameMomentIsStoredOnce() throws Exception {
        sources.insert(
                new Source("race", "race", base() + "/feed.xml", "rss", 3600, "en", null, null), false, Instant.now());
        NewStatement item = new NewStatement(
                "race",
                base() + "/page/race",
                "Race",
                "The same item, found by two replicas.",
                "en",
                Instant.now(),
                TextFrom.PAGE);
        PageState page = new PageState(base() + "/page/race", null, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            work.add(() -> statements.acceptItem("race", "item-race", page, item, false));
        }
        int accepted = 0;
        for (Future<Boolean> done : pool.invokeAll(work)) {
            accepted += done.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(1);
        assertThat(store.list(Optional.of("race"), Optional.empty(), null, 10)).hasSize(1);
    }

    /** The keys of every statements-topic record whose key is one of {@code ids}, duplicates kept. */
    private static List<String> publishedKeys(List<String> ids) {
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestResource.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("statements", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (ids.contains(r.key())) {
                        keys.add(r.key());
                    }
                });
            }
            return keys;
        }
    }
}
