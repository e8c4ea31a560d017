package org.advocacyalerts.model;

/** Kafka topic names and sizes. Topics are created by the services at start; broker auto-creation stays off. */
public final class KafkaTopics {

    /** Accepted statements, keyed by statement id, as binary-mode CloudEvents. */
    public static final String STATEMENTS = "statements";

    /** Six partitions: enough for six dispatcher replicas to share matching without a re-partition. */
    public static final int STATEMENTS_PARTITIONS = 6;

    /**
     * Records of {@link #STATEMENTS} the dispatcher refused (not a valid statement event, or failing for a
     * reason other than the database), as they were, with the reason in the {@code dead-letter-reason}
     * header and where they came from in {@code dead-letter-topic}, {@code -partition} and {@code -offset}.
     */
    public static final String STATEMENTS_DEAD_LETTER = "statements.dead-letter";

    private KafkaTopics() {}
}
