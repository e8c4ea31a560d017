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
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.Test;

/**
 * A change another replica makes is matched here within the refresh interval and one check, every time:
 * the check runs that long after the one before ended, not whenever a once-a-second scheduler gets to it.
 * The matcher is asked in-process, so the wait measured is the check's, not an HTTP round trip's.
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
        // Ten in a row, each within 600 ms: with checks a second apart each waits up to a second, and ten
        // within 600 ms would be luck (0.6^10, under 1 %); with checks 200 ms apart each waits at most the
        // check under way, 200 ms and one check.
        for (int i = 0; i < 10; i++) {
            String place = "Verinshen" + (char) ('a' + i);
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
            Statement statement = new Statement(
                    UUID.randomUUID(),
                    "test",
                    "https://example.org/s",
                    "t",
                    "Fighting near " + place + ".",
                    "en",
                    Instant.now(),
                    Instant.now(),
                    "ab".repeat(32));
            await().atMost(Duration.ofMillis(600))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> assertThat(registry.match(statement).subscriptionQueries())
                            .containsKey(id));
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM subscription WHERE id = ?::uuid")) {
                ps.setString(1, id.toString());
                ps.executeUpdate();
            }
        }
    }
}
