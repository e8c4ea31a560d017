package org.advocacyalerts.dispatcher.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of matching: DOWN while statements wait for the database (the listener retries them until it
 * answers), with the first failure's time and the last error, so an operator sees why alerts are late.
 */
@Readiness
@ApplicationScoped
public class PlanningHealth implements HealthCheck {

    private record Outage(Instant since, String lastError) {}

    private final AtomicReference<Outage> outage = new AtomicReference<>();
    private final Clock clock;

    PlanningHealth(Clock clock) {
        this.clock = clock;
    }

    void databaseFailed(RuntimeException e) {
        outage.accumulateAndGet(
                new Outage(clock.instant(), String.valueOf(e.getMessage())),
                (was, now) -> was == null ? now : new Outage(was.since(), now.lastError()));
    }

    void planned() {
        outage.set(null);
    }

    @Override
    public HealthCheckResponse call() {
        Outage current = outage.get();
        if (current == null) {
            return HealthCheckResponse.up("statement-planning");
        }
        return HealthCheckResponse.named("statement-planning")
                .down()
                .withData("waiting-for-database-since", current.since().toString())
                .withData("last-error", current.lastError())
                .build();
    }
}
