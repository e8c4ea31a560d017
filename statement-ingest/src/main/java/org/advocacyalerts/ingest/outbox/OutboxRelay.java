package org.advocacyalerts.ingest.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.store.OutboxStore;
import org.advocacyalerts.ingest.store.OutboxStore.OutboxEvent;
import org.advocacyalerts.model.CloudEventCodec;
import org.advocacyalerts.model.TopicProvisioner;
import org.advocacyalerts.model.TraceContext;
import org.advocacyalerts.support.Jdbc;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes outbox rows to Kafka in order and marks them published in the same transaction that
 * locked them. Replicas relay at once, each its own rows ({@code SKIP LOCKED}); the events of one
 * statement still go in the order they were written, as a relay leaves a statement's later events alone
 * while an earlier one is in another replica's hands. A crash between Kafka's acknowledgement and the commit publishes a row twice, never
 * zero times: consumers dedupe by statement id. While Kafka is down the rows wait, with backoff.
 */
@ApplicationScoped
public class OutboxRelay {

    private final DataSource dataSource;
    private final OutboxStore outbox;
    private final IngestConfig config;
    private final Clock clock;
    private final Map<String, Object> kafkaConfig;
    private final Tracer tracer;

    private KafkaProducer<String, byte[]> producer;
    private boolean topicsReady;
    private Instant nextAttempt = Instant.EPOCH;
    private Duration backoff = Duration.ZERO;
    private volatile String lastError;

