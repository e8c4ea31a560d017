package org.advocacyalerts.api;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids both APIs accept, defined once. A malformed id in a URL path names nothing, so it is treated like
 * an unknown one (404).
 */
public final class Ids {

    /** A statement source: lowercase letters, digits, '.', '_' and '-', as in URLs and file names. */
    public static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** BCP 47 language tags as publishers use them: "en", "fr", "hy", "en-US", "az-Latn". */
    public static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");

    private Ids() {}

    public static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
