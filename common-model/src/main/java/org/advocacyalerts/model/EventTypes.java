package org.advocacyalerts.model;

/** Event type names: CloudEvents {@code type} on Kafka, Standard Webhooks {@code type} in webhook bodies. */
public final class EventTypes {

    private static final String PREFIX = "org.advocacyalerts.";

    /** A new statement was accepted (CloudEvents type, reverse-DNS as the spec recommends). */
    public static final String STATEMENT_PUBLISHED = "org.advocacyalerts.statement.published";

    /** A statement's text changed at its source ({@link StatementRevised}). */
    public static final String STATEMENT_REVISED = "org.advocacyalerts.statement.revised";

    /** A webhook announcing a new alert. */
    public static final String ALERT_CREATED = "alert.created";

    /** A webhook announcing that a statement alerted before was revised at its source. */
    public static final String ALERT_REVISED = "alert.revised";

    /** The version of every event's data; raised only for a change that would break a consumer. */
    public static final int DATA_VERSION = 1;

    /**
     * The CloudEvents {@code dataschema} of a Kafka event type: {@code
     * urn:advocacy-alerts:schema:<name>:<version>}, where {@code <name>} is the JSON Schema
     * {@code schemas/<name>.json} in common-model ({@code statement.published}, {@code statement.revised}).
     */
    public static String dataSchema(String type) {
        String name = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
        return "urn:advocacy-alerts:schema:" + name + ":" + DATA_VERSION;
    }

    private EventTypes() {}
}
