package org.advocacyalerts.dispatcher.consume;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.delivery.DeliveryWorker;
import org.advocacyalerts.dispatcher.delivery.PendingAlert;
import org.advocacyalerts.dispatcher.delivery.WebhookPayloads;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.Candidate;
import org.advocacyalerts.dispatcher.store.StatementStore;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.advocacyalerts.model.TopicMatch;
import org.advocacyalerts.support.Jdbc;

/**
 * Decides who is alerted about a statement: the active subscriptions that follow a topic it matches,
 * one alert each with the evidence of their topics, stored under the (statement, subscription,
 * revision) key, so that planning a statement again adds only what is missing.
 */
@ApplicationScoped
public class AlertPlanner {

    private final DataSource dataSource;
    private final TopicRegistry topics;
    private final StatementStore statements;
    private final SubscriptionStore subscriptions;
    private final AlertStore alerts;
    private final Clock clock;
    private final String fullTextUrl;
    private final DeliveryWorker delivery;

    AlertPlanner(
            DataSource dataSource,
            TopicRegistry topics,
            StatementStore statements,
            SubscriptionStore subscriptions,
            AlertStore alerts,
            Clock clock,
            DispatcherConfig config,
            DeliveryWorker delivery) {
        this.dataSource = dataSource;
        this.topics = topics;
        this.statements = statements;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.clock = clock;
        this.fullTextUrl = config.webhook().fullTextUrl().orElse(null);
        this.delivery = delivery;
    }

    /** The pseudo-topic under which a subscription's own query reports its evidence. */
    static final String OWN_QUERY = "query";

