package org.advocacyalerts.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One alert: a statement that matched the topics of one subscription. There is at most one alert per
 * (statement, subscription): its id is derived from both, so every replica, retry or replayed Kafka
 * record computes the same id and a unique key turns a second insert into a no-op.
 */
public record Alert(
        UUID id,
        UUID statementId,
        UUID subscriptionId,
        List<String> topics,
        List<TopicMatch> matches,
        Statement statement,
        Instant createdAt) {

    public Alert {
        topics = List.copyOf(topics);
        matches = List.copyOf(matches);
    }

    /** The deterministic alert id: a name-based (version 5 layout, SHA-256) UUID of both ids. */
    public static UUID idFor(UUID statementId, UUID subscriptionId) {
        return idFor(statementId, subscriptionId, 0);
    }

    /**
     * The id of the alert about revision {@code revision} of a statement (0: its first text, the same id
     * as {@link #idFor(UUID, UUID)}).
     */
    public static UUID idFor(UUID statementId, UUID subscriptionId, int revision) {
        MessageDigest sha = Sha256.digest();
        sha.update("advocacy-alerts/alert/".getBytes(StandardCharsets.US_ASCII));
        if (revision > 0) {
            sha.update(("revision/" + revision + "/").getBytes(StandardCharsets.US_ASCII));
        }
        sha.update(ByteBuffer.allocate(32)
                .putLong(statementId.getMostSignificantBits())
                .putLong(statementId.getLeastSignificantBits())
                .putLong(subscriptionId.getMostSignificantBits())
                .putLong(subscriptionId.getLeastSignificantBits())
                .array());
        byte[] hash = sha.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5 layout
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
