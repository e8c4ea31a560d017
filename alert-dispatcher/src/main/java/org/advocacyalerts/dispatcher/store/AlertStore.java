package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.advocacyalerts.dispatcher.delivery.DeliveryResult;
import org.advocacyalerts.dispatcher.delivery.PendingAlert;
import org.advocacyalerts.dispatcher.delivery.WebhookPayloads;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.support.Jdbc;

/** The {@code alert} and {@code delivery_attempt} tables. */
@ApplicationScoped
public class AlertStore {

    /**
     * A new alert: {@code revision} is the alert's (0: alert.created), {@code statementRevision} the
     * statement text it was made from; its body is its own {@code payload} or the shared one {@code
     * bodyId} (the other is null); a {@code held} one waits for its subscription's digest. One with a
     * {@code lease} is stored claimed until then (for a replica to send without claiming it), else null.
     */
    public record NewAlert(
            Alert alert,
            int revision,
            int statementRevision,
            byte[] payload,
            UUID bodyId,
            boolean held,
            Instant lease) {

        /** The same alert, to be stored claimed until {@code lease}. */
        public NewAlert claimedUntil(Instant lease) {
            return new NewAlert(alert, revision, statementRevision, payload, bodyId, held, lease);
        }
    }

    /** Stores shared alert bodies (see {@link WebhookPayloads#SHARED}) unless they exist; returns the new ones' ids. */
    public List<UUID> insertBodies(Connection c, Map<UUID, byte[]> bodies) throws SQLException {
        List<Object[]> rows = new ArrayList<>(bodies.size());
        bodies.forEach((id, body) -> rows.add(new Object[] {id, body}));
        return Jdbc.multiRow(
                c,
                "INSERT INTO alert_body (id, body) VALUES ",
                "(?, ?)",
                " ON CONFLICT DO NOTHING RETURNING id",
                rows,
                rs -> rs.getObject(1, UUID.class));
    }

    /** A stored body, with the subscription's id put in if it is a shared one. */
    private static byte[] body(byte[] stored, boolean shared, UUID subscriptionId) {
        return shared ? WebhookPayloads.forSubscription(stored, subscriptionId) : stored;
    }

    /**
     * Inserts the alerts that do not exist yet (same statement, subscription and revision); returns the
     * ids of those that were new. One statement whose parameters are a column each (arrays, unnested):
     * a parameter per value had pgjdbc bind, and PostgreSQL parse, 12 per alert.
     */
    public List<UUID> insertAllIfAbsent(Connection c, List<NewAlert> news) throws SQLException {
        if (news.isEmpty()) {
            return List.of();
        }
        return Jdbc.query(
                c,
                "INSERT INTO alert (id, statement_id, subscription_id, topics, payload, body_id, created_at,"
                        + " next_attempt_at, revision, type, statement_revision, status, lease_until)"
                        + " SELECT v.id, v.statement_id, v.subscription_id, string_to_array(v.topics, ','), v.payload,"
                        // next_attempt_at = created_at: the first attempt is due at once
                        + " v.body_id, v.created_at::timestamptz, v.created_at::timestamptz,"
                        + " v.revision, CASE WHEN v.revision = 0 THEN ? ELSE ? END, v.statement_revision,"
                        + " CASE WHEN v.held THEN 'held' ELSE 'pending' END, v.lease::timestamptz"
                        + " FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::bytea[], ?::uuid[], ?::text[],"
                        + " ?::int[], ?::int[], ?::boolean[], ?::text[]) AS v (id, statement_id, subscription_id, topics,"
                        + " payload, body_id, created_at, revision, statement_revision, held, lease)"
                        + " ON CONFLICT DO NOTHING RETURNING id",
                rs -> rs.getObject(1, UUID.class),
                EventTypes.ALERT_CREATED,
                EventTypes.ALERT_REVISED,
                Jdbc.column(c, "uuid", news, a -> a.alert().id()),
                Jdbc.column(c, "uuid", news, a -> a.alert().statementId()),
                Jdbc.column(c, "uuid", news, a -> a.alert().subscriptionId()),
                Jdbc.column(c, "text", news, a -> String.join(",", a.alert().topics())), // ids are [a-z0-9-]
                Jdbc.column(c, "bytea", news, NewAlert::payload),
                Jdbc.column(c, "uuid", news, NewAlert::bodyId),
                Jdbc.column(c, "text", news, a -> a.alert().createdAt().toString()),
                Jdbc.column(c, "int4", news, NewAlert::revision),
                Jdbc.column(c, "int4", news, NewAlert::statementRevision),
                Jdbc.column(c, "bool", news, NewAlert::held),
                Jdbc.column(
                        c,
                        "text",
                        news,
                        a -> a.lease() == null ? null : a.lease().toString()));
    }

