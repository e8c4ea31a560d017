package org.advocacyalerts.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The counters of what ingest did, named once here (docs/observability.md lists them with the alert
 * rules that read them). A {@code source} tag is a registered source's id, or {@code api} for
 * statements posted through the API: publishers choose those ids, so they do not become tags.
 */
@ApplicationScoped
public class IngestMetrics {

    /** The {@code source} tag of statements posted through {@code POST /api/statements}. */
    public static final String API = "api";

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A new statement stored, from a source's feed or from the API. */
    public void stored(String source) {
        statements(source, "new").increment();
    }

    /** A statement whose page changed stored as a new revision. */
    public void revised(String source) {
        statements(source, "revision").increment();
    }

    /** A poll of a source's feed ended, well or not (its reason is the source's {@code lastError}). */
    public void polled(String source, boolean succeeded) {
        Counter.builder("advocacy.source.polls")
                .description("Polls of a source's feed, by outcome")
                .tag("source", source)
                .tag("outcome", succeeded ? "success" : "failure")
                .register(registry)
                .increment();
    }

    private Counter statements(String source, String kind) {
        return Counter.builder("advocacy.statements.stored")
                .description("Statements stored, by source (or api) and kind (new, revision)")
                .tag("source", source)
                .tag("kind", kind)
                .register(registry);
    }
}
