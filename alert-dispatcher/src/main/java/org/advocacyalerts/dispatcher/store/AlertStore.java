package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.dispatcher.delivery.DeliveryResult;
import org.advocacyalerts.dispatcher.delivery.PendingAlert;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.support.Jdbc;

/** The {@code alert} and {@code delivery_attempt} tables. */
@ApplicationScoped
public class AlertStore {

    /** Inserts the alert unless it exists (same statement and subscription); returns whether it did. */
    /**
     * Inserts the alert unless it exists; returns whether it did. {@code revision} is the alert's (0:
     * alert.created), {@code statementRevision} the statement text it was made from.
     */
    public boolean insertIfAbsent(
            Connection c, Alert alert, int revision, int statementRevision, byte[] payload, boolean held)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert"
                + " (id, statement_id, subscription_id, topics, payload, created_at, next_attempt_at, revision, type,"
                + " statement_revision, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
            ps.setObject(1, alert.id());
            ps.setObject(2, alert.statementId());
            ps.setObject(3, alert.subscriptionId());
            ps.setArray(4, c.createArrayOf("text", alert.topics().toArray()));
            ps.setBytes(5, payload);
            ps.setTimestamp(6, Jdbc.timestamp(alert.createdAt()));
            ps.setTimestamp(7, Jdbc.timestamp(alert.createdAt())); // the first attempt is due at once
            ps.setInt(8, revision);
            ps.setString(9, revision == 0 ? EventTypes.ALERT_CREATED : EventTypes.ALERT_REVISED);
            ps.setInt(10, statementRevision);
            ps.setString(11, held ? "held" : "pending"); // held: waits for its subscription's digest
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Claims up to {@code limit} due alerts of active subscriptions until {@code leaseUntil}, oldest due
     * first. {@code SKIP LOCKED}: replicas claiming at once take different alerts; an alert whose claim
     * ran out (its replica died) is due again. Alerts to {@code busyTargets} (endpoints with every
     * sender slot taken) are left alone, so that a backlog to one endpoint never hides the others'.
     */
    public List<PendingAlert> claimDue(
            Connection c, Instant now, Instant leaseUntil, int limit, java.util.Collection<String> busyTargets)
            throws SQLException {
        return Jdbc.query(
                c,
                "UPDATE alert a SET lease_until = ? FROM subscription s"
                        + " WHERE s.id = a.subscription_id AND a.id IN ("
                        + "   SELECT a2.id FROM alert a2 JOIN subscription s2 ON s2.id = a2.subscription_id"
                        + "   WHERE a2.status = 'pending' AND s2.status = 'active' AND a2.next_attempt_at <= ?"
                        + "   AND (a2.lease_until IS NULL OR a2.lease_until < ?) AND s2.target <> ALL (?)"
                        + "   ORDER BY a2.next_attempt_at LIMIT ? FOR UPDATE OF a2 SKIP LOCKED)"
                        + " RETURNING a.id, a.subscription_id, s.channel, s.target, s.secret,"
                        + " CASE WHEN s.previous_secret_expires_at > ? THEN s.previous_secret END, a.payload, a.attempts,"
                        + " a.lease_until, coalesce(s.last_success_at, s.created_at)",
                rs -> new PendingAlert(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBytes(7),
                        rs.getInt(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10).toInstant()),
                leaseUntil,
                now,
                now,
                c.createArrayOf("text", busyTargets.toArray()),
                limit,
                now);
    }

    /** A held alert waiting for its subscription's digest. */
    public record Held(UUID id, byte[] payload, List<String> topics) {}

    /**
     * The held alerts of a subscription created before {@code before}, locked for this transaction
     * ({@code SKIP LOCKED}: a replica digesting them at the same moment takes none twice).
     */
    public List<Held> lockHeld(Connection c, UUID subscriptionId, Instant before) throws SQLException {
        return Jdbc.query(
                c,
                "SELECT id, payload, topics FROM alert WHERE subscription_id = ? AND status = 'held' AND created_at < ?"
                        + " ORDER BY created_at FOR UPDATE SKIP LOCKED",
                rs -> new Held(rs.getObject(1, UUID.class), rs.getBytes(2), List.of((String[])
                        rs.getArray(3).getArray())),
                subscriptionId,
                before);
    }

