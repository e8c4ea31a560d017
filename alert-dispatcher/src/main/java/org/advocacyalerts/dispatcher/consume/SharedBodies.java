package org.advocacyalerts.dispatcher.consume;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.advocacyalerts.dispatcher.delivery.WebhookPayloads;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.TopicMatch;

/**
 * The webhook bodies one plan of a statement shares among its alerts: one per text, alert revision and
 * set of matched topics, made once and stored by the first chunk that needs it; each alert's own
 * subscription id is put in when it is sent. Not thread-safe: one plan's.
 */
final class SharedBodies {

    /** A body, and where each alert's subscription id goes in it. */
    private record Body(byte[] bytes, int subscriptionIdAt) {
        Body(byte[] bytes) {
            this(bytes, WebhookPayloads.subscriptionIdAt(bytes));
        }
    }

    private final String fullTextUrl;
    private final Map<UUID, Body> made = new HashMap<>();
    /** Bodies a committed chunk stored (by this plan or an earlier one of the statement). */
    private final Set<UUID> stored = new HashSet<>();
    /**
     * Bodies this plan stored: alerts handed off are sent with these very bytes. A body stored by an
     * earlier plan of the statement (one cut short) differs in its timestamp: alerts using it are stored
     * unclaimed, so that every attempt sends what is stored.
     */
    private final Set<UUID> ours = new HashSet<>();
    /** Bodies the chunk being stored needs that no committed chunk stored. */
    private final Map<UUID, byte[]> pending = new LinkedHashMap<>();

    SharedBodies(String fullTextUrl) {
        this.fullTextUrl = fullTextUrl;
    }

    /** The id of the body for these topics and their evidence, made (and put aside to store) if new. */
    UUID bodyFor(PlanContext plan, int alertRevision, List<String> matchedTopics, List<TopicMatch> evidence) {
        UUID bodyId = UUID.nameUUIDFromBytes(("alert-body:" + plan.statement().id() + ":" + plan.revision() + ":"
                        + alertRevision + ":" + String.join(",", matchedTopics))
                .getBytes(StandardCharsets.UTF_8));
        Body body = made.computeIfAbsent(
                bodyId,
                id -> new Body(WebhookPayloads.of(
                        new Alert(
                                id,
                                plan.statement().id(),
                                WebhookPayloads.SHARED,
                                matchedTopics,
                                evidence,
                                plan.statement(),
                                plan.now()),
                        alertRevision,
                        plan.now(),
                        fullTextUrl)));
        if (!stored.contains(bodyId)) {
            pending.put(bodyId, body.bytes());
        }
        return bodyId;
    }

    /** A chunk's transaction starts (again): nothing of it is pending yet. */
    void startChunk() {
        pending.clear();
    }

    /** The bodies the chunk must store. */
    Map<UUID, byte[]> toStore() {
        return pending;
    }

    /** The chunk committed; {@code inserted} are the bodies its transaction wrote (not there before). */
    void chunkStored(Set<UUID> inserted) {
        stored.addAll(pending.keySet());
        ours.addAll(inserted);
    }

    /** True if alerts using the body may be handed off: this plan stored it, now or in a committed chunk. */
    boolean isOurs(UUID bodyId, Set<UUID> insertedNow) {
        return ours.contains(bodyId) || insertedNow.contains(bodyId);
    }

    /** The bytes a subscription's alert with this body is sent. */
    byte[] forSubscription(UUID bodyId, UUID subscriptionId) {
        Body body = made.get(bodyId);
        return WebhookPayloads.forSubscription(body.bytes(), body.subscriptionIdAt(), subscriptionId);
    }
}
