package org.advocacyalerts.dispatcher.consume;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.advocacyalerts.model.Channels;
import org.advocacyalerts.model.StatementEvent;
import org.advocacyalerts.model.TraceContext;
import org.advocacyalerts.support.Jdbc;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Receives statements from Kafka and hands them to the {@link AlertPlanner}. Nothing stalls the channel:
 *
 * <ul>
 *   <li>a record that is not a valid statement event, or one that fails for a reason other than the
 *       database a few times in a row, is refused and goes to the dead-letter topic with the reason
 *       (the channel's {@code failure-strategy}), so the rest of its partition flows;
 *   <li>a database failure is retried with capped backoff for as long as it lasts: the record is not
 *       acknowledged (no offset is committed past it, so no alert is lost), its partition waits, and
 *       {@link PlanningHealth} is DOWN meanwhile.
 * </ul>
 */
@ApplicationScoped
public class StatementListener {

    /** Tries of a record failing for a reason other than the database, before it is moved aside. */
    static final int OTHER_FAILURE_ATTEMPTS = 3;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    /** The longest wait between two tries while the database is down: resumes within this of its return. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final AlertPlanner planner;
    private final PlanningHealth health;
    private final Tracer tracer;

    StatementListener(AlertPlanner planner, @Readiness PlanningHealth health, Tracer tracer) {
        this.planner = planner;
        this.health = health;
        this.tracer = tracer;
    }

    /** Plans one record, in a span of the trace its {@code traceparent} names (ingest's request). */
    @Incoming(Channels.STATEMENTS_IN)
    @Blocking
    public void onStatement(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Span span = tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceContext.parent(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            process(record);
        } catch (RuntimeException | InterruptedException e) {
            span.recordException(e).setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        StatementEvent event = StatementEvent.read(record); // refused: to the dead-letter topic
        Duration backoff = FIRST_BACKOFF;
        for (int otherFailures = 0; ; ) {
            try {
                plan(event, record.timestamp());
                health.planned();
                return;
            } catch (RuntimeException e) {
                if (Jdbc.isDatabaseFailure(e)) {
                    health.databaseFailed(e);
                    Log.warnf(
                            "statement %s waits for the database (tried again in %d ms): %s",
                            event.statement().id(), backoff.toMillis(), e.getMessage());
                } else if (++otherFailures >= OTHER_FAILURE_ATTEMPTS) {
                    throw e; // to the dead-letter topic, with this reason
                } else {
                    Log.warnf(
                            "statement %s not planned (attempt %d of %d): %s",
                            event.statement().id(), otherFailures, OTHER_FAILURE_ATTEMPTS, e);
                }
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void plan(StatementEvent event, long reachedKafka) {
        if (event.backfill()) {
            // history: kept for backtests, nobody is alerted
            planner.keep(
                    event.statement(),
                    event.revision() == null ? 0 : event.revision().revision());
            return;
        }
        long started = System.currentTimeMillis();
        int created =
                event.revision() != null ? planner.planRevision(event.revision()) : planner.plan(event.statement());
        long done = System.currentTimeMillis();
        Log.infof(
                "statement %s: %d new alert(s), planned in %d ms, %d ms after it reached Kafka",
                event.statement().id(), created, done - started, done - reachedKafka);
    }
}
