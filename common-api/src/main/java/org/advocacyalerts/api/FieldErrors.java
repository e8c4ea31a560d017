package org.advocacyalerts.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects every invalid field of one request, so a client learns all of them in one answer. */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    /** Records {@code message} for {@code field} when the value is null or blank; returns whether it was present. */
    public boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    /** Records an error when a present value is longer than {@code max} characters. */
    public void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        }
    }

    /**
     * An absolute http(s) URL with a host, at most {@code maxLength} characters, without credentials;
     * null (with the error recorded) otherwise. Other schemes (file:, javascript:, ftp:) are refused.
     */
    public URI httpUrl(String field, String value, int maxLength) {
        if (!required(field, value)) {
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                add(field, "must be an http or https URL");
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                add(field, "must name a host");
            } else if (uri.getUserInfo() != null) {
                add(field, "must not contain credentials");
            } else {
                return uri;
            }
        } catch (URISyntaxException e) {
            add(field, "is not a valid URL: " + e.getReason());
        }
        return null;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** What was collected, in order (a page shows them by its fields). */
    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    @Override
    public String toString() {
        return errors.stream()
                .map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    /** Throws a 400 problem naming every field collected so far, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
