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

    Retention retention();

    Poll poll();

    Fetch fetch();

    Revisions revisions();

    /** Folder of default sources ({@code seeds/sources}) loaded at start; absent = none. */
    Optional<Path> sourcesDir();

    /**
     * Whether the relay creates the {@code statements} topic when it is missing (the local stack, a
     * plain Kafka). False where the topics are the platform's (Strimzi's KafkaTopics) and this service's
     * Kafka user may not create them.
     */
    @WithDefault("true")
    boolean createTopics();

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

    /** How long ingest keeps what it no longer needs; looked at every {@code check-interval}, in batches. */
    interface Retention {
        /** Outbox rows published to Kafka, by publication (statements themselves are kept). */
        @WithDefault("P7D")
        Duration outbox();

        @WithDefault("1h")
        String checkInterval();
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

    interface Poll {
        /** Whether this replica polls sources at all (every replica may; a lease keeps them apart). */
        @WithDefault("true")
        boolean enabled();

        /** Sources polled at once by this replica (fetching is mostly waiting on the network). */
        @WithDefault("4")
        int concurrency();

        /** How often the poller looks for due sources. */
        @WithDefault("1s")
        String tick();

        /** The shortest poll interval a source may ask for: official feeds change in minutes, not seconds. */
        @WithDefault("PT30S")
        Duration minInterval();

        /** How long a replica owns a source it polls; a crashed replica's lease runs out after this. */
        @WithDefault("PT2M")
        Duration lease();

        /** The longest pause after repeated failures (backoff doubles from the poll interval). */
        @WithDefault("PT1H")
        Duration maxBackoff();
    }

    interface Revisions {
        /** How long after an item first appears its page is looked at again for changes. */
        @WithDefault("P2D")
        Duration window();

        /** How often one item's page is looked at again (a conditional GET: unchanged costs a 304). */
        @WithDefault("PT15M")
        Duration recheckInterval();

        /** Pages looked at again per poll of a source, at most. */
        @WithDefault("20")
        int perPoll();
    }

    interface Fetch {
        /**
         * Address ranges feeds and pages may be fetched from besides public ones: {@code loopback},
         * {@code private}, {@code link-local}, comma-separated, or {@code none}. bin/local-stack and
         * tests allow loopback.
         */
        @WithDefault("none")
        String allowAddresses();

        @WithDefault("PT5S")
        Duration connectTimeout();

        /** The longest silence between bytes of an answer. */
        @WithDefault("PT10S")
        Duration readTimeout();

        /** The most one fetch (feed or page, redirects included) may take in all. */
        @WithDefault("PT30S")
        Duration deadline();

        /** The largest feed or page read, after decompression. */
        @WithDefault("5242880")
        long maxBytes();

        @WithDefault("5")
        int maxRedirects();
    }
}
