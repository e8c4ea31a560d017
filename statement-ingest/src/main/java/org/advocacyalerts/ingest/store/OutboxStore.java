package org.advocacyalerts.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.advocacyalerts.support.Jdbc;

/** The {@code outbox} table: events waiting for Kafka, in the order they were accepted. */
@ApplicationScoped
public class OutboxStore {

    /**
     * One event to publish; {@code backfill} marks history that must not alert anyone; {@code traceparent}
     * is the W3C trace context of the request that stored it, or null.
     */
    public record OutboxEvent(
            long id,
            String topic,
            String key,
            UUID eventId,
            String type,
            Instant time,
            byte[] payload,
            boolean backfill,
            String traceparent) {}

    /** Adds an event; call inside the transaction that stores what the event announces. */
    public void add(Connection c, OutboxEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox"
                + " (topic, record_key, event_id, event_type, event_time, payload, backfill, traceparent)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.topic());
            ps.setString(2, e.key());
            ps.setObject(3, e.eventId());
            ps.setString(4, e.type());
            ps.setTimestamp(5, Jdbc.timestamp(e.time()));
            ps.setBytes(6, e.payload());
            ps.setBoolean(7, e.backfill());
            ps.setString(8, e.traceparent());
            ps.executeUpdate();
        }
    }

    /**
     * Locks the oldest unpublished events. {@code SKIP LOCKED} lets a second replica's relay take the
     * next batch instead of waiting, and never the same rows.
     */
    public List<OutboxEvent> lockPending(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, topic, record_key, event_id, event_type, event_time, payload, backfill, traceparent FROM outbox"
                        + " WHERE published_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            List<OutboxEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new OutboxEvent(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getBytes(7),
                            rs.getBoolean(8),
                            rs.getString(9)));
                }
            }
            return events;
        }
    }

    /**
     * The keys among {@code locked} (locked by this transaction, in id order) that have an earlier event
     * still waiting elsewhere: locked by another replica's relay, which may not have sent it yet. Sending
     * the later one now could put a revision on Kafka before its statement.
     */
    public Set<String> keysWaitingBehindOthers(Connection c, List<OutboxEvent> locked) throws SQLException {
        Map<String, Long> firstLocked = new LinkedHashMap<>();
        for (OutboxEvent e : locked) {
            firstLocked.putIfAbsent(e.key(), e.id());
        }
        if (firstLocked.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(Jdbc.query(
                c,
                """
                SELECT k.key FROM unnest(?::text[], ?::bigint[]) AS k(key, first_id)
                WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.record_key = k.key AND o.id < k.first_id
                              AND o.published_at IS NULL AND o.failed_at IS NULL)""",
                rs -> rs.getString(1),
                c.createArrayOf("text", firstLocked.keySet().toArray()),
                c.createArrayOf("bigint", firstLocked.values().toArray())));
    }

    public void markPublished(Connection c, List<Long> ids, Instant at) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Array array = c.createArrayOf("bigint", ids.toArray());
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET published_at = ? WHERE id = ANY (?)")) {
            ps.setTimestamp(1, Jdbc.timestamp(at));
            ps.setArray(2, array);
            ps.executeUpdate();
        }
    }

    /** An event Kafka refused for good, and why. */
    public record Refused(long id, String reason) {}

    /** Moves refused events aside: never sent again unless {@link #retry retried}. */
    public void markRefused(Connection c, List<Refused> refused, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET failed_at = ?, failure = ? WHERE id = ? AND published_at IS NULL")) {
            for (Refused r : refused) {
                ps.setTimestamp(1, Jdbc.timestamp(at));
                ps.setString(2, r.reason());
                ps.setLong(3, r.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An event moved aside, as {@code GET /api/outbox/failed} lists it. */
    public record FailedEvent(
            long id,
            UUID eventId,
            String type,
            String key,
            int bytes,
            Instant createdAt,
            Instant failedAt,
            String failure) {}

    /** Events moved aside, oldest first, at most {@code limit}. */
    /** Events moved aside, by id, after {@code afterId} (0: from the first). */
    public List<FailedEvent> failed(Connection c, long afterId, int limit) throws SQLException {
        return Jdbc.query(
                c,
                """
                SELECT id, event_id, event_type, record_key, octet_length(payload), created_at, failed_at, failure
                FROM outbox WHERE failed_at IS NOT NULL AND published_at IS NULL AND id > ? ORDER BY id LIMIT ?""",
                rs -> new FailedEvent(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant(),
                        rs.getString(8)),
                afterId,
                limit);
    }

    /** Puts an event moved aside back in line (its cause mended); false if there is no such event. */
    public boolean retry(Connection c, long id) throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE outbox SET failed_at = NULL, failure = NULL"
                                + " WHERE id = ? AND failed_at IS NOT NULL AND published_at IS NULL",
                        id)
                == 1;
    }

    public long countFailed(Connection c) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL AND published_at IS NULL",
                        rs -> rs.getLong(1))
                .get(0);
    }

    public long countPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE published_at IS NULL AND failed_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What waits in the outbox: events not yet published, the oldest one's creation, events refused. */
    public record Backlog(long pending, Instant oldestPendingAt, long failed) {}

    /** The outbox's backlog, in one query ({@code oldestPendingAt} null when nothing waits). */
    public Backlog backlog(Connection c) throws SQLException {
        return Jdbc.query(
                        c,
                        """
                        SELECT count(*) FILTER (WHERE failed_at IS NULL),
                               min(created_at) FILTER (WHERE failed_at IS NULL),
                               count(*) FILTER (WHERE failed_at IS NOT NULL)
                        FROM outbox WHERE published_at IS NULL
                        """,
                        rs -> new Backlog(
                                rs.getLong(1),
                                rs.getTimestamp(2) == null
                                        ? null
                                        : rs.getTimestamp(2).toInstant(),
                                rs.getLong(3)))
                .get(0);
    }

    /** Deletes up to {@code limit} rows published before {@code before}; returns how many. */
    public int deletePublishedBefore(Connection c, Instant before, int limit) throws SQLException {
        return Jdbc.update(
                c,
                "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at < ? LIMIT ?)",
                before,
                limit);
    }
}
