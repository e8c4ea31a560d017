package org.advocacyalerts.model;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context ({@code traceparent}, as HTTP and Kafka carry it) that follows a statement
 * across the hand-overs where no library carries it: ingest's outbox (stored with the event, put on the
 * record) and the dispatcher's consumer (read from the record), so that one trace follows a statement.
 */
public final class TraceContext {

    /** The header (Kafka) and field (outbox) name. */
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {}

    /** The context a record's {@code traceparent} header names, or a new trace's when it has none. */
    public static Context parent(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return parent(header == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The current span's {@code traceparent}, or null when nothing is traced (tracing off, no request). */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context to start a span under: the stored request's, or a new trace's when there is none. */
    public static Context parent(String traceparent) {
        return traceparent == null
                ? Context.root()
                : W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
    }

    /** Writes the span of {@code context} into a record's headers (nothing when it is not traced). */
    public static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, (carrier, key, value) -> {
            carrier.remove(key);
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
    }
}
