package org.advocacyalerts.api;

import java.util.ArrayList;
import java.util.List;

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

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 problem naming every field collected so far, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
