package org.advocacyalerts.dispatcher.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.advocacyalerts.model.Sha256;
import org.advocacyalerts.support.Jdbc;

/**
 * What email confirmations keep: an email subscription's double opt-in ({@code confirm_by} until it is
 * confirmed), an owner contact's verification, when a subscription's email links were revoked, and
 * the confirmation emails sent per address (by its SHA-256, never the address) for the hourly limit.
 * Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class ConfirmationStore {

    /** Emails asking {@code address} to confirm something sent after {@code since}. */
    public long sentSince(Connection c, String address, Instant since) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT count(*) FROM confirmation_sent WHERE address_hash = ? AND sent_at > ?",
                        rs -> rs.getLong(1),
                        addressHash(address),
                        since)
                .get(0);
    }

    public void countSent(Connection c, String address, Instant at) throws SQLException {
        Jdbc.update(c, "INSERT INTO confirmation_sent (address_hash, sent_at) VALUES (?, ?)", addressHash(address), at);
    }

    /** Forgets sends older than {@code before} (the limit looks back one hour); returns how many. */
    public int forgetSentBefore(Connection c, Instant before) throws SQLException {
        return Jdbc.update(c, "DELETE FROM confirmation_sent WHERE sent_at < ?", before);
    }

    /** The subscription waits for its confirmation until {@code by}. */
    public void awaitConfirmation(Connection c, UUID subscription, Instant by) throws SQLException {
        Jdbc.update(c, "UPDATE subscription SET confirm_by = ? WHERE id = ?", by, subscription);
    }

    /** Activates an unconfirmed subscription whose confirmation is still due; false if there is none. */
    public boolean confirm(Connection c, UUID subscription, Instant now) throws SQLException {
        return Jdbc.update(c, """
                        UPDATE subscription SET status = 'active', confirm_by = NULL, active_since = ?
                        WHERE id = ? AND status = 'unconfirmed' AND confirm_by >= ?""", now, subscription, now) == 1;
    }

    public boolean isActive(Connection c, UUID subscription) throws SQLException {
        return !Jdbc.query(c, "SELECT 1 FROM subscription WHERE id = ? AND status = 'active'", rs -> 1, subscription)
                .isEmpty();
    }

    /** Deletes subscriptions never confirmed whose link has expired; returns how many. */
    public int deleteUnconfirmedBefore(Connection c, Instant now) throws SQLException {
        return Jdbc.update(c, "DELETE FROM subscription WHERE status = 'unconfirmed' AND confirm_by < ?", now);
    }

    /** Marks the owner contact verified (the first time counts); false when the subscription is gone. */
    public boolean verifyContact(Connection c, UUID subscription, Instant at) throws SQLException {
        return Jdbc.update(c, """
                        UPDATE subscription SET contact_verified_at = coalesce(contact_verified_at, ?)
                        WHERE id = ? AND contact IS NOT NULL""", at, subscription) == 1;
    }

    /** When the subscription's email links were last revoked, if ever (empty too when it is gone). */
    public Optional<Instant> linksRevokedAt(Connection c, UUID subscription) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT links_revoked_at FROM subscription WHERE id = ?",
                        rs -> Optional.ofNullable(rs.getTimestamp(1)),
                        subscription)
                .stream()
                .flatMap(Optional::stream)
                .map(Timestamp::toInstant)
                .findFirst();
    }

    private static String addressHash(String address) {
        return Sha256.hex(address.toLowerCase(Locale.ROOT));
    }
}
