package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.delivery.Endpoints;
import org.advocacyalerts.dispatcher.delivery.WebhookSecrets;
import org.advocacyalerts.dispatcher.secrets.SecretBox;
import org.advocacyalerts.support.Jdbc;

/** The {@code subscription} and {@code subscription_topic} tables. */
@ApplicationScoped
public class SubscriptionStore {

    private static final String SELECT = "SELECT s.id, s.channel, s.target, s.query, s.source_ids, s.languages,"
            + " s.status, s.created_at, s.disabled_reason, s.mode, s.time_zone, s.contact, s.tenant,"
            + " array_remove(array_agg(st.topic_id ORDER BY st.topic_id), NULL) AS topics"
            + " FROM subscription s LEFT JOIN subscription_topic st ON st.subscription_id = s.id";

    private final DataSource dataSource;
    private final SecretBox box;

    SubscriptionStore(DataSource dataSource, SecretBox box) {
        this.dataSource = dataSource;
        this.box = box;
    }

    public void insert(Subscription s) {
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO subscription"
                            + " (id, channel, target, secret, status, created_at, query, source_ids, languages, mode, time_zone,"
                            + " contact, active_since, endpoint, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, s.id());
                ps.setString(2, s.channel());
                ps.setString(3, s.target());
                ps.setString(4, box.seal(s.secret(), WebhookSecrets.context(s.id())));
                ps.setString(5, s.status());
                ps.setTimestamp(6, Jdbc.timestamp(s.createdAt()));
                ps.setString(7, s.query());
                ps.setArray(8, c.createArrayOf("text", s.sourceIds().toArray()));
                ps.setArray(9, c.createArrayOf("text", s.languages().toArray()));
                ps.setString(10, s.mode() == null ? "instant" : s.mode());
                ps.setString(11, s.timeZone() == null ? "UTC" : s.timeZone());
                ps.setString(12, s.contact());
                ps.setTimestamp(13, Jdbc.timestamp(s.createdAt())); // an unconfirmed one: again when confirmed
                ps.setString(14, Endpoints.of(s.channel(), s.target()));
                ps.setString(15, s.tenant());
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO subscription_topic (subscription_id, topic_id) VALUES (?, ?)")) {
                for (String topic : s.topics()) {
                    ps.setObject(1, s.id());
                    ps.setString(2, topic);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The subscription, never with its secret (stored sealed, shown only in the answer that made it). */
    public Optional<Subscription> find(UUID id) {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.query(c, SELECT + " WHERE s.id = ? GROUP BY s.id", ROW, id))
                .stream()
                .findFirst();
    }

    /** The newest {@code limit} subscriptions, of one status when it is not null (the staff console). */
    public List<Subscription> latest(String status, int limit) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        SELECT + " WHERE (?::text IS NULL OR s.status = ?) GROUP BY s.id"
                                + " ORDER BY s.created_at DESC, s.id DESC LIMIT ?",
                        ROW,
                        status,
                        status,
                        limit));
    }

    /** Of {@code ids}, those owned by {@code tenant}, in their order. */
    public List<UUID> ownedBy(String tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return ids;
        }
        Set<UUID> owned = new HashSet<>(Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(
                        c,
                        "SELECT id FROM subscription WHERE id = ANY (?) AND tenant = ?",
                        rs -> rs.getObject(1, UUID.class),
                        c.createArrayOf("uuid", ids.toArray()),
                        tenant)));
        return ids.stream().filter(owned::contains).toList();
    }

    /**
     * Active subscriptions to alert: those following one of {@code topics} or whose own query matched
     * ({@code queryHits}), whose source and language filters let the statement through, and that were
     * already active when ingest accepted the statement ({@code acceptedAt}): a subscription sees the
     * future only, however late the dispatcher reads the statement.
     */
    public List<Candidate> candidates(
            Connection c,
            Collection<String> topics,
            Collection<UUID> queryHits,
            String sourceId,
            String language,
            Instant acceptedAt,
            Instant now)
            throws SQLException {
        Map<String, List<String>> topicLists = new HashMap<>();
        return Jdbc.query(
                c,
                "SELECT s.id, s.channel, s.target, s.mode, s.secret,"
                        + " CASE WHEN s.previous_secret_expires_at > ? THEN s.previous_secret END,"
                        + " coalesce(s.last_success_at, s.created_at),"
                        // topic ids are [a-z0-9-]: joined by commas, read faster than an array
                        + " coalesce(string_agg(st.topic_id, ',' ORDER BY st.topic_id), '')"
                        + " FROM subscription s LEFT JOIN subscription_topic st ON st.subscription_id = s.id"
                        // A union, not an OR of two IN lists: with an OR PostgreSQL reads every subscription for
                        // every statement (150 ms a statement with 100,000 subscriptions).
                        + " WHERE s.id IN (SELECT subscription_id FROM subscription_topic WHERE topic_id = ANY (?)"
                        + " UNION SELECT unnest(?::uuid[])) AND s.status = 'active' AND s.active_since <= ?"
                        + " AND (cardinality(s.source_ids) = 0 OR ? = ANY (s.source_ids))"
                        + " AND (cardinality(s.languages) = 0 OR ? = ANY (s.languages))"
                        + " GROUP BY s.id",
                rs -> new Candidate(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        // one list per set of topics, not per subscription (100,000 of them in a fan-out)
                        topicLists.computeIfAbsent(
                                rs.getString(8), t -> t.isEmpty() ? List.of() : List.of(t.split(","))),
                        !"instant".equals(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant()),
                now,
                c.createArrayOf("text", topics.toArray()),
                c.createArrayOf("uuid", queryHits.toArray()),
                acceptedAt,
                sourceId,
                language);
    }

    /** Every active subscription with its own query: what the matcher registers. */
    public List<Subscription> withQueries() {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.query(c, SELECT + " WHERE s.status = 'active' AND s.query IS NOT NULL GROUP BY s.id", ROW));
    }

    /**
     * Changes whenever the set of active subscriptions with a query changes, on any replica (a query is
     * never edited: a subscription keeps the one it was created with). A digest of their ids, not their
     * count: one disabled while another is recovered leaves the count as it was.
     */
    public String queryVersion() {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(
                                c,
                                "SELECT count(*) || '/' || coalesce(md5(string_agg(id::text, ',' ORDER BY id)), '')"
                                        + " FROM subscription WHERE query IS NOT NULL AND status = 'active'",
                                rs -> rs.getString(1)))
                .get(0);
    }

    /**
     * A 2xx from each of these subscriptions' endpoints: their 5-day failure clocks start again. Kept to
     * the hour: a subscription that succeeded within the hour keeps its row as it is (a fan-out to
     * 100,000 subscriptions had written 100,000 rows more, for a clock that counts days).
     */
    public void succeeded(Connection c, Collection<UUID> ids, Instant at) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE subscription SET last_success_at = ? WHERE id = ANY (?)"
                        + " AND (last_success_at IS NULL OR last_success_at < ?)",
                at,
                c.createArrayOf("uuid", ids.toArray()),
                at.minus(Duration.ofHours(1)));
    }

    /** Stops deliveries to the subscription; its pending alerts wait until it is recovered. */
    public void disable(Connection c, UUID id, String reason) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE subscription SET status = 'disabled', disabled_reason = ? WHERE id = ? AND status = 'active'",
                reason,
                id);
    }

    /** Active again (its owner recovered it); the 5-day failure clock starts now. */
    public void reactivate(Connection c, UUID id, Instant at) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE subscription SET status = 'active', disabled_reason = NULL, last_success_at = ?,"
                        + " owner_notified_at = NULL, owner_notice_claimed_until = NULL"
                        + " WHERE id = ? AND status = 'disabled'",
                at,
                id);
    }

    /**
     * Replaces the signing secret; the current one keeps signing beside it until {@code previousUntil}.
     * Returns false for an unknown subscription.
     */
    public boolean rotateSecret(UUID id, String secret, Instant previousUntil) {
        return Jdbc.inTransaction(
                dataSource,
                c -> Jdbc.update(
                                c,
                                "UPDATE subscription SET previous_secret = secret, previous_secret_expires_at = ?,"
                                        + " secret = ? WHERE id = ?",
                                previousUntil,
                                box.seal(secret, WebhookSecrets.context(id)),
                                id)
                        == 1);
    }

    /** Email links of the subscription issued until {@code at} stop working. */
    public void revokeLinks(UUID id, Instant at) {
        Jdbc.inTransaction(
                dataSource, c -> Jdbc.update(c, "UPDATE subscription SET links_revoked_at = ? WHERE id = ?", at, id));
    }

    /**
     * A subscriber's own choices from the manage page: topics, how often, time zone. Alerts held for a
     * digest of a subscription that becomes instant are due at {@code at} (sent one by one): none is lost.
     */
    public void updateChoices(UUID id, List<String> topics, String mode, String timeZone, Instant at) {
        Jdbc.inTransaction(dataSource, c -> {
            Jdbc.update(c, "UPDATE subscription SET mode = ?, time_zone = ? WHERE id = ?", mode, timeZone, id);
            Jdbc.update(c, "DELETE FROM subscription_topic WHERE subscription_id = ?", id);
            Jdbc.update(
                    c,
                    "INSERT INTO subscription_topic (subscription_id, topic_id) SELECT ?, unnest(?::text[])",
                    id,
                    c.createArrayOf("text", topics.toArray()));
            if ("instant".equals(mode)) {
                Jdbc.update(
                        c,
                        "UPDATE alert SET status = 'pending', next_attempt_at = ? WHERE subscription_id = ? AND status = 'held'",
                        at,
                        id);
            }
            return null;
        });
    }

    /** Paused by its subscriber: nothing is planned or sent for it until it is resumed. False unless it was active. */
    public boolean pause(UUID id) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.update(
                                c, "UPDATE subscription SET status = 'paused' WHERE id = ? AND status = 'active'", id))
                == 1;
    }

    /**
     * Active again from {@code at}: like a new subscription, it sees the future only (nothing published
     * while it was paused is alerted, not even on a replay). False unless it was paused.
     */
    public boolean resume(UUID id, Instant at) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.update(
                                c,
                                "UPDATE subscription SET status = 'active', active_since = ? WHERE id = ? AND status = 'paused'",
                                at,
                                id))
                == 1;
    }

    public boolean delete(UUID id) {
        return Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM subscription WHERE id = ?")) {
                ps.setObject(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static final Jdbc.RowMapper<Subscription> ROW = rs -> new Subscription(
            rs.getObject("id", UUID.class),
            rs.getString("channel"),
            rs.getString("target"),
            Arrays.asList((String[]) rs.getArray("topics").getArray()),
            rs.getString("query"),
            Arrays.asList((String[]) rs.getArray("source_ids").getArray()),
            Arrays.asList((String[]) rs.getArray("languages").getArray()),
            rs.getString("status"),
            rs.getTimestamp("created_at").toInstant(),
            null, // sealed in the database, and shown only when created
            rs.getString("disabled_reason"),
            rs.getString("mode"),
            rs.getString("time_zone"),
            rs.getString("contact"),
            rs.getString("tenant"));

    /** A disabled subscription whose owner has not been told yet. */
    public record Disabled(UUID id, String target, String contact, String reason) {}

    /**
     * Claims disabled subscriptions with a contact not told yet and not claimed by anyone else, for
     * {@code claim} by the database's clock (replicas' own clocks may disagree). The caller sends with no
     * transaction open, then calls {@link #told} or {@link #releaseNotice}; a crash in between leaves the
     * claim to expire and the notice to be sent again.
     */
    public List<Disabled> claimUntold(Connection c, int limit, Duration claim) throws SQLException {
        return Jdbc.query(
                c,
                """
                UPDATE subscription SET owner_notice_claimed_until = now() + make_interval(secs => ?)
                WHERE id IN (
                    SELECT id FROM subscription
                    WHERE status = 'disabled' AND contact IS NOT NULL AND contact_verified_at IS NOT NULL
                      AND owner_notified_at IS NULL
                      AND (owner_notice_claimed_until IS NULL OR owner_notice_claimed_until < now())
                    LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, target, contact, disabled_reason""",
                rs -> new Disabled(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)),
                (double) claim.toSeconds(),
                limit);
    }

    /** The notice could not be sent: the next look tries again. */
    public void releaseNotice(Connection c, UUID id) throws SQLException {
        Jdbc.update(c, "UPDATE subscription SET owner_notice_claimed_until = NULL WHERE id = ?", id);
    }

    public void told(Connection c, UUID id, Instant at) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE subscription SET owner_notified_at = ?, owner_notice_claimed_until = NULL WHERE id = ?",
                at,
                id);
    }
}
