package org.advocacyalerts.ingest.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.store.OutboxStore;
import org.advocacyalerts.support.Jdbc;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the outbox backlog and Kafka's last error. Always UP: statements are accepted while Kafka is
 * down (they wait in the outbox), so Kafka must not take ingest out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final DataSource dataSource;
    private final OutboxStore outbox;
    private final OutboxRelay relay;

    OutboxHealthCheck(DataSource dataSource, OutboxStore outbox, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("outbox").up();
        try {
            response.withData("pending", Jdbc.inTransaction(dataSource, outbox::countPending));
            // Refused by Kafka for good: they need a person (GET /api/outbox/failed), not a restart.
            response.withData("failed", Jdbc.inTransaction(dataSource, outbox::countFailed));
        } catch (RuntimeException e) {
            response.withData("pending", "unknown: " + e.getMessage());
        }
        String lastError = relay.lastError();
        return response.withData("kafka", lastError == null ? "publishing" : "unreachable: " + lastError)
                .build();
    }
}
