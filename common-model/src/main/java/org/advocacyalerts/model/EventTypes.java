package org.advocacyalerts.model;

/** Event type names: CloudEvents {@code type} on Kafka, Standard Webhooks {@code type} in webhook bodies. */
public final class EventTypes {

    /** A new statement was accepted (CloudEvents type, reverse-DNS as the spec recommends). */
    public static final String STATEMENT_PUBLISHED = "org.advocacyalerts.statement.published";

    /** A statement's text changed at its source ({@link StatementRevised}). */
    public static final String STATEMENT_REVISED = "org.advocacyalerts.statement.revised";

    /** A webhook announcing a new alert. */
    public static final String ALERT_CREATED = "alert.created";

    /** A webhook announcing that a statement alerted before was revised at its source. */
    public static final String ALERT_REVISED = "alert.revised";

    private EventTypes() {}
}
