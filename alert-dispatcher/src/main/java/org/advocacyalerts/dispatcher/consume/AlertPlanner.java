package org.advocacyalerts.dispatcher.consume;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.advocacyalerts.dispatcher.metrics.DispatcherMetrics;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.Candidate;
import org.advocacyalerts.dispatcher.store.ReceivedStatementStore;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.dispatcher.store.TopicMatchStore;
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
    private final ReceivedStatementStore statements;
    private final TopicMatchStore topicMatches;
    private final SubscriptionStore subscriptions;
    private final AlertStore alerts;
    private final Clock clock;
    private final String fullTextUrl;
    private final DeliveryWorker delivery;
    private final DispatcherMetrics metrics;

    AlertPlanner(
            DataSource dataSource,
            TopicRegistry topics,
            ReceivedStatementStore statements,
            TopicMatchStore topicMatches,
            SubscriptionStore subscriptions,
            AlertStore alerts,
            Clock clock,
            DispatcherConfig config,
            DeliveryWorker delivery,
            DispatcherMetrics metrics) {
        this.dataSource = dataSource;
        this.topics = topics;
        this.statements = statements;
        this.topicMatches = topicMatches;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.clock = clock;
        this.fullTextUrl = config.webhook().fullTextUrl().orElse(null);
        this.delivery = delivery;
        this.metrics = metrics;
    }

    /** The pseudo-topic under which a subscription's own query reports its evidence. */
    static final String OWN_QUERY = "query";

    /** Stores a statement without alerting anyone (a backfilled one: history, not news). */
    public void keep(Statement statement, int revision) {
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, c -> statements.hold(c, statement, revision, now, null)); // nothing is sent
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
        PlanContext plan = PlanContext.of(statement, revision, topics.match(statement), clock.instant());
        List<Candidate> candidates = Jdbc.inTransaction(dataSource, c -> candidates(c, plan));
        SharedBodies bodies = new SharedBodies(fullTextUrl);
        int created = 0;
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            created += storeChunk(plan, candidates.subList(from, Math.min(candidates.size(), from + CHUNK)), bodies);
        }
        metrics.alertsCreated(created);
        return created;
    }

    /**
     * Holds the statement's text and what it matched (topics' feeds) and finds the subscriptions that may
     * be alerted. Backtests and dry runs see the latest text; an event older than it (a published event or an earlier revision arriving
     * late) alerts nobody: its text is not the statement's any more.
     */
    private List<Candidate> candidates(Connection c, PlanContext plan) throws SQLException {
        Statement statement = plan.statement();
        if (!statements.hold(c, statement, plan.revision(), plan.now(), plan.traceparent())) {
            Log.infof(
                    "statement %s: revision %d is older than the one held, nobody alerted",
                    statement.id(), plan.revision());
            return List.of();
        }
        topicMatches.replace(c, statement.id(), plan.byTopic(), plan.now());
        return plan.matchedNothing()
                ? List.of()
                : subscriptions.candidates(
                        c,
                        plan.byTopic().keySet(),
                        plan.ownQueries().keySet(),
                        statement.sourceId(),
                        statement.language(),
                        statement.retrievedAt(),
                        plan.now());
    }

    /**
     * Stores one chunk's alerts in one transaction, as many as the senders have room for stored claimed
     * and handed to them once it commits; returns how many alerts are new.
     */
    private int storeChunk(PlanContext plan, List<Candidate> chunk, SharedBodies bodies) {
        int reserved = delivery.reserveHandOff(chunk.size(), HAND_OFF_WAIT);
        Instant lease = delivery.handOffLease();
        Map<UUID, PendingAlert> claimed = new LinkedHashMap<>(); // stored claimed, handed off once committed
        Set<UUID> inserted = new HashSet<>();
        List<PendingAlert> handOff = List.of();
        try {
            List<UUID> added = Jdbc.inTransaction(dataSource, c -> {
                bodies.startChunk(); // (a retried transaction starts again)
                claimed.clear();
                List<AlertStore.NewAlert> planned = new ArrayList<>();
                List<Candidate> of = new ArrayList<>();
                for (Candidate subscription : chunk) {
                    AlertStore.NewAlert alert = alert(c, plan, subscription, bodies);
                    if (alert != null) {
                        planned.add(alert);
                        of.add(subscription);
                    }
                }
                inserted.clear();
                inserted.addAll(alerts.insertBodies(c, bodies.toStore()));
                for (int k = 0; k < planned.size() && claimed.size() < reserved; k++) {
                    AlertStore.NewAlert alert = planned.get(k);
                    if (alert.held() || (alert.bodyId() != null && !bodies.isOurs(alert.bodyId(), inserted))) {
                        continue;
                    }
                    alert = alert.claimedUntil(lease);
                    planned.set(k, alert);
                    claimed.put(alert.alert().id(), pending(plan, alert, of.get(k), bodies));
                }
                return alerts.insertAllIfAbsent(c, planned);
            });
            bodies.chunkStored(inserted);
            handOff = added.stream().map(claimed::get).filter(Objects::nonNull).toList();
            if (added.size() > handOff.size()) {
                delivery.wake(); // new alerts go out at once, not at the delivery worker's next poll
            }
            return added.size();
        } finally {
            delivery.handOff(handOff, reserved); // (none if the transaction failed: its places come free)
        }
    }

    /** A stored-claimed alert as its sender takes it: its subscription's endpoint and secrets, its own body. */
    private static PendingAlert pending(
            PlanContext plan, AlertStore.NewAlert alert, Candidate subscription, SharedBodies bodies) {
        boolean shared = alert.payload() == null;
        return new PendingAlert(
                alert.alert().id(),
                subscription.id(),
                subscription.channel(),
                subscription.target(),
                subscription.secret(),
                subscription.previousSecret(),
                shared ? bodies.forSubscription(alert.bodyId(), subscription.id()) : alert.payload(),
                shared ? alert.bodyId() : null,
                0,
                alert.lease(),
                subscription.since(),
                plan.traceparent());
    }

    /**
     * The alert of one subscription, or null if the statement matched none of its topics nor its own
     * query. An alert carrying its own query's evidence has a body of its own; the others share theirs.
     */
    private AlertStore.NewAlert alert(Connection c, PlanContext plan, Candidate subscription, SharedBodies bodies)
            throws SQLException {
        Statement statement = plan.statement();
        List<String> matchedTopics = subscription.topics().stream()
                .filter(plan.byTopic()::containsKey)
                .toList();
        List<TopicMatch> evidence =
                new ArrayList<>(matchedTopics.stream().map(plan.byTopic()::get).toList());
        List<Evidence> ownQuery = plan.ownQueries().get(subscription.id());
        if (ownQuery != null) {
            evidence.add(new TopicMatch(OWN_QUERY, ownQuery));
        }
        if (evidence.isEmpty()) {
            return null;
        }
        int revision = plan.revision();
        int alertRevision =
                revision > 0 && alerts.alertedBefore(c, statement.id(), subscription.id(), revision) ? revision : 0;
        Alert alert = new Alert(
                Alert.idFor(statement.id(), subscription.id(), alertRevision),
                statement.id(),
                subscription.id(),
                matchedTopics,
                evidence,
                statement,
                plan.now());
        if (ownQuery != null) {
            byte[] payload = WebhookPayloads.of(alert, alertRevision, plan.now(), fullTextUrl);
            return new AlertStore.NewAlert(alert, alertRevision, revision, payload, null, subscription.digest(), null);
        }
        UUID bodyId = bodies.bodyFor(plan, alertRevision, matchedTopics, evidence);
        return new AlertStore.NewAlert(alert, alertRevision, revision, null, bodyId, subscription.digest(), null);
    }
}
