package org.advocacyalerts.dispatcher.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.Subscription;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.WebhookEvent;
import org.advocacyalerts.support.Jdbc;

/**
 * Decides who is alerted about a statement: the active subscriptions that follow a topic it matches,
 * one alert each, stored in one transaction under the (statement, subscription) key.
 */
@ApplicationScoped
public class AlertPlanner {

    private final DataSource dataSource;
    private final TopicRegistry topics;
    private final SubscriptionStore subscriptions;
    private final AlertStore alerts;
    private final Clock clock;

    AlertPlanner(
            DataSource dataSource,
            TopicRegistry topics,
            SubscriptionStore subscriptions,
            AlertStore alerts,
            Clock clock) {
        this.dataSource = dataSource;
        this.topics = topics;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Stores the alerts for {@code statement}; returns how many are new (0 for a replayed record). */
    public int plan(Statement statement) {
        Set<String> matched = topics.match(statement);
        if (matched.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        return Jdbc.inTransaction(dataSource, c -> {
            int created = 0;
            for (Subscription subscription : subscriptions.following(c, matched)) {
                Alert alert = new Alert(
                        Alert.idFor(statement.id(), subscription.id()),
                        statement.id(),
                        subscription.id(),
                        subscription.topics(),
                        statement,
                        now);
                byte[] payload = CloudEventCodec.toJson(WebhookEvent.alertCreated(alert, now));
                if (alerts.insertIfAbsent(c, alert, payload)) {
                    created++;
                }
            }
            return created;
        });
    }
}
