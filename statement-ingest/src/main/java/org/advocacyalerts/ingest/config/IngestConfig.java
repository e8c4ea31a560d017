package org.advocacyalerts.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of statement-ingest ({@code ingest.*}). */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Folder of sample statements loaded at start; absent = load none. */
    Seeds seeds();

    Outbox outbox();

    /**
     * How far in the future {@code publishedAt} may lie: clocks and time zones of publishers drift by
     * hours, a statement dated days ahead is a mistake.
     */
    @WithDefault("P1D")
    Duration publishedAtMaxFuture();

    /** The CloudEvents {@code source} of events this service publishes. */
    @WithDefault("urn:advocacy-alerts:statement-ingest")
    URI eventSource();

    interface Seeds {
        Optional<Path> dir();
    }

    interface Outbox {
        /** How often the relay looks for unpublished rows: the floor of the API-to-Kafka latency. */
        @WithDefault("1s")
        String pollInterval();

        /** Rows sent per Kafka round trip; bounds the transaction that holds them. */
        @WithDefault("200")
        int batchSize();

        /** Longest wait between relay attempts while Kafka is down. */
        @WithDefault("PT10S")
        Duration maxBackoff();

        /** How long one batch may wait for Kafka's acknowledgement before it is retried later. */
        @WithDefault("PT15S")
        Duration sendTimeout();
    }
}
