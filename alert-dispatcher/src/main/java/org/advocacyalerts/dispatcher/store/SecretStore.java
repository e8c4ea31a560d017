package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.support.Jdbc;

/**
 * The sealed secrets at rest: webhook signing secrets (current and previous) on subscriptions, and the
 * key of first-format email links in {@code signing_key}. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class SecretStore {

    /** The first-format email links' key, as stored. */
    static final String LINK_KEY = "email-links";

    /** A subscription's secrets as stored (sealed). */
    public record Sealed(UUID subscriptionId, String secret, String previous) {}

    /**
     * Up to {@code limit} subscriptions with a secret not sealed under {@code prefix} (the current
     * key's), locked; rows another transaction holds are skipped.
     */
    public List<Sealed> notSealedUnder(Connection c, String prefix, int limit) throws SQLException {
        return Jdbc.query(
                c,
                """
                SELECT id, secret, previous_secret FROM subscription
                WHERE NOT starts_with(secret, ?)
                   OR (previous_secret IS NOT NULL AND NOT starts_with(previous_secret, ?))
                LIMIT ? FOR UPDATE SKIP LOCKED""",
                rs -> new Sealed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                prefix,
                prefix,
                limit);
    }

    public void replace(Connection c, Sealed sealed) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE subscription SET secret = ?, previous_secret = ? WHERE id = ?",
                sealed.secret(),
                sealed.previous(),
                sealed.subscriptionId());
    }

    /** The first-format email links' key, if one was ever made; {@code lock} holds it until commit. */
    public Optional<byte[]> linkKey(Connection c, boolean lock) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT key FROM signing_key WHERE name = ?" + (lock ? " FOR UPDATE" : ""),
                        rs -> rs.getBytes(1),
                        LINK_KEY)
                .stream()
                .findFirst();
    }

    public void replaceLinkKey(Connection c, byte[] key) throws SQLException {
        Jdbc.update(c, "UPDATE signing_key SET key = ? WHERE name = ?", key, LINK_KEY);
    }

    /** Forgets previous secrets whose overlap ended before {@code now}; returns how many. */
    public int dropPreviousExpiredBefore(Connection c, Instant now) throws SQLException {
        return Jdbc.update(c, """
                UPDATE subscription SET previous_secret = NULL, previous_secret_expires_at = NULL
                WHERE previous_secret_expires_at < ?""", now);
    }
}
