package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.dispatcher.delivery.DeliveryResult;
import org.advocacyalerts.dispatcher.delivery.PendingAlert;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.support.Jdbc;

/** The {@code alert} and {@code delivery_attempt} tables. */
@ApplicationScoped
public class AlertStore {

    /** Inserts the alert unless it exists (same statement and subscription); returns whether it did. */
    public boolean insertIfAbsent(Connection c, Alert alert, byte[] payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert"
                + " (id, statement_id, subscription_id, topics, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            ps.setObject(1, alert.id());
            ps.setObject(2, alert.statementId());
            ps.setObject(3, alert.subscriptionId());
            ps.setArray(4, c.createArrayOf("text", alert.topics().toArray()));
            ps.setBytes(5, payload);
            ps.setTimestamp(6, Jdbc.timestamp(alert.createdAt()));
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Locks the oldest pending alert of an active subscription. {@code SKIP LOCKED}: another worker
     * takes the next one; a worker that dies releases its lock and the alert stays pending.
     */
    public Optional<PendingAlert> lockNextPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT a.id, a.subscription_id, s.channel, s.target, s.secret, a.payload, a.attempts"
                                + " FROM alert a JOIN subscription s ON s.id = a.subscription_id"
                                + " WHERE a.status = 'pending' AND s.status = 'active'"
                                + " ORDER BY a.created_at LIMIT 1 FOR UPDATE OF a SKIP LOCKED");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new PendingAlert(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBytes(6),
                    rs.getInt(7)));
        }
    }

    /** Records the attempt and the alert's new state: delivered, or failed (retries come with the delivery work). */
    public void recordAttempt(Connection c, PendingAlert alert, DeliveryResult result, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO delivery_attempt"
                        + " (alert_id, attempted_at, status_code, latency_ms, error, response_body) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, alert.id());
            ps.setTimestamp(2, Jdbc.timestamp(at));
            ps.setObject(3, result.statusCode());
            ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, result.latencyMillis()));
            ps.setString(5, result.error());
            ps.setString(6, result.responseExcerpt());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET status = ?, attempts = attempts + 1,"
                + " delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END WHERE id = ?")) {
            ps.setString(1, result.delivered() ? "delivered" : "failed");
            ps.setBoolean(2, result.delivered());
            ps.setTimestamp(3, Jdbc.timestamp(at));
            ps.setObject(4, alert.id());
            ps.executeUpdate();
        }
    }
}
