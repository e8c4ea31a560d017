package org.advocacyalerts.dispatcher.delivery;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.consume.AlertPlanner;
import org.advocacyalerts.dispatcher.metrics.DispatcherMetrics;
import org.advocacyalerts.dispatcher.store.AlertStore;
import org.advocacyalerts.model.TraceContext;
import org.advocacyalerts.support.Jdbc;

/**
 * Sends due alerts: claims them, hands each to a sender thread, and passes the attempt to the {@link
 * AttemptRecorder}. Each is claimed in a short transaction (a lease in its row) and sent with no
 * transaction or lock held; the claim holds until its attempt is recorded. A slow receiver holds one
 * sender thread, never a database connection, and at most {@code perEndpoint} of them ({@link
 * EndpointSlots}); an endpoint that keeps failing is left alone for a while ({@link CircuitBreakers}).
 * If this process dies, its claims run out and another worker sends those alerts again with the same
 * {@code webhook-id}, which receivers use to dedupe.
 *
 * <p>After a failed attempt the alert is due again per the {@link RetryPolicy}; after the last one it
 * is {@code failed} (a dead letter, listed and replayed through {@code /api/deliveries}).
 */
@ApplicationScoped
public class DeliveryWorker {

    private final DataSource dataSource;
    private final AlertStore alerts;
    private final Clock clock;
    private final DatabaseClock databaseClock;
    private final DispatcherConfig.Delivery config;
    private final RetryPolicy retries;
    private final Map<String, AlertSender> senders;
    private final CircuitBreakers breakers;
    private final AttemptRecorder recorder;
    private final DispatcherMetrics metrics;
    private final Tracer tracer;
    private final ExecutorService pool;
    private final EndpointSlots slots;
    private final HandOffQueue handedOff = new HandOffQueue(AlertPlanner.CHUNK);
    private final Semaphore wakeups = new Semaphore(0);
    /** Places for claimed alerts, sending or waiting for a sender. */
    private final Semaphore free;
    /** Free places worth a claim round. */
    private final int refill;
    /** An alert is sent only if its claim lasts this much longer (the request timeout and a margin). */
    private final Duration sendWindow;
    /**
     * The last round found too few free places, or left due alerts to endpoints with every slot
     * taken: a send that ends wakes the loop.
     */
    private volatile boolean waitingForSlots;

