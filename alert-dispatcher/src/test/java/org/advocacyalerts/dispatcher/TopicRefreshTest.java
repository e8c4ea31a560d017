package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;
import org.junit.jupiter.api.Test;

/**
 * A change another replica makes is matched here within the refresh interval and one check as a rule, and
 * within a second every time once the replica has run its first check: the check runs that long after the one
 * before ended, not whenever a once-a-second scheduler gets to it. The wait measured ends when the matcher
 * holds the new query (asked in-process, a map lookup); a statement is then matched against it. Waiting on
 * the match itself measured the test's own polls too: a match ran the default topics, three of which were
 * then candidates of every statement, 28 ms on a quiet machine and 100-200 ms beside two busy cores, and up
 * to two such polls stood in each wait (a CI run failed with 14 of 20 waits within 400 ms).
 */
@QuarkusTest
@TestProfile(TopicRefreshTest.FastRefresh.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class TopicRefreshTest {

    /** Checks 200 ms apart: more often than the once-a-second look of Quarkus' scheduler allows. */
    public static class FastRefresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatcher.topics.refresh-interval", "PT0.2S");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    TopicRegistry registry;

    @Test
    void subscriptionsAddedByAnotherReplicaAreMatchedWithinTheIntervalAndOneCheckEachTime() throws Exception {
        assertEachSeenWithinTheIntervalAndOneCheck(this::addSubscriptionAndAwaitMatched);
    }

    /**
     * A topic too: a reload compiled every topic again, 360-840 ms with the default topics on two cores, and
     * a topic added on another replica waited that on top of the interval (MatchApiTest once waited past
     * two seconds with checks a second apart). Only the new topic is compiled now.
     */
    @Test
    void topicsAddedByAnotherReplicaAreMatchedWithinTheIntervalAndOneCheckEachTime() throws Exception {
        assertEachSeenWithinTheIntervalAndOneCheck(this::addTopicAndAwaitMatched);
    }

    private interface AddAndAwait {
        /** Adds a query for {@code place} as another replica would; returns how long it took to be matched here. */
        Duration run(String place, Duration within) throws Exception;
    }

    private void assertEachSeenWithinTheIntervalAndOneCheck(AddAndAwait addAndAwait) throws Exception {
        // Five first, untimed: in a CI run the first check to see a new subscription ended 0.76 s after
        // start-up, and on a quiet machine the first waits were 400-560 ms against 200-300 ms later (the
        // check and the matcher asked here run cold): that is the start-up's time, not the interval's.
        for (int i = 0; i < 5; i++) {
            addAndAwait.run("Verinshen" + i, Duration.ofSeconds(10));
        }
        // Then twenty, each seen within a second and at least 15 of them within 400 ms: checks 200 ms apart
        // make a change wait at most the check under way, 200 ms and one check (35-224 ms measured beside
        // three busy loops on two cores). With checks a second apart a wait is spread over the whole second,
        // and 15 of 20 within 400 ms would be luck (p = 0.4 each: 0.16 %). Each wait alone is not bounded
        // that tightly: on two cores beside Kafka and PostgreSQL a pause now and then is long.
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waits.add(addAndAwait
                    .run("Verinshen" + (char) ('a' + i), Duration.ofSeconds(1))
                    .toMillis());
        }
        assertThat(waits.stream().filter(ms -> ms <= 400).count())
                .as("waits within 400 ms, of 20 (ms: %s)", waits)
                .isGreaterThanOrEqualTo(15);
    }

    private Duration addSubscriptionAndAwaitMatched(String place, Duration within) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO subscription (id, channel, target, secret, status, created_at, query) VALUES"
                                + " (?::uuid, 'webhook', 'https://example.org/h',"
                                + " 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'active', now(), ?)")) {
            ps.setString(1, id.toString());
            ps.setString(2, place);
            ps.executeUpdate();
        }
        Duration waited = awaitHeld(Subscription.queryId(id), within);
        assertThat(registry.match(statementNaming(place)).subscriptionQueries()).containsKey(id);
        execute("DELETE FROM subscription WHERE id = ?::uuid", id.toString());
        return waited;
    }

    private Duration addTopicAndAwaitMatched(String place, Duration within) throws Exception {
        String id = place.toLowerCase(java.util.Locale.ROOT);
        execute(
                "INSERT INTO topic (id, name, description, query, managed_by_seed) VALUES (?, ?, 'd', ?, false)",
                id,
                place,
                place);
        Duration waited = awaitHeld(id, within);
        assertThat(registry.match(statementNaming(place)).topics())
                .extracting(TopicMatch::topic)
                .contains(id);
        execute("DELETE FROM topic WHERE id = ?", id);
        return waited;
    }

    /** How long, from now (just after the commit), until the matcher holds the query {@code queryId}. */
    private Duration awaitHeld(String queryId, Duration within) {
        long committed = System.nanoTime();
        await().atMost(within)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> registry.holds(queryId));
        return Duration.ofNanos(System.nanoTime() - committed);
    }

    private static Statement statementNaming(String place) {
        return new Statement(
                UUID.randomUUID(),
                "test",
                "https://example.org/s",
                "t",
                "Fighting near " + place + ".",
                "en",
                Instant.now(),
                Instant.now(),
                "ab".repeat(32));
    }

    private void execute(String sql, String... parameters) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }
}
