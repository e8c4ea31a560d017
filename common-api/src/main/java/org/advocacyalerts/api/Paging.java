package org.advocacyalerts.api;

/** The {@code limit} query parameter of list endpoints: a whole number within the endpoint's bound. */
public final class Paging {

    private Paging() {}

    public static int limit(String limit, int defaultLimit, int max) {
        if (limit == null) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a number from 1 to " + max);
    }
}