    DeliveryWorker(
            DataSource dataSource,
            AlertStore alerts,
            Clock clock,
            DatabaseClock databaseClock,
            DispatcherConfig config,
            Instance<AlertSender> senders,
            CircuitBreakers breakers,
            AttemptRecorder recorder,
            DispatcherMetrics metrics,
            Tracer tracer) {
        this.dataSource = dataSource;
        this.tracer = tracer;
        this.metrics = metrics;
        this.alerts = alerts;
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
                this.config.schedule(), this.config.jitter(), this.config.maxRetryAfter(), new Random());
        this.senders = senders.stream().collect(Collectors.toMap(AlertSender::channel, Function.identity()));
        this.breakers = breakers;
        this.recorder = recorder;
        this.pool = Executors.newFixedThreadPool(this.config.senders(), runnable -> {
            Thread thread = new Thread(runnable, "alert-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new EndpointSlots(this.config.perEndpoint());
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
        recorder.start(pool::isTerminated, this::wake);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        pool.shutdown();
        // Handed-off alerts not yet sent are given back, for another replica to claim now, not when their
        // claims run out.
        List<PendingAlert> queued = new ArrayList<>();
        handedOff.drainTo(queued, Integer.MAX_VALUE);
        if (!queued.isEmpty()) {
            try {
                Jdbc.inTransaction(dataSource, c -> alerts.release(c, queued));
            } catch (RuntimeException e) {
                Log.warnf("%d alerts are sent when their claims run out: %s", queued.size(), e.getMessage());
            }
        }
        // Sends in flight finish and are recorded; whatever is cut off is sent again after its lease.
        pool.awaitTermination(5, TimeUnit.SECONDS);
        recorder.join(Duration.ofSeconds(5));
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
            return handedOff.reserve(count, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The claim an alert stored for a hand-off gets: until this, by the database's clock. */
    public Instant handOffLease() {
        // as stored: PostgreSQL keeps microseconds, and recording compares the claim
        return databaseClock.instant().plus(config.lease()).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Takes alerts stored claimed for this replica (after their transaction committed) in place of
     * {@code reserved} places reserved by {@link #reserveHandOff}.
     */
    public void handOff(List<PendingAlert> stored, int reserved) {
        handedOff.add(stored, reserved);
        if (!stored.isEmpty()) {
            wake();
        }
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
        if (recorder.waiting()) {
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
        List<String> busy = slots.full();
        List<String> skipped = new ArrayList<>(busy);
        skipped.addAll(breakers.refusing());
        List<PendingAlert> claimed = new ArrayList<>(capacity);
        handedOff.drainTo(claimed, capacity);
        int claim = capacity - claimed.size();
        if (claim >= Math.min(refill, config.batch())) {
            claimed.addAll(Jdbc.inTransaction(
                    dataSource, c -> alerts.claimDue(c, now, claimNow, claimNow.plus(config.lease()), claim, skipped)));
        }
        List<PendingAlert> unsent = new ArrayList<>();
        Set<String> missedEndpoints = new HashSet<>();
        for (PendingAlert alert : claimed) {
            if (!claimNow.plus(sendWindow).isBefore(alert.lease())) {
                unsent.add(alert); // a handed-off alert that waited too long: claimed again when due
            } else if (!breakers.tryAcquire(alert.endpoint())) {
                unsent.add(alert); // its endpoint failed meanwhile: it keeps its place in the retry schedule
            } else if (!slots.take(alert.endpoint())) {
                breakers.release(alert.endpoint());
                unsent.add(alert); // its endpoint became busy: due again next round
                missedEndpoints.add(alert.endpoint());
            } else {
                free.acquireUninterruptibly();
                pool.execute(() -> sendClaimed(alert));
            }
        }
        if (!unsent.isEmpty()) {
            Jdbc.inTransaction(dataSource, c -> alerts.release(c, unsent));
        }
        if (!missedEndpoints.isEmpty() || (!busy.isEmpty() && claimed.size() < capacity)) {
            missedEndpoints.addAll(busy); // their due alerts, if any, were left in the database
            waitAgainForSlots(missedEndpoints);
        }
        return missedEndpoints.isEmpty() && claimed.size() == capacity;
    }

    /**
     * Alerts may wait for endpoints with every slot taken (busy when the round began, or met busy): the
     * loop looks again when a send ends. A send that ended before the flag was up woke nobody (fast
     * receivers answer within the round, even within its claim): an endpoint that has a slot again is
     * looked at now, not at the next poll. (Lost, this wake-up cost the alerts behind a busy endpoint up
     * to a poll interval: DeliveryWakeUpTest.)
     */
    private void waitAgainForSlots(Set<String> missedEndpoints) {
        waitingForSlots = true;
        for (String endpoint : missedEndpoints) {
            if (slots.hasRoom(endpoint)) {
                wake();
                return;
            }
        }
    }

    /** On a sender thread: sends a claimed alert unless its claim could run out meanwhile. */
    private void sendClaimed(PendingAlert alert) {
        try {
            if (databaseClock.instant().plus(sendWindow).isBefore(alert.lease())) {
                deliver(alert);
            } else {
                // It waited so long that its claim could run out while it is sent, and another replica
                // send it too: it is left to be claimed again.
                breakers.release(alert.endpoint());
            }
        } finally {
            slots.give(alert.endpoint());
            free.release();
            if (waitingForSlots && free.availablePermits() >= refill) {
                waitingForSlots = false;
                wake();
            }
        }
    }

    /**
     * One attempt, handed to the recorder; a sender's own bug is recorded as a failed attempt. Once it
     * returns, its sender and endpoint slot are free: the alert stays claimed until it is recorded.
     */
    private void deliver(PendingAlert alert) {
        long started = System.nanoTime();
        DeliveryResult result = send(alert);
        Instant at = clock.instant();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        breakers.record(alert.endpoint(), result, took);
        Optional<Instant> retryAt = result.delivered() || result.abort() || result.gone()
                ? Optional.empty()
                : retries.next(alert.attempts() + 1, at, Optional.ofNullable(result.retryAfter()));
        recorder.add(new AlertStore.Attempt(alert, result, at, retryAt));
        metrics.attempted(
                alert.channel(),
                result.delivered()
                        ? DispatcherMetrics.Outcome.DELIVERED
                        : retryAt.isPresent() ? DispatcherMetrics.Outcome.RETRY : DispatcherMetrics.Outcome.FAILED,
                took);
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

    /** The attempt, in a span of the trace that planned the alert's statement. */
    private DeliveryResult send(PendingAlert alert) {
        AlertSender sender = senders.get(alert.channel());
        if (sender == null) {
            return new DeliveryResult(false, null, 0, "no sender for channel " + alert.channel(), null);
        }
        Span span = tracer.spanBuilder(sender.spanName())
                .setParent(TraceContext.parent(alert.traceparent()))
                .setSpanKind(SpanKind.CLIENT)
                .startSpan();
        if (span.isRecording()) { // (tracing off: nothing to describe, not even a parsed URL)
            sender.describe(span, alert);
            span.setAttribute("advocacy.alert.id", alert.id().toString())
                    .setAttribute(
                            "advocacy.subscription.id", alert.subscriptionId().toString())
                    .setAttribute("advocacy.delivery.attempt", alert.attempts() + 1);
        }
        DeliveryResult result;
        try (Scope scope = span.makeCurrent()) {
            result = sender.send(alert);
        } catch (RuntimeException e) {
            Log.errorf(e, "sender %s failed on alert %s", alert.channel(), alert.id());
            span.recordException(e);
            result = new DeliveryResult(false, null, 0, "internal error: " + e, null);
        }
        if (result.statusCode() != null) {
            span.setAttribute("http.response.status_code", result.statusCode());
        }
        if (!result.delivered()) {
            span.setStatus(StatusCode.ERROR, result.error());
        }
        span.end();
        return result;
    }
}
