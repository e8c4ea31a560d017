package org.advocacyalerts.dispatcher.delivery;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.dispatcher.store.SubscriptionStore;
import org.advocacyalerts.support.Jdbc;

/**
 * Sends due alerts. Each is claimed in a short transaction (a lease in its row), sent with no
 * transaction or lock held, and its attempt recorded in another: a slow receiver holds one sender
 * thread, never a database connection. Each endpoint gets at most {@code perEndpoint} senders, so a
 * receiver that hangs or fails forever delays only its own alerts. If this process dies, its claims
 * run out and another worker sends those alerts again with the same {@code webhook-id}, which
 * receivers use to dedupe.
 *
 * <p>After a failed attempt the alert is due again per the {@link RetryPolicy}; after the last one it
 * is {@code failed} (a dead letter, listed and replayed through {@code /api/deliveries}). A 410 Gone
 * disables the subscription; so do 5 days of failures without a single success.
 */
@ApplicationScoped
public class DeliveryWorker {

    private final DataSource dataSource;
    private final AlertStore alerts;
    private final SubscriptionStore subscriptions;
    private final Clock clock;
    private final DispatcherConfig.Delivery config;
    private final RetryPolicy retries;
    private final Map<String, AlertSender> senders;
    private final ExecutorService pool;
    private final Semaphore free;
    private final Map<String, Semaphore> endpoints = new ConcurrentHashMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    /** The last round found every sender busy. */
    private volatile boolean starved;

