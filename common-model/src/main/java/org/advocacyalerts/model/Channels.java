package org.advocacyalerts.model;

/** SmallRye Reactive Messaging channel names, so no class spells them as string literals. */
public final class Channels {

    /** alert-dispatcher's incoming channel bound to {@link KafkaTopics#STATEMENTS}. */
    public static final String STATEMENTS_IN = "statements-in";

    private Channels() {}
}