    /**
     * Claims up to {@code limit} due alerts (due by {@code now}) of active subscriptions until {@code
     * leaseUntil}, oldest due first. Claims are taken and judged by the database's clock ({@code
     * claimNow}), the one all replicas share. {@code SKIP LOCKED}: replicas claiming at once take different alerts; an alert whose claim
     * ran out (its replica died) is due again. Alerts to {@code busyTargets} ({@link
     * org.advocacyalerts.dispatcher.delivery.Endpoints endpoints} with every sender slot taken) are left alone, so that a backlog to one endpoint never hides the others'.
     */
    public List<PendingAlert> claimDue(
            Connection c, Instant now, Instant claimNow, Instant leaseUntil, int limit, Collection<String> busyTargets)
            throws SQLException {
        // Due alerts are read in the order of alert_due_idx, stopping at the limit. Without this, after a
        // fan-out (many alerts added since the table's statistics were taken) the planner reads every due
        // alert and sorts them: 150 ms a claim with 10,000 due, O(n²) over a fan-out.
        Jdbc.update(c, "SET LOCAL enable_sort = off");
        return Jdbc.query(
                c,
                "UPDATE alert a SET lease_until = ? FROM subscription s"
                        + " WHERE s.id = a.subscription_id AND a.id IN ("
                        + "   SELECT a2.id FROM alert a2 JOIN subscription s2 ON s2.id = a2.subscription_id"
                        + "   WHERE a2.status = 'pending' AND s2.status = 'active' AND a2.next_attempt_at <= ?"
                        + "   AND (a2.lease_until IS NULL OR a2.lease_until < ?) AND s2.endpoint <> ALL (?)"
                        + "   ORDER BY a2.next_attempt_at LIMIT ? FOR UPDATE OF a2 SKIP LOCKED)"
                        + " RETURNING a.id, a.subscription_id, s.channel, s.target, s.secret,"
                        + " CASE WHEN s.previous_secret_expires_at > ? THEN s.previous_secret END,"
                        + " coalesce(a.payload, (SELECT b.body FROM alert_body b WHERE b.id = a.body_id)), a.attempts,"
                        + " a.lease_until, coalesce(s.last_success_at, s.created_at), a.payload IS NULL, a.body_id,"
                        + " (SELECT st.traceparent FROM statement st WHERE st.id = a.statement_id)",
                rs -> new PendingAlert(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        body(rs.getBytes(7), rs.getBoolean(11), rs.getObject(2, UUID.class)),
                        rs.getObject(12, UUID.class), // null for an alert with a body of its own
                        rs.getInt(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10).toInstant(),
                        rs.getString(13)),
                leaseUntil,
                now,
                claimNow,
                c.createArrayOf("text", busyTargets.toArray()),
                limit,
                now);
    }

    /** Alerts due and not yet delivered, and when the oldest of them fell due (null when none is due). */
    public record DueBacklog(long due, Instant oldestDueAt) {}

