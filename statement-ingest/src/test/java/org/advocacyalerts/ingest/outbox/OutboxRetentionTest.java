package org.advocacyalerts.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.KafkaTopics;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OutboxRetentionTest {

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRetention retention;

    @Test
    void rowsPublishedLongerAgoThanTheirPeriodGoAndNothingUnpublishedDoes() throws Exception {
        // Published 8 days ago, 1 day ago; moved aside 30 days ago (never published).
        long old = insert("now() - interval '8 days'", null);
        long recent = insert("now() - interval '1 day'", null);
        long aside = insert(null, "now() - interval '30 days'");

        retention.purge();

        assertThat(existing(List.of(old, recent, aside))).containsExactly(recent, aside);
    }

    private long insert(String publishedAt, String failedAt) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO outbox (topic, record_key, event_id, event_type, event_time, payload, published_at,"
                                + " failed_at, failure) VALUES (?, ?, ?, ?, now(), '{}', " + publishedAt + ", "
                                + failedAt + ", " + (failedAt == null ? "NULL" : "'too large'") + ") RETURNING id")) {
            UUID id = UUID.randomUUID();
            ps.setString(1, KafkaTopics.STATEMENTS);
            ps.setString(2, id.toString());
            ps.setObject(3, id);
            ps.setString(4, EventTypes.STATEMENT_PUBLISHED);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<Long> existing(List<Long> ids) throws Exception {
        List<Long> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE id = ANY (?) ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }
}