    /** Stores a statement without alerting anyone (a backfilled one: history, not news). */
    public void keep(Statement statement, int revision) {
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, c -> statements.hold(c, statement, revision, now));
    }

    /** Stores the statement and its alerts; returns how many alerts are new (0 for a replayed record). */
    public int plan(Statement statement) {
        return plan(statement, 0);
    }

    /**
     * Stores the revised text and alerts again: a subscription alerted about the statement before gets
     * an {@code alert.revised} (with this revision's evidence), one the revision matches for the first
     * time an {@code alert.created}. Returns how many alerts are new.
     */
    public int planRevision(StatementRevised revised) {
        return plan(revised.statement(), revised.revision());
    }

    /**
     * Alerts stored per transaction. A statement followed by 100,000 subscriptions starts going out
     * after the first chunk rather than after all are stored; if this process dies in between, the
     * Kafka record (not yet acknowledged) is planned again and only the missing alerts are added.
     */
    public static final int CHUNK = 2_000;

    /**
     * How long storing a chunk waits for this replica's senders to make room for its alerts. Stored
     * claimed and handed to them, alerts go out without a claim round trip each; what finds no room
     * within this is stored unclaimed, for any replica to claim. (Storing keeps roughly to the senders'
     * pace: there is no point storing faster than they send, and a replica that has fallen behind holds
     * no more than two chunks.)
     */
    private static final Duration HAND_OFF_WAIT = Duration.ofSeconds(1);

    private int plan(Statement statement, int revision) {
        TopicRegistry.Matches matches = topics.match(statement);
        Map<String, TopicMatch> byTopic = new LinkedHashMap<>();
        matches.topics().forEach(m -> byTopic.put(m.topic(), m));
        Instant now = clock.instant();
        List<Candidate> candidates = Jdbc.inTransaction(dataSource, c -> {
            // Backtests and dry runs see the latest text; an event older than it (a published event or an
            // earlier revision arriving late) alerts nobody: its text is not the statement's any more.
            if (!statements.hold(c, statement, revision, now)) {
                Log.infof(
                        "statement %s: revision %d is older than the one held, nobody alerted",
                        statement.id(), revision);
                return List.<Candidate>of();
            }
            return matches.isEmpty()
                    ? List.<Candidate>of()
                    : subscriptions.candidates(
                            c,
                            byTopic.keySet(),
                            matches.subscriptionQueries().keySet(),
                            statement.sourceId(),
                            statement.language(),
                            statement.retrievedAt(),
                            now);
        });
        int created = 0;
        // One body per text, alert revision and set of matched topics, stored by the first chunk needing it.
        Map<UUID, SharedBody> sharedBodies = new HashMap<>();
        Set<UUID> bodiesStored = new HashSet<>();
        // Bodies this plan stored: alerts handed off are sent with these very bytes. A body stored by an
        // earlier plan of this statement (one cut short) differs in its timestamp: alerts using it are
        // stored unclaimed, so that every attempt sends what is stored.
        Set<UUID> bodiesOurs = new HashSet<>();
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            int reserved = delivery.reserveHandOff(chunk.size(), HAND_OFF_WAIT);
            Instant lease = delivery.handOffLease();
            Map<UUID, byte[]> bodies = new LinkedHashMap<>(); // new in this chunk
            Map<UUID, PendingAlert> claimed = new LinkedHashMap<>(); // stored claimed, handed off once committed
            List<PendingAlert> handOff = List.of();
            try {
                Set<UUID> newBodies = new HashSet<>();
                List<UUID> added = Jdbc.inTransaction(dataSource, c -> {
                    bodies.clear(); // (a retried transaction starts again)
                    claimed.clear();
                    List<AlertStore.NewAlert> planned = new ArrayList<>();
                    List<Candidate> of = new ArrayList<>();
                    for (Candidate subscription : chunk) {
                        AlertStore.NewAlert alert = alert(
                                c,
                                statement,
                                revision,
                                subscription,
                                byTopic,
                                matches,
                                now,
                                sharedBodies,
                                bodiesStored,
                                bodies);
                        if (alert != null) {
                            planned.add(alert);
                            of.add(subscription);
                        }
                    }
                    newBodies.clear();
                    newBodies.addAll(alerts.insertBodies(c, bodies));
                    for (int k = 0; k < planned.size() && claimed.size() < reserved; k++) {
                        AlertStore.NewAlert alert = planned.get(k);
                        if (alert.held()
                                || (alert.bodyId() != null
                                        && !bodiesOurs.contains(alert.bodyId())
                                        && !newBodies.contains(alert.bodyId()))) {
                            continue;
                        }
                        alert = alert.claimedUntil(lease);
                        planned.set(k, alert);
                        claimed.put(alert.alert().id(), pending(alert, of.get(k), sharedBodies));
                    }
                    return alerts.insertAllIfAbsent(c, planned);
                });
                bodiesStored.addAll(bodies.keySet());
                bodiesOurs.addAll(newBodies);
                handOff = added.stream()
                        .map(claimed::get)
                        .filter(Objects::nonNull)
                        .toList();
                if (added.size() > handOff.size()) {
                    delivery.wake(); // new alerts go out at once, not at the delivery worker's next poll
                }
                created += added.size();
            } finally {
                delivery.handOff(handOff, reserved); // (none if the transaction failed: its places come free)
            }
        }
        return created;
    }

    /** A webhook body shared by many alerts, and where each one's subscription id goes in it. */
    private record SharedBody(byte[] bytes, int subscriptionIdAt) {
        SharedBody(byte[] bytes) {
            this(bytes, WebhookPayloads.subscriptionIdAt(bytes));
        }
    }

    /** A stored-claimed alert as its sender takes it: its subscription's endpoint and secrets, its own body. */
    private static PendingAlert pending(
            AlertStore.NewAlert alert, Candidate subscription, Map<UUID, SharedBody> sharedBodies) {
        SharedBody shared = alert.payload() == null ? sharedBodies.get(alert.bodyId()) : null;
        return new PendingAlert(
                alert.alert().id(),
                subscription.id(),
                subscription.channel(),
                subscription.target(),
                subscription.secret(),
                subscription.previousSecret(),
                shared == null
                        ? alert.payload()
                        : WebhookPayloads.forSubscription(shared.bytes(), shared.subscriptionIdAt(), subscription.id()),
                shared == null ? null : alert.bodyId(),
                0,
                alert.lease(),
                subscription.since());
    }

    /**
     * The alert of one subscription, or null if the statement matched none of its topics nor its own
     * query. Shared bodies (one per set of matched topics) are made once per statement: new ones are
     * put in {@code bodies} to be stored, all in {@code sharedBodies}.
     */
    private AlertStore.NewAlert alert(
            Connection c,
            Statement statement,
            int revision,
            Candidate subscription,
            Map<String, TopicMatch> byTopic,
            TopicRegistry.Matches matches,
            Instant now,
            Map<UUID, SharedBody> sharedBodies,
            Set<UUID> bodiesStored,
            Map<UUID, byte[]> bodies)
            throws SQLException {
        List<String> matchedTopics =
                subscription.topics().stream().filter(byTopic::containsKey).toList();
        List<TopicMatch> evidence =
                new ArrayList<>(matchedTopics.stream().map(byTopic::get).toList());
        List<Evidence> ownQuery = matches.subscriptionQueries().get(subscription.id());
        if (ownQuery != null) {
            evidence.add(new TopicMatch(OWN_QUERY, ownQuery));
        }
        if (evidence.isEmpty()) {
            return null;
        }
        int alertRevision =
                revision > 0 && alerts.alertedBefore(c, statement.id(), subscription.id(), revision) ? revision : 0;
        Alert alert = new Alert(
                Alert.idFor(statement.id(), subscription.id(), alertRevision),
                statement.id(),
                subscription.id(),
                matchedTopics,
                evidence,
                statement,
                now);
        if (ownQuery != null) {
            // Its own query's evidence is its alone: a body of its own.
            byte[] payload = WebhookPayloads.of(alert, alertRevision, now, fullTextUrl);
            return new AlertStore.NewAlert(alert, alertRevision, revision, payload, null, subscription.digest(), null);
        }
        UUID bodyId = UUID.nameUUIDFromBytes(("alert-body:" + statement.id() + ":" + revision + ":" + alertRevision
                        + ":" + String.join(",", matchedTopics))
                .getBytes(StandardCharsets.UTF_8));
        SharedBody body = sharedBodies.computeIfAbsent(
                bodyId,
                id -> new SharedBody(WebhookPayloads.of(
                        new Alert(
                                alert.id(),
                                statement.id(),
                                WebhookPayloads.SHARED,
                                matchedTopics,
                                evidence,
                                statement,
                                now),
                        alertRevision,
                        now,
                        fullTextUrl)));
        if (!bodiesStored.contains(bodyId)) {
            bodies.put(bodyId, body.bytes());
        }
        return new AlertStore.NewAlert(alert, alertRevision, revision, null, bodyId, subscription.digest(), null);
    }
}
