package org.advocacyalerts.model;

/** Kafka topic names and sizes. Topics are created by the services at start; broker auto-creation stays off. */
public final class KafkaTopics {

    /** Accepted statements, keyed by statement id, as binary-mode CloudEvents. */
    public static final String STATEMENTS = "statements";

    /** Six partitions: enough for six dispatcher replicas to share matching without a re-partition. */
    public static final int STATEMENTS_PARTITIONS = 6;

    private KafkaTopics() {}
}
