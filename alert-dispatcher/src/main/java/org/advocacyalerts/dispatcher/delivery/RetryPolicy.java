package org.advocacyalerts.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed webhook is tried again: Svix's schedule (immediately, then 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h), each wait spread by ±{@code jitter} so that a receiver coming back is not hit by
 * every retry in the same second. A receiver's {@code Retry-After} is honoured, up to a cap.
 */
public final class RetryPolicy {

    public static final List<Duration> SVIX = List.of(
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    /**
     * @param schedule the wait before each attempt; the first is the first attempt's (normally zero),
     *     and there are as many attempts as entries
     * @param jitter the fraction each wait may be shortened or lengthened by (0.1 = ±10 %)
     * @param maxRetryAfter the longest {@code Retry-After} honoured
     */
    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, RandomGenerator random) {
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least the first attempt");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    public int attempts() {
        return schedule.size();
    }

    /**
     * When to try again after the {@code attemptsMade}-th attempt failed at {@code now}; empty when
     * that was the last attempt.
     */
    public Optional<Instant> next(int attemptsMade, Instant now, Optional<Duration> retryAfter) {
        if (attemptsMade >= schedule.size()) {
            return Optional.empty();
        }
        Duration wait = schedule.get(attemptsMade);
        long millis = wait.toMillis();
        if (millis > 0 && jitter > 0) {
            millis += Math.round(millis * jitter * (2 * random.nextDouble() - 1));
        }
        Duration planned = Duration.ofMillis(millis);
        Duration asked = retryAfter
                .map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d)
                .orElse(Duration.ZERO);
        return Optional.of(now.plus(asked.compareTo(planned) > 0 ? asked : planned));
    }

    /** A {@code Retry-After} value: seconds, or an HTTP date; empty when absent, unreadable or past. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // longer than a long: no receiver means that
            }
        }
        try {
            Instant at =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
