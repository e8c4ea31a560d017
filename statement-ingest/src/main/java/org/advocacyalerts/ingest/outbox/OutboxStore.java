package org.advocacyalerts.ingest.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.advocacyalerts.support.Jdbc;

/** The {@code outbox} table: events waiting for Kafka, in the order they were accepted. */
@ApplicationScoped
public class OutboxStore {

    /** One event to publish; {@code backfill} marks history that must not alert anyone. */
    public record OutboxEvent(
            long id,
            String topic,
            String key,
            UUID eventId,
            String type,
            Instant time,
            byte[] payload,
            boolean backfill) {}

    /** Adds an event; call inside the transaction that stores what the event announces. */
    public void add(Connection c, OutboxEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox"
                + " (topic, record_key, event_id, event_type, event_time, payload, backfill)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.topic());
            ps.setString(2, e.key());
            ps.setObject(3, e.eventId());
            ps.setString(4, e.type());
            ps.setTimestamp(5, Jdbc.timestamp(e.time()));
            ps.setBytes(6, e.payload());
            ps.setBoolean(7, e.backfill());
            ps.executeUpdate();
        }
    }

    /**
     * Locks the oldest unpublished events. {@code SKIP LOCKED} lets a second replica's relay take the
     * next batch instead of waiting, and never the same rows.
     */
    public List<OutboxEvent> lockPending(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, topic, record_key, event_id, event_type, event_time, payload, backfill FROM outbox"
                        + " WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
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
                            rs.getBoolean(8)));
                }
            }
            return events;
        }
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

    public long countPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE published_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
