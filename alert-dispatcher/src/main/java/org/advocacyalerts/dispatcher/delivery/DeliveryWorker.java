package org.advocacyalerts.dispatcher.delivery;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Sends pending alerts, one per transaction: the alert row stays locked while it is sent and its
 * attempt is committed with the new state. If the process dies mid-send, the lock goes with it and
 * the alert is sent again later with the same {@code webhook-id}, which receivers use to dedupe.
 */
@ApplicationScoped
public class DeliveryWorker {

    private final DataSource dataSource;
    private final AlertStore alerts;
    private final Clock clock;
    private final Map<String, AlertSender> senders;

    DeliveryWorker(DataSource dataSource, AlertStore alerts, Clock clock, Instance<AlertSender> senders) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.clock = clock;
        this.senders = senders.stream().collect(Collectors.toMap(AlertSender::channel, Function.identity()));
    }

    @Scheduled(every = "${dispatcher.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverPending() {
        try {
            while (deliverOne()) {
                // next
            }
        } catch (RuntimeException e) {
            Log.errorf("delivery worker: %s (pending alerts wait for the next round)", e.getMessage());
        }
    }

    /** One attempt; a sender's own bug is recorded as a failed attempt rather than blocking the queue. */
    private DeliveryResult send(PendingAlert alert) {
        AlertSender sender = senders.get(alert.channel());
        if (sender == null) {
            return new DeliveryResult(false, null, 0, "no sender for channel " + alert.channel(), null);
        }
        try {
            return sender.send(alert);
        } catch (RuntimeException e) {
            Log.errorf(e, "sender %s failed on alert %s", alert.channel(), alert.id());
            return new DeliveryResult(false, null, 0, "internal error: " + e, null);
        }
    }

    /** Sends the oldest pending alert; returns false when there was none. */
    boolean deliverOne() {
        return Jdbc.inTransaction(dataSource, c -> {
            Optional<PendingAlert> next = alerts.lockNextPending(c);
            if (next.isEmpty()) {
                return false;
            }
            PendingAlert alert = next.get();
            DeliveryResult result = send(alert);
            alerts.recordAttempt(c, alert, result, clock.instant());
            if (!result.delivered()) {
                Log.warnf("alert %s to subscription %s failed: %s", alert.id(), alert.subscriptionId(), result.error());
            }
            return true;
        });
    }
}