    /** The subscriptions with held alerts: id, mode, time zone. */
    public List<String[]> subscriptionsWithHeldAlerts(Connection c) throws SQLException {
        return Jdbc.query(
                c,
                "SELECT DISTINCT s.id::text, s.mode, s.time_zone FROM alert a JOIN subscription s ON s.id = a.subscription_id"
                        + " WHERE a.status = 'held' AND s.status = 'active'",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }

    /**
     * Stores a digest (due now) and marks the alerts it holds as digested, unless that digest exists;
     * returns whether it was new.
     */
    public boolean insertDigest(
            Connection c,
            UUID id,
            UUID periodId,
            UUID subscriptionId,
            List<String> topics,
            byte[] payload,
            List<UUID> included,
            Instant now)
            throws SQLException {
        int inserted = Jdbc.update(
                c,
                "INSERT INTO alert (id, statement_id, subscription_id, topics, payload, created_at, next_attempt_at,"
                        + " type, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'digest', 'pending') ON CONFLICT DO NOTHING",
                id,
                periodId,
                subscriptionId,
                c.createArrayOf("text", topics.toArray()),
                payload,
                now,
                now);
        if (inserted == 1) {
            Jdbc.update(
                    c,
                    "UPDATE alert SET status = 'digested', digest_id = ? WHERE id = ANY (?)",
                    id,
                    c.createArrayOf("uuid", included.toArray()));
        }
        return inserted == 1;
    }

    /** Whether the subscription was alerted about a text of the statement before {@code statementRevision}. */
    public boolean alertedBefore(Connection c, UUID statementId, UUID subscriptionId, int statementRevision)
            throws SQLException {
        return !Jdbc.query(
                        c,
                        "SELECT 1 FROM alert WHERE statement_id = ? AND subscription_id = ? AND statement_revision < ?"
                                + " LIMIT 1",
                        rs -> 1,
                        statementId,
                        subscriptionId,
                        statementRevision)
                .isEmpty();
    }

    /** Gives a claimed alert back unsent (its endpoint is busy): due again at once. */
    public void release(Connection c, PendingAlert alert) throws SQLException {
        Jdbc.update(
                c, "UPDATE alert SET lease_until = NULL WHERE id = ? AND lease_until = ?", alert.id(), alert.lease());
    }

    /**
     * Records the attempt and the alert's new state: delivered; pending again at {@code retryAt}; or
     * failed when {@code retryAt} is empty. Returns false when the claim was no longer this worker's
     * (another replica took the alert over): the attempt is kept, the state is the other's to set.
     */
    public boolean recordAttempt(
            Connection c, PendingAlert alert, DeliveryResult result, Instant at, Optional<Instant> retryAt)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO delivery_attempt"
                        + " (alert_id, attempt, attempted_at, status_code, latency_ms, error, response_body)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                alert.id(),
                alert.attempts() + 1,
                at,
                result.statusCode(),
                (int) Math.min(Integer.MAX_VALUE, result.latencyMillis()),
                result.error(),
                result.responseExcerpt());
        String status = result.delivered() ? "delivered" : retryAt.isPresent() ? "pending" : "failed";
        return Jdbc.update(
                        c,
                        "UPDATE alert SET status = ?, attempts = attempts + 1, lease_until = NULL, last_error = ?,"
                                + " next_attempt_at = ?, delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END"
                                + " WHERE id = ? AND lease_until = ?",
                        status,
                        result.error(),
                        retryAt.orElse(null),
                        result.delivered(),
                        at,
                        alert.id(),
                        alert.lease())
                == 1;
    }

    /** Makes failed alerts due again now (a manual retry or a recovery); returns how many. */
    public int requeue(Connection c, String where, Instant now, Object... params) throws SQLException {
        Object[] all = new Object[params.length + 1];
        all[0] = now;
        System.arraycopy(params, 0, all, 1, params.length);
        return Jdbc.update(
                c,
                "UPDATE alert SET status = 'pending', next_attempt_at = ?, lease_until = NULL WHERE status = 'failed'"
                        + " AND " + where,
                all);
    }
}