    /** The alerts of active subscriptions due by {@code now} (as claims judge it), claimed or not. */
    public DueBacklog dueBacklog(Connection c, Instant now) throws SQLException {
        return Jdbc.query(
                        c,
                        """
                        SELECT count(*), min(a.next_attempt_at) FROM alert a
                        JOIN subscription s ON s.id = a.subscription_id
                        WHERE a.status = 'pending' AND s.status = 'active' AND a.next_attempt_at <= ?
                        """,
                        rs -> new DueBacklog(
                                rs.getLong(1),
                                rs.getTimestamp(2) == null
                                        ? null
                                        : rs.getTimestamp(2).toInstant()),
                        now)
                .get(0);
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
                "SELECT a.id, coalesce(a.payload, b.body), a.topics, a.payload IS NULL FROM alert a"
                        + " LEFT JOIN alert_body b ON b.id = a.body_id"
                        + " WHERE a.subscription_id = ? AND a.status = 'held' AND a.created_at < ?"
                        + " ORDER BY a.created_at FOR UPDATE OF a SKIP LOCKED",
                rs -> new Held(
                        rs.getObject(1, UUID.class),
                        body(rs.getBytes(2), rs.getBoolean(4), subscriptionId),
                        List.of((String[]) rs.getArray(3).getArray())),
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

    /**
     * Whether the subscription was alerted about a text of the statement before {@code statementRevision}.
     * Such an alert has revision 0 (the first text that matched) or that text's number, so its id is
     * among those of revisions 0 to {@code statementRevision - 1}.
     */
    public boolean alertedBefore(Connection c, UUID statementId, UUID subscriptionId, int statementRevision)
            throws SQLException {
        Object[] ids = IntStream.range(0, statementRevision)
                .mapToObj(r -> Alert.idFor(statementId, subscriptionId, r))
                .toArray();
        return !Jdbc.query(
                        c,
                        "SELECT 1 FROM alert WHERE id = ANY (?) AND statement_revision < ? LIMIT 1",
                        rs -> 1,
                        c.createArrayOf("uuid", ids),
                        statementRevision)
                .isEmpty();
    }

    /** Gives claimed alerts back unsent (their endpoint is busy, say): due again at once. */
    public Void release(Connection c, List<PendingAlert> unsent) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE alert a SET lease_until = NULL FROM unnest(?::uuid[], ?::text[]::timestamptz[]) AS v (id, lease)"
                        + " WHERE a.id = v.id AND a.lease_until = v.lease",
                Jdbc.column(c, "uuid", unsent, PendingAlert::id),
                Jdbc.column(c, "text", unsent, a -> a.lease().toString()));
        return null;
    }

    /** A finished attempt to record: the alert becomes delivered, pending again at {@code retryAt}, or failed. */
    public record Attempt(PendingAlert alert, DeliveryResult result, Instant at, Optional<Instant> retryAt) {

        String status() {
            return result.delivered() ? "delivered" : retryAt.isPresent() ? "pending" : "failed";
        }

        int latencyMillis() {
            return (int) Math.min(Integer.MAX_VALUE, result.latencyMillis());
        }
    }

    /** What became of a recorded attempt. */
    public enum Recorded {
        /** The attempt and the alert's new state are stored. */
        YES,
        /** Another worker took the alert over (its claim ran out): the attempt is kept, the state is its. */
        TAKEN_OVER,
        /** The alert is gone (its subscription was deleted while it was being sent): nothing to record. */
        DELETED
    }

    /**
     * Records the attempts and their alerts' new states: a delivered alert's successful attempt in its own
     * row (see V15), every other attempt in {@code delivery_attempt}. At most two statements whatever
     * their number, their parameters a column each (arrays, unnested); for a batch of successes, one.
     */
    public Recorded[] recordAttempts(Connection c, List<Attempt> attempts) throws SQLException {
        Set<UUID> recorded = new HashSet<>(Jdbc.query(
                c,
                "UPDATE alert a SET status = v.status, attempts = a.attempts + 1, lease_until = NULL,"
                        + " last_error = v.error, next_attempt_at = v.retry_at::timestamptz,"
                        + " delivered_at = CASE WHEN v.delivered THEN v.at::timestamptz ELSE a.delivered_at END,"
                        + " delivered_status = CASE WHEN v.delivered THEN v.status_code ELSE a.delivered_status END,"
                        + " delivered_latency_ms = CASE WHEN v.delivered THEN v.latency_ms ELSE a.delivered_latency_ms END,"
                        + " delivered_response = CASE WHEN v.delivered THEN v.response ELSE a.delivered_response END"
                        + " FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::uuid[], ?::text[],"
                        + " ?::int[], ?::int[], ?::text[])"
                        + " AS v (status, error, retry_at, delivered, at, id, lease, status_code, latency_ms, response)"
                        + " WHERE a.id = v.id AND a.lease_until = v.lease::timestamptz RETURNING a.id",
                rs -> rs.getObject(1, UUID.class),
                Jdbc.column(c, "text", attempts, Attempt::status),
                Jdbc.column(c, "text", attempts, a -> a.result().error()),
                Jdbc.column(
                        c,
                        "text",
                        attempts,
                        a -> a.retryAt().map(Instant::toString).orElse(null)),
                Jdbc.column(c, "bool", attempts, a -> a.result().delivered()),
                Jdbc.column(c, "text", attempts, a -> a.at().toString()),
                Jdbc.column(c, "uuid", attempts, a -> a.alert().id()),
                Jdbc.column(c, "text", attempts, a -> a.alert().lease().toString()),
                Jdbc.column(c, "int4", attempts, a -> a.result().statusCode()),
                Jdbc.column(c, "int4", attempts, Attempt::latencyMillis),
                Jdbc.column(c, "text", attempts, a -> a.result().responseExcerpt())));
        // Attempts that failed, and successes whose alert another worker took over (its state is that
        // worker's), go to delivery_attempt; only for alerts that still exist: one deleted with its
        // subscription during its send would fail the foreign key, and with it the whole batch.
        List<Attempt> logged = attempts.stream()
                .filter(a ->
                        !a.result().delivered() || !recorded.contains(a.alert().id()))
                .toList();
        if (!logged.isEmpty()) {
            Jdbc.update(
                    c,
                    "INSERT INTO delivery_attempt"
                            + " (alert_id, attempt, attempted_at, status_code, latency_ms, error, response_body)"
                            + " SELECT v.alert_id, v.attempt, v.attempted_at::timestamptz, v.status_code, v.latency_ms,"
                            + " v.error, v.response_body"
                            + " FROM unnest(?::uuid[], ?::int[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[])"
                            + " AS v (alert_id, attempt, attempted_at, status_code, latency_ms, error, response_body)"
                            + " WHERE EXISTS (SELECT 1 FROM alert a WHERE a.id = v.alert_id)",
                    Jdbc.column(c, "uuid", logged, a -> a.alert().id()),
                    Jdbc.column(c, "int4", logged, a -> a.alert().attempts() + 1),
                    Jdbc.column(c, "text", logged, a -> a.at().toString()),
                    Jdbc.column(c, "int4", logged, a -> a.result().statusCode()),
                    Jdbc.column(c, "int4", logged, Attempt::latencyMillis),
                    Jdbc.column(c, "text", logged, a -> a.result().error()),
                    Jdbc.column(c, "text", logged, a -> a.result().responseExcerpt()));
        }
        List<UUID> missed = attempts.stream()
                .map(a -> a.alert().id())
                .filter(id -> !recorded.contains(id))
                .toList();
        Set<UUID> existing = missed.isEmpty()
                ? Set.of()
                : new HashSet<>(Jdbc.query(
                        c,
                        "SELECT id FROM alert WHERE id = ANY (?)",
                        rs -> rs.getObject(1, UUID.class),
                        Jdbc.column(c, "uuid", missed, id -> id)));
        Recorded[] outcome = new Recorded[attempts.size()];
        for (int i = 0; i < outcome.length; i++) {
            UUID id = attempts.get(i).alert().id();
            outcome[i] = recorded.contains(id)
                    ? Recorded.YES
                    : existing.contains(id) ? Recorded.TAKEN_OVER : Recorded.DELETED;
        }
        return outcome;
    }

    /** Makes a failed alert (a dead letter) due again now: a manual retry. Returns 1, or 0 if it is not failed. */
    public int requeueFailed(Connection c, UUID alertId, Instant now) throws SQLException {
        return Jdbc.update(c, """
                UPDATE alert SET status = 'pending', next_attempt_at = ?, lease_until = NULL
                WHERE status = 'failed' AND id = ?""", now, alertId);
    }

    /**
     * Makes a subscription's failed alerts created at or after {@code from} due again now: a recovery
     * after its receiver is fixed. Returns how many.
     */
    public int requeueFailedSince(Connection c, UUID subscriptionId, Instant from, Instant now) throws SQLException {
        return Jdbc.update(c, """
                UPDATE alert SET status = 'pending', next_attempt_at = ?, lease_until = NULL
                WHERE status = 'failed' AND subscription_id = ? AND created_at >= ?""", now, subscriptionId, from);
    }

    /** Deletes up to {@code limit} finished alerts (delivered, failed, digested) created before {@code before}. */
    public int deleteFinishedBefore(Connection c, Instant before, int limit) throws SQLException {
        return Jdbc.update(c, """
                DELETE FROM alert WHERE id IN (
                    SELECT id FROM alert
                    WHERE status IN ('delivered', 'failed', 'digested') AND created_at < ?
                    LIMIT ?)""", before, limit);
    }

    /** Deletes up to {@code limit} shared bodies no alert uses any more. */
    public int deleteUnusedBodies(Connection c, int limit) throws SQLException {
        return Jdbc.update(c, """
                DELETE FROM alert_body WHERE id IN (
                    SELECT b.id FROM alert_body b
                    WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.body_id = b.id)
                    LIMIT ?)""", limit);
    }
}
