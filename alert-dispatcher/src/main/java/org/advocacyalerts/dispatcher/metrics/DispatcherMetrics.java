package org.advocacyalerts.dispatcher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters and timers of what the dispatcher did, named once here (docs/observability.md lists
 * them with the alert rules that read them). Tags take few values: a channel, an outcome.
 */
@ApplicationScoped
public class DispatcherMetrics {

    /** How a delivery attempt ended. */
    public enum Outcome {
        /** The receiver took it. */
        DELIVERED,
        /** It failed and another attempt is scheduled. */
        RETRY,
        /** It failed for good: a dead letter (listed and replayed through {@code /api/deliveries}). */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Timer match;
    private final Counter candidates;
    private final Counter matched;
    private final Counter alerts;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    DispatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.match = Timer.builder("advocacy.match")
                .description("Time to match one statement against every topic and subscription query")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.candidates = Counter.builder("advocacy.match.candidates")
                .description("Queries the presearcher let through to run on a statement")
                .register(registry);
        this.matched = Counter.builder("advocacy.match.matched")
                .description("Queries that matched a statement")
                .register(registry);
        this.alerts = Counter.builder("advocacy.alerts.created")
                .description("Alerts created (one per statement and subscription; revisions excluded)")
                .register(registry);
    }

    /** One statement matched: how long it took, how many queries ran and how many matched. */
    public void matched(Duration took, int candidateQueries, int matchedQueries) {
        match.record(took);
        candidates.increment(candidateQueries);
        matched.increment(matchedQueries);
    }

    public void alertsCreated(int count) {
        alerts.increment(count);
    }

    /** One delivery attempt on {@code channel} (webhook, email) ended as {@code outcome} after {@code took}. */
    public void attempted(String channel, Outcome outcome, Duration took) {
        Channel meters = channels.computeIfAbsent(channel, this::channel);
        meters.outcomes[outcome.ordinal()].increment();
        meters.attempt.record(took);
    }

    /** The meters of one channel, made once: an attempt then costs no meter lookup by name and tags. */
    private record Channel(Counter[] outcomes, Timer attempt) {}

    private Channel channel(String channel) {
        Counter[] outcomes = new Counter[Outcome.values().length];
        for (Outcome outcome : Outcome.values()) {
            outcomes[outcome.ordinal()] = Counter.builder("advocacy.deliveries")
                    .description("Delivery attempts by channel and outcome (delivered, retry, failed)")
                    .tag("channel", channel)
                    .tag("outcome", outcome.tag())
                    .register(registry);
        }
        Timer attempt = Timer.builder("advocacy.delivery")
                .description("Time of one delivery attempt, by channel")
                .tag("channel", channel)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        return new Channel(outcomes, attempt);
    }
}
