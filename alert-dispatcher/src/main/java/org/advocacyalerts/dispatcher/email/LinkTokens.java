package org.advocacyalerts.dispatcher.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.delivery.HmacSha256;
import org.advocacyalerts.dispatcher.secrets.SecretBox;
import org.advocacyalerts.dispatcher.store.ConfirmationStore;
import org.advocacyalerts.dispatcher.store.SecretStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Links in emails: {@code confirm} (double opt-in, valid 7 days) and {@code unsubscribe} (no expiry). A
 * token is {@code e1.<key id>.<base64url>}: purpose, subscription id, expiry and issue time encrypted
 * with AES-256-GCM under a key derived from {@code dispatcher.secrets.keys}, so nobody reads which
 * subscription it is for, nobody makes one without the key, every replica accepts every other's links,
 * and links keep working after a key rotation while the old key stays configured. Links issued before a
 * subscription's {@code links_revoked_at} are refused. Tokens of the first format (readable payload and
 * an HMAC with a key kept sealed in PostgreSQL) are still accepted while none of the subscription's
 * links were revoked: unsubscribe links in emails already sent must keep working.
 */
@ApplicationScoped
public class LinkTokens {

    public enum Purpose {
        CONFIRM,
        UNSUBSCRIBE,
        VERIFY_CONTACT
    }

    private static final String VERSION = "e1";
    private static final String CONTEXT = "email-link";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int PAYLOAD_BYTES = 1 + 16 + 8 + 8;
    private static final int LEGACY_PAYLOAD_BYTES = 1 + 16 + 8;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a link says once opened. */
    private record Link(Purpose purpose, UUID subscription, long expires, Instant issuedAt) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final SecretBox box;
    private final ConfirmationStore confirmations;
    private final SecretStore secrets;
    private volatile Optional<byte[]> legacyKey;

    LinkTokens(
            DataSource dataSource, Clock clock, SecretBox box, ConfirmationStore confirmations, SecretStore secrets) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.box = box;
        this.confirmations = confirmations;
        this.secrets = secrets;
    }

    public String issue(Purpose purpose, UUID subscription, Instant expires) {
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .put((byte) purpose.ordinal())
                .putLong(subscription.getMostSignificantBits())
                .putLong(subscription.getLeastSignificantBits())
                .putLong(expires.getEpochSecond())
                .putLong(clock.instant().toEpochMilli())
                .array();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String keyId = box.currentKeyId();
        byte[] sealed = SecretBox.crypt(Cipher.ENCRYPT_MODE, linkKey(keyId), nonce, CONTEXT, payload);
        return VERSION + "." + keyId + "." + ENCODER.encodeToString(concat(nonce, sealed));
    }

    /** The subscription a valid, unexpired, unrevoked token of this purpose is for; empty for anything else. */
    public Optional<UUID> verify(Purpose purpose, String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        Optional<Link> link = token.startsWith(VERSION + ".") ? open(token) : openLegacy(token);
        return link.filter(l -> l.purpose() == purpose)
                .filter(l -> clock.instant().getEpochSecond() <= l.expires())
                .filter(this::notRevoked)
                .map(Link::subscription);
    }

    private Optional<Link> open(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !box.knows(parts[1])) {
            return Optional.empty();
        }
        try {
            byte[] all = DECODER.decode(parts[2]);
            if (all.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            byte[] payload = SecretBox.crypt(
                    Cipher.DECRYPT_MODE,
                    linkKey(parts[1]),
                    Arrays.copyOf(all, NONCE_BYTES),
                    CONTEXT,
                    Arrays.copyOfRange(all, NONCE_BYTES, all.length));
            if (payload.length != PAYLOAD_BYTES) {
                return Optional.empty();
            }
            ByteBuffer read = ByteBuffer.wrap(payload);
            return purpose(read.get())
                    .map(p -> new Link(
                            p,
                            new UUID(read.getLong(), read.getLong()),
                            read.getLong(),
                            Instant.ofEpochMilli(read.getLong())));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty(); // not base64, or forged: the tag did not match
        }
    }

    private Optional<Link> openLegacy(String token) {
        int dot = token.indexOf('.');
        Optional<byte[]> key = legacyKey();
        if (dot < 0 || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (payload.length != LEGACY_PAYLOAD_BYTES
                    || !MessageDigest.isEqual(HmacSha256.keyed(key.get()).doFinal(payload), signature)) {
                return Optional.empty();
            }
            ByteBuffer read = ByteBuffer.wrap(payload);
            return purpose(read.get())
                    .map(p -> new Link(p, new UUID(read.getLong(), read.getLong()), read.getLong(), null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean notRevoked(Link link) {
        Instant revoked = Jdbc.inTransaction(dataSource, c -> confirmations.linksRevokedAt(c, link.subscription()))
                .orElse(null);
        return revoked == null || (link.issuedAt() != null && link.issuedAt().isAfter(revoked));
    }

    private static Optional<Purpose> purpose(byte ordinal) {
        return ordinal >= 0 && ordinal < Purpose.values().length
                ? Optional.of(Purpose.values()[ordinal])
                : Optional.empty();
    }

    private byte[] linkKey(String keyId) {
        return box.derive(keyId, "email-links");
    }

    /** The key of first-format tokens, if one was ever made (sealed in {@code signing_key}). */
    private Optional<byte[]> legacyKey() {
        Optional<byte[]> key = legacyKey;
        if (key == null) {
            key = Jdbc.inTransaction(dataSource, c -> secrets.linkKey(c, false)).map(this::unsealLegacy);
            legacyKey = key;
        }
        return key;
    }

    /** Stored sealed (the text of a sealed value) since secrets are encrypted; raw bytes before. */
    private byte[] unsealLegacy(byte[] stored) {
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        return text.startsWith(SecretBox.PREFIX)
                ? Base64.getDecoder().decode(box.open(text, "signing-key:email-links"))
                : stored;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
