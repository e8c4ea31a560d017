package org.advocacyalerts.dispatcher.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;

/**
 * One circuit breaker per endpoint (Resilience4j): after {@code breakerFailures} failed attempts in a
 * row the endpoint's circuit opens for a cool-down, doubling while it keeps failing (up to 10 min);
 * then one trial send is let through, and its success closes the circuit. While a circuit is open none
 * of its endpoint's alerts is claimed: they stay due and keep their place in the retry schedule.
 *
 * <p>An abort or a 410 Gone is the receiver's answer about one message or its end, not a fault: it
 * neither opens nor closes a circuit. An endpoint's breaker exists only while it has failures (a success
 * on a closed circuit removes it), so thousands of healthy endpoints cost nothing.
 */
@ApplicationScoped
public class CircuitBreakers {

    /** The longest cool-down of an endpoint that keeps failing. */
    static final Duration MAX_COOLDOWN = Duration.ofMinutes(10);

    private final CircuitBreakerRegistry registry;

    @Inject
    CircuitBreakers(Clock clock, DispatcherConfig config) {
        this(clock, config.delivery().breakerFailures(), config.delivery().breakerCooldown());
    }

    CircuitBreakers(Clock clock, int failures, Duration cooldown) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                // "n failures in a row": the last n attempts, all failed (a success removes the breaker)
                .slidingWindow(failures, failures, SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(cooldown, 2, MAX_COOLDOWN))
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
        registry.getEventPublisher()
                .onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(event -> {
                    if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                        Log.warnf(
                                "endpoint %s failed %d times in a row: its alerts wait for a cool-down",
                                event.getCircuitBreakerName(), failures);
                    }
                }));
    }

    /**
     * Takes the endpoint's permission to send one alert; false while its circuit is open, or half-open
     * with its trial send under way. A permission taken is given back by {@link #record} or {@link
     * #release}.
     */
    public boolean tryAcquire(String endpoint) {
        return registry.find(endpoint).map(CircuitBreaker::tryAcquirePermission).orElse(true);
    }

    /** Gives back a permission whose alert was not sent. */
    public void release(String endpoint) {
        registry.find(endpoint).ifPresent(CircuitBreaker::releasePermission);
    }

    /** The endpoints that would refuse a send now: claims leave their alerts where they are. */
    public List<String> refusing() {
        List<String> refusing = new ArrayList<>();
        for (CircuitBreaker breaker : registry.getAllCircuitBreakers()) {
            if (breaker.getState() != CircuitBreaker.State.CLOSED) {
                if (breaker.tryAcquirePermission()) {
                    breaker.releasePermission(); // only looked: a cool-down that ended lets a trial through
                } else {
                    refusing.add(breaker.getName());
                }
            }
        }
        return refusing;
    }

    /** The outcome of an attempt made with a permission from {@link #tryAcquire}. */
    public void record(String endpoint, DeliveryResult result, Duration took) {
        if (result.delivered()) {
            registry.find(endpoint).ifPresent(breaker -> {
                breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
                if (breaker.getState() == CircuitBreaker.State.CLOSED) {
                    registry.remove(endpoint); // its count of failures in a row starts again at 0
                }
            });
        } else if (result.abort() || result.gone()) {
            release(endpoint);
        } else {
            CircuitBreaker breaker = registry.find(endpoint).orElseGet(() -> registry.circuitBreaker(endpoint));
            breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new EndpointFailure(result.error()));
        }
    }

    /** A failed attempt, as the breaker counts it. */
    private static final class EndpointFailure extends RuntimeException {
        EndpointFailure(String message) {
            super(message, null, false, false);
        }
    }
}
