package org.advocacyalerts.dispatcher.consume;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.advocacyalerts.model.Channels;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.EventTypes;
import org.advocacyalerts.model.PoisonEventException;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.StatementRevised;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Receives statements from Kafka and hands them to the {@link AlertPlanner}. A record that can never be
 * read is logged and skipped so it cannot block its partition; a database failure is retried in place,
 * then fails the channel (health turns DOWN) rather than committing an offset whose alerts are lost.
 */
@ApplicationScoped
public class StatementListener {

    /** Rides out a database fail-over or restart of up to about half a minute. */
    private static final int ATTEMPTS = 6;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final AlertPlanner planner;

    StatementListener(AlertPlanner planner) {
        this.planner = planner;
    }

    @Incoming(Channels.STATEMENTS_IN)
    @Blocking
    public void onStatement(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        org.apache.kafka.common.header.Header type = record.headers().lastHeader("ce_type");
        boolean revised = type != null
                && EventTypes.STATEMENT_REVISED.equals(
                        new String(type.value(), java.nio.charset.StandardCharsets.UTF_8));
        Statement statement;
        StatementRevised revision = null;
        try {
            if (revised) {
                revision = CloudEventCodec.decode(record, EventTypes.STATEMENT_REVISED, StatementRevised.class);
                statement = revision.statement();
            } else {
                statement = CloudEventCodec.decode(record, EventTypes.STATEMENT_PUBLISHED, Statement.class);
            }
        } catch (PoisonEventException e) {
            Log.warnf(
                    "skipping unreadable record %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                if (CloudEventCodec.isBackfill(record)) {
                    planner.keep(statement); // history: kept for backtests, nobody is alerted
                    return;
                }
                long started = System.currentTimeMillis();
                int created = revision != null ? planner.planRevision(revision) : planner.plan(statement);
                long done = System.currentTimeMillis();
                Log.infof(
                        "statement %s: %d new alert(s), planned in %d ms, %d ms after it reached Kafka",
                        statement.id(), created, done - started, done - record.timestamp());
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Log.warnf("statement %s not planned yet (attempt %d): %s", statement.id(), attempt, e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
    }
}
