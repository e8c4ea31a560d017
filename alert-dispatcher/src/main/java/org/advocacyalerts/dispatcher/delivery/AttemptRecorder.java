package org.advocacyalerts.dispatcher.delivery;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.AlertStore.Attempt;
import org.advocacyalerts.dispatcher.store.AlertStore.Recorded;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Records finished attempts on its own thread, as many as have piled up in one transaction (one commit
 * for hundreds of webhooks under load, at once when idle).
 *
 * <p>While the database is away, attempts are kept in order and recorded when it answers again, never
 * dropped: each was sent (maybe answered 2xx) and would be sent a second time when its claim ran out.
 * Meanwhile {@link #waiting()} is true and the worker claims nothing, as a claim could take back an
 * alert sent here but not yet recorded. A batch that fails for another reason (a bug, not the database)
 * is recorded attempt by attempt, so one bad attempt spoils none else.
 */
@ApplicationScoped
public class AttemptRecorder {

    /** Attempts per transaction, at most. */
    static final int BATCH = 500;

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    /** The longest wait between two tries while the database is away. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** Stores one batch in one transaction. */
    interface Writer {
        void write(List<Attempt> batch);
    }

    private final Writer writer;
    private final BlockingQueue<Attempt> outcomes = new LinkedBlockingQueue<>();
    /** Attempts the database could not take yet, oldest first. Recorder thread only. */
    private final List<Attempt> unrecorded = new ArrayList<>();

    private volatile boolean waiting;
    private Thread thread;

    @Inject
    AttemptRecorder(DataSource dataSource, AlertStore alerts, SubscriptionStore subscriptions, DisablePolicy disable) {
        this(batch -> Jdbc.inTransaction(dataSource, c -> store(c, batch, alerts, subscriptions, disable)));
    }

    AttemptRecorder(Writer writer) {
        this.writer = writer;
    }

    /**
     * Starts recording until {@code finished} says no attempt will come and all are recorded; {@code
     * resumed} runs when the database takes attempts again after an outage.
     */
    void start(BooleanSupplier finished, Runnable resumed) {
        thread = new Thread(() -> loop(finished, resumed), "delivery-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits up to {@code wait} for the last attempts to be recorded. */
    void join(Duration wait) throws InterruptedException {
        thread.join(wait.toMillis());
    }

    /** An attempt made, to be recorded. */
    void add(Attempt attempt) {
        outcomes.add(attempt);
    }

    /** True while attempts wait for the database: nothing may be claimed. */
    boolean waiting() {
        return waiting;
    }

    private void loop(BooleanSupplier finished, Runnable resumed) {
        List<Attempt> batch = new ArrayList<>();
        Duration backoff = FIRST_BACKOFF;
        while (!(finished.getAsBoolean() && outcomes.isEmpty() && unrecorded.isEmpty())) {
            try {
                if (!unrecorded.isEmpty()) {
                    batch.addAll(unrecorded); // they go first, in order, before anything newer
                    unrecorded.clear();
                } else {
                    Attempt first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                outcomes.drainTo(batch, BATCH - batch.size());
                if (record(batch)) {
                    backoff = FIRST_BACKOFF;
                    if (waiting) {
                        waiting = false;
                        Log.infof("delivery attempts recorded again; claiming resumes");
                        resumed.run();
                    }
                } else {
                    unrecorded.addAll(batch);
                    Thread.sleep(backoff.toMillis());
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** True when the batch is recorded (or each attempt tried on its own); false if the database is away. */
    private boolean record(List<Attempt> batch) {
        try {
            writer.write(batch);
            return true;
        } catch (RuntimeException batchFailed) {
            if (Jdbc.isDatabaseFailure(batchFailed)) {
                if (!waiting) {
                    waiting = true;
                    Log.warnf(
                            "%d delivery attempt(s) wait for the database to be recorded (no claims meanwhile): %s",
                            batch.size(), batchFailed.getMessage());
                }
                return false;
            }
            for (Attempt attempt : batch) {
                try {
                    writer.write(List.of(attempt));
                } catch (RuntimeException e) {
                    Log.errorf(
                            e,
                            "alert %s: could not record its attempt (it is sent again when its claim runs out)",
                            attempt.alert().id());
                }
            }
            return true;
        }
    }

    /** Stores the batch's attempts and what they mean for their subscriptions, in the caller's transaction. */
    private static Void store(
            Connection c,
            List<Attempt> batch,
            AlertStore alerts,
            SubscriptionStore subscriptions,
            DisablePolicy disable)
            throws SQLException {
        Recorded[] outcome = alerts.recordAttempts(c, batch);
        Set<UUID> succeeded = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Attempt attempt = batch.get(i);
            PendingAlert alert = attempt.alert();
            if (outcome[i] == Recorded.TAKEN_OVER) {
                Log.warnf("alert %s was taken over by another worker while being sent", alert.id());
            } else if (outcome[i] == Recorded.DELETED) {
                Log.debugf("alert %s was deleted with its subscription while being sent", alert.id());
            } else if (attempt.result().delivered()) {
                succeeded.add(alert.subscriptionId());
            } else {
                Optional<String> reason = disable.reasonToDisable(attempt);
                if (reason.isPresent()) {
                    subscriptions.disable(c, alert.subscriptionId(), reason.get());
                }
            }
        }
        if (!succeeded.isEmpty()) {
            subscriptions.succeeded(c, succeeded, batch.get(0).at());
        }
        return null;
    }
}
