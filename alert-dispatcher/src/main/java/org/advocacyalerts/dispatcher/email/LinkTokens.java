package org.advocacyalerts.dispatcher.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.support.Jdbc;

/**
 * Signed links in emails: {@code confirm} (double opt-in, valid 7 days) and {@code unsubscribe} (no
 * expiry). A token is base64url of (purpose, subscription id, expiry) and an HMAC-SHA256 of them, keyed
 * with a random key kept in PostgreSQL, so every replica accepts every other's links and nobody can
 * make one for a subscription without the key.
 */
@ApplicationScoped
public class LinkTokens {

    public enum Purpose {
        CONFIRM,
        UNSUBSCRIBE
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int PAYLOAD_BYTES = 1 + 16 + 8;

    private final DataSource dataSource;
    private final Clock clock;
    private volatile byte[] key;

    LinkTokens(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public String issue(Purpose purpose, UUID subscription, Instant expires) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .put((byte) purpose.ordinal())
                .putLong(subscription.getMostSignificantBits())
                .putLong(subscription.getLeastSignificantBits())
                .putLong(expires.getEpochSecond());
        byte[] bytes = payload.array();
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The subscription a valid, unexpired token of this purpose is for; empty for anything else. */
    public Optional<UUID> verify(Purpose purpose, String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload.length != PAYLOAD_BYTES || !MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        ByteBuffer read = ByteBuffer.wrap(payload);
        if (read.get() != purpose.ordinal()) {
            return Optional.empty();
        }
        UUID subscription = new UUID(read.getLong(), read.getLong());
        long expires = read.getLong();
        return clock.instant().getEpochSecond() > expires ? Optional.empty() : Optional.of(subscription);
    }

    private byte[] mac(byte[] payload) {
        return org.advocacyalerts.dispatcher.delivery.HmacSha256.keyed(key()).doFinal(payload);
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            k = Jdbc.inTransaction(dataSource, c -> {
                Jdbc.update(
                        c,
                        "INSERT INTO signing_key (name, key) VALUES ('email-links', ?) ON CONFLICT DO NOTHING",
                        fresh);
                return Jdbc.query(c, "SELECT key FROM signing_key WHERE name = 'email-links'", rs -> rs.getBytes(1))
                        .get(0);
            });
            key = k;
        }
        return k;
    }
}
