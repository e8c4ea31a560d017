package org.advocacyalerts.dispatcher.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.delivery.DeliveryWorker;
import org.advocacyalerts.dispatcher.delivery.WebhookPayloads;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.StatementStore;
import org.advocacyalerts.dispatcher.store.Subscription;
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
            org.advocacyalerts.dispatcher.config.DispatcherConfig config,
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
    public void keep(Statement statement) {
        Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, c -> {
            statements.insertIfAbsent(c, statement, now);
            return null;
        });
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
    private static final int CHUNK = 2_000;

    private int plan(Statement statement, int revision) {
        TopicRegistry.Matches matches = topics.match(statement);
        Map<String, TopicMatch> byTopic = new LinkedHashMap<>();
        matches.topics().forEach(m -> byTopic.put(m.topic(), m));
        Instant now = clock.instant();
        List<Subscription> candidates = Jdbc.inTransaction(dataSource, c -> {
            if (revision == 0) {
                statements.insertIfAbsent(c, statement, now);
            } else {
                statements.revise(c, statement, now); // backtests and dry runs see the latest text
            }
            return matches.isEmpty()
                    ? List.<Subscription>of()
                    : subscriptions.candidates(
                            c,
                            byTopic.keySet(),
                            matches.subscriptionQueries().keySet(),
                            statement.sourceId(),
                            statement.language());
        });
        int created = 0;
        // One body per text, alert revision and set of matched topics, stored by the first chunk needing it.
        java.util.Set<UUID> bodiesStored = new java.util.HashSet<>();
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            List<Subscription> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHUNK));
            Map<UUID, byte[]> bodies = new LinkedHashMap<>(); // new in this chunk
            int added = Jdbc.inTransaction(dataSource, c -> {
                bodies.clear(); // (a retried transaction starts again)
                List<AlertStore.NewAlert> planned = new ArrayList<>();
                for (Subscription subscription : chunk) {
                    List<String> matchedTopics = subscription.topics().stream()
                            .filter(byTopic::containsKey)
                            .toList();
                    List<TopicMatch> evidence = new ArrayList<>(
                            matchedTopics.stream().map(byTopic::get).toList());
                    List<Evidence> ownQuery = matches.subscriptionQueries().get(subscription.id());
                    if (ownQuery != null) {
                        evidence.add(new TopicMatch(OWN_QUERY, ownQuery));
                    }
                    if (evidence.isEmpty()) {
                        continue;
                    }
                    int alertRevision =
                            revision > 0 && alerts.alertedBefore(c, statement.id(), subscription.id(), revision)
                                    ? revision
                                    : 0;
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
                        planned.add(new AlertStore.NewAlert(
                                alert, alertRevision, revision, payload, null, subscription.digest()));
                        continue;
                    }
                    UUID bodyId = UUID.nameUUIDFromBytes(("alert-body:" + statement.id() + ":" + revision + ":"
                                    + alertRevision + ":" + String.join(",", matchedTopics))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    if (!bodiesStored.contains(bodyId)) {
                        bodies.computeIfAbsent(
                                bodyId,
                                id -> WebhookPayloads.of(
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
                                        fullTextUrl));
                    }
                    planned.add(new AlertStore.NewAlert(
                            alert, alertRevision, revision, null, bodyId, subscription.digest()));
                }
                alerts.insertBodies(c, bodies);
                return alerts.insertAllIfAbsent(c, planned);
            });
            bodiesStored.addAll(bodies.keySet());
            if (added > 0) {
                delivery.wake(); // new alerts go out at once, not at the delivery worker's next poll
            }
            created += added;
        }
        return created;
    }
}