    DeliveryWorker(
            DataSource dataSource,
            AlertStore alerts,
            SubscriptionStore subscriptions,
            Clock clock,
            DispatcherConfig config,
            Instance<AlertSender> senders) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.config = config.delivery();
        if (this.config.lease().compareTo(config.webhook().requestTimeout().plusSeconds(5)) < 0) {
            // A claim that runs out while its webhook is still being sent lets another worker send it too.
            throw new IllegalStateException("dispatcher.delivery.lease (" + this.config.lease()
                    + ") must exceed dispatcher.webhook.request-timeout ("
                    + config.webhook().requestTimeout()
                    + ") by at least 5 s");
        }
        this.retries = new RetryPolicy(
                this.config.schedule(), this.config.jitter(), this.config.maxRetryAfter(), new java.util.Random());
        this.senders = senders.stream().collect(Collectors.toMap(AlertSender::channel, Function.identity()));
        this.pool = Executors.newFixedThreadPool(this.config.senders(), runnable -> {
            Thread thread = new Thread(runnable, "alert-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.free = new Semaphore(this.config.senders());
    }

    void start(@Observes StartupEvent event) {
        Thread loop = new Thread(this::loop, "delivery-loop");
        loop.setDaemon(true);
        loop.start();
    }

    /** Sends what is due, then waits for the poll interval or a {@link #wake}, until shutdown. */
    private void loop() {
        while (!pool.isShutdown()) {
            deliverDue();
            try {
                wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** New alerts are due (or senders came free while alerts waited): look now, not at the next poll. */
    public void wake() {
        wakeups.release();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        pool.shutdown();
        // Sends in flight finish and are recorded; whatever is cut off is sent again after its lease.
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    void deliverDue() {
        try {
            while (dispatchRound()) {
                // more may be due
            }
        } catch (RuntimeException e) {
            Log.errorf("delivery worker: %s (due alerts wait for the next round)", e.getMessage());
        }
    }

    /** Claims as many due alerts as there are free senders and hands them out; true if all were taken. */
    private boolean dispatchRound() {
        int capacity = Math.min(free.availablePermits(), config.batch());
        if (capacity == 0) {
            starved = true; // a sender that comes free wakes the loop
            return false;
        }
        Instant now = clock.instant();
        List<String> busy = new java.util.ArrayList<>();
        endpoints.forEach((target, slots) -> {
            if (slots.availablePermits() == 0) {
                busy.add(target);
            }
        });
        breakers.forEach((target, breaker) -> {
            if (breaker.isOpen(now)) {
                busy.add(target); // its alerts stay due and keep their place in the retry schedule
            }
        });
        List<PendingAlert> claimed =
                Jdbc.inTransaction(dataSource, c -> alerts.claimDue(c, now, now.plus(config.lease()), capacity, busy));
        int started = 0;
        for (PendingAlert alert : claimed) {
            Semaphore endpoint = endpoints.computeIfAbsent(alert.target(), t -> new Semaphore(config.perEndpoint()));
            if (!endpoint.tryAcquire()) {
                Jdbc.inTransaction(dataSource, c -> {
                    alerts.release(c, alert); // its endpoint is busy: due again next round
                    return null;
                });
                continue;
            }
            free.acquireUninterruptibly();
            started++;
            pool.execute(() -> {
                try {
                    deliver(alert);
                } catch (RuntimeException e) {
                    Log.errorf(
                            e,
                            "alert %s: could not record its attempt (it is sent again when its claim runs out)",
                            alert.id());
                } finally {
                    endpoint.release();
                    free.release();
                    if (starved) {
                        starved = false;
                        wake();
                    }
                }
            });
        }
        return started == claimed.size() && claimed.size() == capacity;
    }

    /** One attempt, recorded; a sender's own bug is recorded as a failed attempt. */
    void deliver(PendingAlert alert) {
        DeliveryResult result = send(alert);
        Instant at = clock.instant();
        Optional<Instant> retryAt = result.delivered() || result.abort() || result.gone()
                ? Optional.empty()
                : retries.next(alert.attempts() + 1, at, Optional.ofNullable(result.retryAfter()));
        Breaker breaker = breakers.computeIfAbsent(alert.target(), t -> new Breaker());
        if (result.delivered()) {
            breaker.succeeded();
        } else if (!result.abort() && !result.gone() && breaker.failed(at)) {
            // (an abort or a 410 is the receiver's answer about one message or its end, not a fault)
            Log.warnf(
                    "endpoint %s failed %d times in a row: its alerts wait until %s",
                    alert.target(), config.breakerFailures(), breaker.openUntil);
        }
        Jdbc.inTransaction(dataSource, c -> {
            if (!alerts.recordAttempt(c, alert, result, at, retryAt)) {
                Log.warnf("alert %s was taken over by another worker while being sent", alert.id());
                return null;
            }
            if (result.delivered()) {
                subscriptions.succeeded(c, alert.subscriptionId(), at);
            } else if (result.gone()) {
                subscriptions.disable(c, alert.subscriptionId(), "the receiver answered 410 Gone at " + at);
            } else if (alert.subscriptionSince().plus(config.disableAfter()).isBefore(at)) {
                subscriptions.disable(
                        c,
                        alert.subscriptionId(),
                        "no successful delivery since " + alert.subscriptionSince() + " (last: " + result.error()
                                + ")");
            }
            return null;
        });
        if (!result.delivered()) {
            Log.warnf(
                    "alert %s to subscription %s, attempt %d: %s%s",
                    alert.id(),
                    alert.subscriptionId(),
                    alert.attempts() + 1,
                    result.error(),
                    retryAt.map(t -> "; next attempt at " + t).orElse("; no more attempts"));
        }
    }

    /**
     * One endpoint's circuit: after {@code breakerFailures} failures in a row it opens for a cool-down
     * (doubling while it keeps failing, up to 10 min); then sends are tried again, and one success
     * closes it. While open, none of the endpoint's alerts is claimed.
     */
    private final class Breaker {
        private int failures;
        private Duration cooldown = config.breakerCooldown();
        private volatile Instant openUntil = Instant.MIN;

        synchronized void succeeded() {
            failures = 0;
            cooldown = config.breakerCooldown();
            openUntil = Instant.MIN;
        }

        /** Counts a failure; true when it opened the circuit. */
        synchronized boolean failed(Instant at) {
            failures++;
            if (failures < config.breakerFailures() || isOpen(at)) {
                return false;
            }
            openUntil = at.plus(cooldown);
            cooldown = cooldown.multipliedBy(2).compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : cooldown.multipliedBy(2);
            return true;
        }

        boolean isOpen(Instant now) {
            return now.isBefore(openUntil);
        }
    }

    private static final Duration MAX_COOLDOWN = Duration.ofMinutes(10);

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
}
