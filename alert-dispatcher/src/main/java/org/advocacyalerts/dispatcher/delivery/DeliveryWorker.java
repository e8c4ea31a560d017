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
import java.util.ArrayList;
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
 * transaction or lock held, and its attempt recorded afterwards, together with the others that finished
 * meanwhile, in one transaction (the claim holds until then): a slow receiver holds one sender
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
    private final DatabaseClock databaseClock;
    private final DispatcherConfig.Delivery config;
    private final RetryPolicy retries;
    private final Map<String, AlertSender> senders;
    private final ExecutorService pool;
    /** Places for claimed alerts, sending or waiting for a sender. */
    private final Semaphore free;
    /** Free places worth a claim round. */
    private final int refill;
    /** An alert is sent only if its claim lasts this much longer (the request timeout and a margin). */
    private final Duration sendWindow;

    /** Alerts claimed per endpoint ({@link Endpoints}) and not yet sent; an endpoint with none has no entry. */
    private final Map<String, Integer> endpoints = new ConcurrentHashMap<>();

    private final Semaphore wakeups = new Semaphore(0);

    /**
     * Alerts the planner stored already claimed for this replica ({@link #handOff}), sent before any
     * claimed from the database: a fan-out's alerts go out without a claim round trip each.
     */
    private final java.util.concurrent.BlockingQueue<PendingAlert> handedOff =
            new java.util.concurrent.LinkedBlockingQueue<>();
    /** Places in {@link #handedOff}: two planner chunks, one being sent while the next is stored. */
    private final Semaphore handOffPlaces = new Semaphore(4_000);

    private final java.util.concurrent.BlockingQueue<AlertStore.Attempt> outcomes =
            new java.util.concurrent.LinkedBlockingQueue<>();
    /** The circuits of endpoints whose last attempt failed (a success removes its endpoint's). */
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    /**
     * The last round found too few free places, or left due alerts to endpoints with every slot
     * taken: a send that ends wakes the loop.
     */
    private volatile boolean waitingForSlots;

    DeliveryWorker(
            DataSource dataSource,
            AlertStore alerts,
            SubscriptionStore subscriptions,
            Clock clock,
            DatabaseClock databaseClock,
            DispatcherConfig config,
            Instance<AlertSender> senders) {
        this.dataSource = dataSource;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.databaseClock = databaseClock;
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
        // Claimed alerts waiting for a sender: as many as there are senders, claimed in rounds of half that.
        this.free = new Semaphore(2 * this.config.senders());
        this.refill = Math.max(1, this.config.senders() / 2);
        // A fresh claim lasts at least the request timeout + 5 s (checked above); an alert that waited
        // for a sender so long that less than the timeout + 2 s is left (the send, then its recording)
        // is not sent by this replica.
        this.sendWindow = config.webhook().requestTimeout().plusSeconds(2);
    }

    void start(@Observes StartupEvent event) {
        Thread loop = new Thread(this::loop, "delivery-loop");
        loop.setDaemon(true);
        loop.start();
        recorder.setDaemon(true);
        recorder.start();
    }

    private final Thread recorder = new Thread(this::recordLoop, "delivery-recorder");

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

    /**
     * Reserves places for up to {@code count} alerts to be stored claimed for this replica and then
     * {@link #handOff handed off}, waiting up to {@code wait} for the senders to make room for all;
     * returns how many places it got (the caller stores its other alerts unclaimed, for any replica).
     */
    public int reserveHandOff(int count, Duration wait) {
        if (pool.isShutdown()) {
            return 0;
        }
        try {
            if (handOffPlaces.tryAcquire(count, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return count;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int some = Math.min(count, handOffPlaces.availablePermits());
        return some > 0 && handOffPlaces.tryAcquire(some) ? some : 0;
    }

    /** The claim an alert stored for a hand-off gets: until this, by the database's clock. */
    public Instant handOffLease() {
        // as stored: PostgreSQL keeps microseconds, and recording compares the claim
        return databaseClock.instant().plus(config.lease()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * Takes alerts stored claimed for this replica (after their transaction committed) in place of
     * {@code reserved} places reserved by {@link #reserveHandOff}.
     */
    public void handOff(List<PendingAlert> stored, int reserved) {
        handOffPlaces.release(reserved - stored.size());
        handedOff.addAll(stored);
        if (!stored.isEmpty()) {
            wake();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        pool.shutdown();
        // Handed-off alerts not yet sent are given back, for another replica to claim now, not when their
        // claims run out.
        List<PendingAlert> queued = new ArrayList<>();
        handedOff.drainTo(queued);
        if (!queued.isEmpty()) {
            try {
                Jdbc.inTransaction(dataSource, c -> alerts.release(c, queued));
            } catch (RuntimeException e) {
                Log.warnf("%d alerts are sent when their claims run out: %s", queued.size(), e.getMessage());
            }
        }
        // Sends in flight finish and are recorded; whatever is cut off is sent again after its lease.
        pool.awaitTermination(5, TimeUnit.SECONDS);
        recorder.join(TimeUnit.SECONDS.toMillis(5));
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

    /**
     * Claims as many due alerts as there are free places (senders, and as many again waiting for one, so
     * that senders never wait for a claim) and hands them out; true if all were taken.
     */
    private boolean dispatchRound() {
        if (recordingBacklog) {
            return false; // attempts wait to be recorded: claim nothing until they are
        }
        int capacity = Math.min(free.availablePermits(), config.batch());
        if (capacity < Math.min(refill, config.batch())) {
            waitingForSlots = true;
            if (free.availablePermits() < refill) {
                return false;
            }
            capacity = Math.min(free.availablePermits(), config.batch());
        }
        Instant now = clock.instant(); // retries are due by this replica's clock,
        Instant claimNow = databaseClock.instant(); // claims (shared by replicas) by the database's
        List<String> busyTargets = new ArrayList<>();
        endpoints.forEach((target, used) -> {
            if (used >= config.perEndpoint()) {
                busyTargets.add(target);
            }
        });
        boolean slotsFull = !busyTargets.isEmpty();
        breakers.forEach((target, breaker) -> {
            if (breaker.isOpen(now)) {
                busyTargets.add(target); // its alerts stay due and keep their place in the retry schedule
            }
        });
        List<PendingAlert> claimed = new ArrayList<>(capacity);
        List<PendingAlert> unsent = new ArrayList<>();
        handedOff.drainTo(claimed, capacity);
        handOffPlaces.release(claimed.size());
        int claim = capacity - claimed.size();
        if (claim >= Math.min(refill, config.batch())) {
            claimed.addAll(Jdbc.inTransaction(
                    dataSource,
                    c -> alerts.claimDue(c, now, claimNow, claimNow.plus(config.lease()), claim, busyTargets)));
        }
        int slotsMissed = 0;
        java.util.Set<String> missedEndpoints = new java.util.HashSet<>();
        for (PendingAlert alert : claimed) {
            Breaker breaker = breakers.get(alert.endpoint());
            if (!claimNow.plus(sendWindow).isBefore(alert.lease()) || (breaker != null && breaker.isOpen(now))) {
                // A handed-off alert that waited too long, or whose endpoint failed meanwhile: its claim
                // is given back, and it is claimed again when due, here or by another replica.
                unsent.add(alert);
                continue;
            }
            if (!takeSlot(alert)) {
                unsent.add(alert); // its endpoint became busy: due again next round
                missedEndpoints.add(alert.endpoint());
                slotsMissed++;
                continue;
            }
            free.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    if (databaseClock.instant().plus(sendWindow).isBefore(alert.lease())) {
                        deliver(alert);
                    }
                    // else it waited so long that its claim could run out while it is sent, and another
                    // replica send it too: it is left to be claimed again.
                } finally {
                    giveSlot(alert);
                    free.release();
                    if (waitingForSlots && free.availablePermits() >= refill) {
                        waitingForSlots = false;
                        wake();
                    }
                }
            });
        }
        if (!unsent.isEmpty()) {
            Jdbc.inTransaction(dataSource, c -> alerts.release(c, unsent));
        }
        if (slotsMissed > 0 || (slotsFull && claimed.size() < capacity)) {
            // Alerts wait for endpoints with every slot taken: look again when a send ends.
            waitingForSlots = true;
            // A send that ended before the flag was up woke nobody (fast receivers answer within the
            // round): an endpoint missed above that has a slot again is looked at now, not at the next
            // poll. (Lost, this wake-up cost the alerts behind a busy endpoint up to a poll interval: the
            // fault suite's healthy p99 of 1.1 s, and 2 s beside a hanging receiver, where p50 was 76 ms.)
            for (String endpoint : missedEndpoints) {
                if (endpoints.getOrDefault(endpoint, 0) < config.perEndpoint()) {
                    wake();
                    break;
                }
            }
        }
        return slotsMissed == 0 && claimed.size() == capacity;
    }

    /** One more claimed alert for its endpoint, unless it has {@code perEndpoint} already. */
    private boolean takeSlot(PendingAlert alert) {
        boolean[] taken = {false};
        endpoints.compute(alert.endpoint(), (target, used) -> {
            int now = used == null ? 0 : used;
            if (now >= config.perEndpoint()) {
                return used;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void giveSlot(PendingAlert alert) {
        endpoints.computeIfPresent(alert.endpoint(), (target, used) -> used == 1 ? null : used - 1);
    }

    /**
     * One attempt, handed to the recorder; a sender's own bug is recorded as a failed attempt. Once it
     * returns, its sender and endpoint slot are free: the alert stays claimed until it is recorded.
     */
    void deliver(PendingAlert alert) {
        DeliveryResult result = send(alert);
        Instant at = clock.instant();
        Optional<Instant> retryAt = result.delivered() || result.abort() || result.gone()
                ? Optional.empty()
                : retries.next(alert.attempts() + 1, at, Optional.ofNullable(result.retryAfter()));
        if (result.delivered()) {
            breakers.remove(alert.endpoint()); // one success closes the circuit
        } else if (!result.abort() && !result.gone()) {
            // (an abort or a 410 is the receiver's answer about one message or its end, not a fault)
            Breaker breaker = breakers.computeIfAbsent(alert.endpoint(), t -> new Breaker());
            if (breaker.failed(at)) {
                Log.warnf(
                        "endpoint %s failed %d times in a row: its alerts wait until %s",
                        alert.endpoint(), config.breakerFailures(), breaker.openUntil);
            }
        }
        outcomes.add(new AlertStore.Attempt(alert, result, at, retryAt));
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
     * Records finished attempts, as many as have piled up in one transaction (one commit for hundreds of
     * webhooks under load, at once when idle), until shutdown and the last outcome is recorded.
     */
    private void recordLoop() {
        List<AlertStore.Attempt> batch = new ArrayList<>();
        Duration backoff = RECORD_FIRST_BACKOFF;
        while (!(pool.isTerminated() && outcomes.isEmpty() && unrecorded.isEmpty())) {
            try {
                if (!unrecorded.isEmpty()) {
                    // The database was away: these wait, in order, before anything newer.
                    batch.addAll(unrecorded);
                    unrecorded.clear();
                } else {
                    AlertStore.Attempt first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                outcomes.drainTo(batch, RECORD_BATCH - batch.size());
                if (record(batch)) {
                    backoff = RECORD_FIRST_BACKOFF;
                    if (recordingBacklog) {
                        recordingBacklog = false;
                        Log.infof("delivery attempts recorded again; claiming resumes");
                        wake();
                    }
                } else {
                    unrecorded.addAll(batch);
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(RECORD_MAX_BACKOFF) > 0
                            ? RECORD_MAX_BACKOFF
                            : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private static final int RECORD_BATCH = 500;

    private static final Duration RECORD_FIRST_BACKOFF = Duration.ofMillis(200);

    /** The longest wait between two tries to record while the database is away. */
    private static final Duration RECORD_MAX_BACKOFF = Duration.ofSeconds(2);

    /**
     * Attempts made (a webhook sent, maybe answered 2xx) that the database could not take yet: kept and
     * recorded when it answers again, not dropped, or every one of them would be sent a second time when
     * its claim ran out. Recorder thread only.
     */
    private final List<AlertStore.Attempt> unrecorded = new ArrayList<>();

    /**
     * Attempts wait for the database: no new claims meanwhile, as one could take back an alert this
     * replica sent but has not recorded (its claim may run out during a long outage) and send it again.
     */
    private volatile boolean recordingBacklog;

    /**
     * One transaction for the batch; if it fails for want of the database, false (the caller keeps the
     * batch and tries again); if it fails otherwise, each attempt on its own, so one bad row spoils none
     * else.
     */
    private boolean record(List<AlertStore.Attempt> batch) {
        try {
            Jdbc.inTransaction(dataSource, c -> recordIn(c, batch));
            return true;
        } catch (RuntimeException batchFailed) {
            if (Jdbc.isDatabaseFailure(batchFailed)) {
                if (!recordingBacklog) {
                    recordingBacklog = true;
                    Log.warnf(
                            "%d delivery attempt(s) wait for the database to be recorded (no claims meanwhile): %s",
                            batch.size(), batchFailed.getMessage());
                }
                return false;
            }
            for (AlertStore.Attempt attempt : batch) {
                try {
                    Jdbc.inTransaction(dataSource, c -> recordIn(c, List.of(attempt)));
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

    private Void recordIn(java.sql.Connection c, List<AlertStore.Attempt> batch) throws java.sql.SQLException {
        AlertStore.Recorded[] outcome = alerts.recordAttempts(c, batch);
        java.util.Set<java.util.UUID> succeeded = new java.util.HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            AlertStore.Attempt attempt = batch.get(i);
            PendingAlert alert = attempt.alert();
            DeliveryResult result = attempt.result();
            if (outcome[i] == AlertStore.Recorded.TAKEN_OVER) {
                Log.warnf("alert %s was taken over by another worker while being sent", alert.id());
            } else if (outcome[i] == AlertStore.Recorded.DELETED) {
                Log.debugf("alert %s was deleted with its subscription while being sent", alert.id());
            } else if (result.delivered()) {
                succeeded.add(alert.subscriptionId());
            } else if (result.gone()) {
                subscriptions.disable(c, alert.subscriptionId(), "the receiver answered 410 Gone at " + attempt.at());
            } else if (alert.subscriptionSince().plus(config.disableAfter()).isBefore(attempt.at())) {
                subscriptions.disable(
                        c,
                        alert.subscriptionId(),
                        "no successful delivery since " + alert.subscriptionSince() + " (last: " + result.error()
                                + ")");
            }
        }
        if (!succeeded.isEmpty()) {
            subscriptions.succeeded(c, succeeded, batch.get(0).at());
        }
        return null;
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
