package org.advocacyalerts.api;

import java.util.Optional;
import java.util.UUID;

/** Ids from URL paths: a malformed id names nothing, so it is treated like an unknown one (404). */
public final class Ids {

    private Ids() {}

    public static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
