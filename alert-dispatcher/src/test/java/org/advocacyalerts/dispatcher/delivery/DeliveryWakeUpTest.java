package org.advocacyalerts.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.Subscriptions;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.support.Jdbc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An alert waiting for a busy endpoint is sent as soon as the endpoint is free, not at the next poll.
 * The poll is a minute here, so a lost wake-up shows as a minute's wait.
 */
@QuarkusTest
@TestProfile(DeliveryWakeUpTest.OneSlotSlowPoll.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DeliveryWakeUpTest {

    /** One send per endpoint, a poll a minute, and receivers allowed to take their time. */
    public static class OneSlotSlowPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dispatcher.delivery.per-endpoint", "1",
                    "dispatcher.delivery.poll-interval", "PT60S",
                    "dispatcher.webhook.request-timeout", "PT30S");
        }
    }

    @Inject
    DataSource dataSource;

    private final List<HttpServer> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(Subscriptions::delete);
        receivers.forEach(r -> r.stop(0));
    }

    /**
     * The race: a round of the delivery loop notes the busy endpoints and claims past them; the
     * endpoint's send ends while that claim runs, before the round says it waits for slots. That send
     * woke nobody, and the alert behind it waited for the next poll (seen as a p99 of one poll
     * interval when 1 of 10 receivers hangs, bench/run faults). A lock on the statement table, which the
     * claim reads, holds the round in its claim while the endpoint's send ends.
     */
    @Test
    void anAlertBehindABusyEndpointIsSentWhenTheEndpointFreesUpDuringAClaim() throws Exception {
        CountDownLatch releaseFirstToE = new CountDownLatch(1);
        CountDownLatch releaseFirstToF = new CountDownLatch(1);
        AtomicInteger toE = new AtomicInteger();
        AtomicInteger toF = new AtomicInteger();
        String e = Subscriptions.webhook(receiver(toE, releaseFirstToE) + "/e", "prisoners");
        subscriptions.add(e);
        subscriptions.add(Subscriptions.webhook(receiver(toF, releaseFirstToF) + "/f", "border"));

        // E and F each hold their one slot with a send that hangs.
        StatementsProducer.publish(StatementsProducer.statement(
                "Prisoners of war", "Azerbaijan must release the Armenian prisoners of war."));
        await().atMost(Duration.ofSeconds(15)).until(() -> toE.get() == 1);
        StatementsProducer.publish(StatementsProducer.statement(
                "Border", "Azerbaijan must stop fortifying the undemarcated border with Armenia."));
        await().atMost(Duration.ofSeconds(15)).until(() -> toF.get() == 1);
        // A second alert for E waits, unclaimed, for E's slot.
        StatementsProducer.publish(StatementsProducer.statement(
                "Prisoners again", "The Armenian prisoners of war held in Baku must go home."));
        await().atMost(Duration.ofSeconds(15)).until(() -> waitingUnclaimed(e) == 1);

        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement sql = lock.createStatement()) {
                sql.execute("LOCK TABLE statement IN ACCESS EXCLUSIVE MODE");
            }
            // F's send ends and wakes the loop: the round notes E as busy and is held in its claim...
            releaseFirstToF.countDown();
            await().atMost(Duration.ofSeconds(15)).until(this::claimHeldByLock);
            // ...while E's send ends (and is recorded), then the claim goes on.
            releaseFirstToE.countDown();
            await().atMost(Duration.ofSeconds(15)).until(() -> delivered(e) == 1);
            lock.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> toE.get() == 2);
        assertThat(toF.get()).isEqualTo(1);
    }

    /** A receiver on a port of its own (an endpoint of its own) whose first request waits for {@code first}. */
    private String receiver(AtomicInteger requests, CountDownLatch first) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() == 1) {
                try {
                    first.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        receivers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private long waitingUnclaimed(String subscription) {
        return alerts(subscription, "status = 'pending' AND lease_until IS NULL");
    }

    private long delivered(String subscription) {
        return alerts(subscription, "status = 'delivered'");
    }

    /** The subscription's alerts that meet {@code condition}. */
    private long alerts(String subscription, String condition) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(
                                c,
                                "SELECT count(*) FROM alert WHERE subscription_id = ? AND " + condition,
                                rs -> rs.getLong(1),
                                UUID.fromString(subscription)))
                .get(0);
    }

    /** The delivery loop's claim waits for the test's lock. */
    private boolean claimHeldByLock() {
        return Jdbc.inTransaction(
                                dataSource,
                                c -> Jdbc.query(
                                        c,
                                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                                + " AND query LIKE 'UPDATE alert a SET lease_until%'",
                                        rs -> rs.getLong(1)))
                        .get(0)
                > 0;
    }
}
