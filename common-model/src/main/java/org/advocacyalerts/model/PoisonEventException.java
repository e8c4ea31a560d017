package org.advocacyalerts.model;

/** A Kafka record that can never be processed (wrong format, unparsable data). Skip it; never retry it. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