    OutboxRelay(
            DataSource dataSource,
            OutboxStore outbox,
            IngestConfig config,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Tracer tracer) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.kafkaConfig = kafkaConfig;
        this.tracer = tracer;
    }

    /** Runs a relay pass now; at most one waits behind the one running. */
    private final ExecutorService kicker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-kick");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean kickQueued = new AtomicBoolean();

    /**
     * Events were just committed: publish them now rather than at the next poll (which stays, for events
     * committed by another replica and for retries while Kafka is down).
     */
    public void wake() {
        if (kickQueued.compareAndSet(false, true)) {
            kicker.execute(() -> {
                kickQueued.set(false);
                relay();
            });
        }
    }

    @Scheduled(every = "${ingest.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void relay() {
        if (clock.instant().isBefore(nextAttempt)) {
            return;
        }
        try {
            ensureTopics();
            int published;
            do {
                published = publishBatch();
            } while (published == config.outbox().batchSize());
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** The last failure while Kafka is unreachable, or null when the relay is healthy. */
    public String lastError() {
        return lastError;
    }

    private void ensureTopics() {
        if (!topicsReady && config.createTopics()) {
            TopicProvisioner.ensure(adminConfig(), List.of(TopicProvisioner.STATEMENTS), 10);
            topicsReady = true;
        }
    }

    private int publishBatch() {
        List<Long> published = new ArrayList<>();
        List<OutboxStore.Refused> refused = new ArrayList<>();
        RuntimeException failure = Jdbc.inTransaction(dataSource, c -> {
            List<OutboxEvent> locked = outbox.lockPending(c, config.outbox().batchSize());
            // A key with an earlier event in another replica's hands waits for it (order per statement).
            Set<String> waiting = outbox.keysWaitingBehindOthers(c, locked);
            List<OutboxEvent> events = waiting.isEmpty()
                    ? locked
                    : locked.stream().filter(e -> !waiting.contains(e.key())).toList();
            RuntimeException error = send(events, published, refused);
            outbox.markPublished(c, published, clock.instant());
            outbox.markRefused(c, refused, clock.instant());
            return error;
        });
        for (OutboxStore.Refused r : refused) {
            Log.errorf(
                    "Kafka refused outbox event %d for good, moved aside (GET /api/outbox/failed): %s",
                    r.id(), r.reason());
        }
        if (failure != null) {
            throw failure;
        }
        if (!published.isEmpty()) {
            Log.debugf("published %d outbox events", published.size());
        }
        // Fewer than a batch when some waited behind another replica: they are taken at the next pass
        // (taking another batch now would lock the same waiting events again).
        return published.size() + refused.size();
    }

    /**
     * Sends in order and collects the ids Kafka acknowledged and those it refused for good (a record too
     * large, say: sending it again cannot help), stopping at the first failure that may pass on a retry.
     * Each send is a span of the trace of the request that stored the event, and its record carries that
     * span's {@code traceparent} to the consumers.
     */
    private RuntimeException send(
            List<OutboxEvent> events, List<Long> acknowledged, List<OutboxStore.Refused> refused) {
        List<Future<?>> futures = new ArrayList<>(events.size());
        List<Span> spans = new ArrayList<>(events.size());
        for (OutboxEvent e : events) {
            ProducerRecord<String, byte[]> record = CloudEventCodec.encode(
                    e.topic(), e.key(), e.eventId(), e.type(), config.eventSource(), e.time(), e.payload());
            if (e.backfill()) {
                CloudEventCodec.markBackfill(record);
            }
            Span span = tracer.spanBuilder(e.topic() + " publish")
                    .setParent(TraceContext.parent(e.traceparent()))
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", e.topic())
                    .setAttribute("messaging.message.id", e.eventId().toString())
                    .startSpan();
            TraceContext.inject(Context.root().with(span), record.headers());
            spans.add(span);
            futures.add(producer().send(record));
        }
        try {
            return awaitAcknowledgements(events, futures, spans, acknowledged, refused);
        } finally {
            spans.forEach(Span::end); // as the batch ends: acknowledged, refused, or left for a retry
        }
    }

    private RuntimeException awaitAcknowledgements(
            List<OutboxEvent> events,
            List<Future<?>> futures,
            List<Span> spans,
            List<Long> acknowledged,
            List<OutboxStore.Refused> refused) {
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(events.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("interrupted while publishing", e);
            } catch (ExecutionException e) {
                spans.get(i).recordException(e.getCause()).setStatus(StatusCode.ERROR);
                if (refusedForGood(e.getCause())) {
                    refused.add(new OutboxStore.Refused(
                            events.get(i).id(), e.getCause().toString()));
                    continue;
                }
                return new IllegalStateException(
                        "Kafka did not acknowledge event " + events.get(i).eventId() + ": " + e.getCause(), e);
            } catch (Exception e) {
                return new IllegalStateException(
                        "Kafka did not acknowledge event " + events.get(i).eventId() + ": " + e, e);
            }
        }
        return null;
    }

    /**
     * Errors about the record itself, which no retry can mend. Anything else (a broker away, a missing
     * ACL, a timeout) waits and is tried again: moving every event aside because of a misconfigured
     * cluster would be worse than waiting.
     */
    static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException;
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "statement-ingest-outbox");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            int timeoutMs = (int) config.outbox().sendTimeout().toMillis();
            // Fail a batch within sendTimeout rather than Kafka's 2-minute default; the rows stay pending.
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000));
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put("request.timeout.ms", 5_000);
        props.put("default.api.timeout.ms", 10_000);
        return props;
    }

    private void recovered() {
        if (lastError != null) {
            Log.infof("Kafka reachable again; outbox relay resumed");
        }
        lastError = null;
        backoff = Duration.ZERO;
    }

    private void failed(RuntimeException e) {
        // Start over with a fresh producer: an idempotent producer may be fenced after a timeout.
        closeProducer();
        backoff = backoff.isZero()
                ? Duration.ofMillis(500)
                : min(backoff.multipliedBy(2), config.outbox().maxBackoff());
        nextAttempt = clock.instant().plus(backoff);
        if (lastError == null) {
            Log.warnf("outbox relay cannot publish (statements stay queued, retrying): %s", e.getMessage());
        } else {
            Log.debugf("outbox relay still failing: %s", e.getMessage());
        }
        lastError = e.getMessage();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @PreDestroy
    synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
            producer = null;
        }
    }
}
