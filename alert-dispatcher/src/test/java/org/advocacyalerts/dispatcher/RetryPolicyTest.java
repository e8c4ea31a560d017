package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.advocacyalerts.dispatcher.delivery.RetryPolicy;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final RetryPolicy svix = new RetryPolicy(RetryPolicy.SVIX, 0.2, Duration.ofHours(1), new Random(7));

    @Test
    void eightAttemptsOnSvixScheduleEachWithinTwentyPercent() {
        Duration[] expected = {
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10)
        };
        for (int made = 1; made <= 7; made++) {
            Duration wait =
                    Duration.between(NOW, svix.next(made, NOW, Optional.empty()).orElseThrow());
            Duration planned = expected[made - 1];
            assertThat(wait)
                    .as("after attempt " + made)
                    .isBetween(
                            planned.multipliedBy(8).dividedBy(10),
                            planned.multipliedBy(12).dividedBy(10));
        }
        assertThat(svix.next(8, NOW, Optional.empty()))
                .as("the eighth was the last")
                .isEmpty();
        assertThat(svix.attempts()).isEqualTo(8);
    }

    @Test
    void jitterSpreadsRetriesOfManyAlerts() {
        long distinct = IntStream.range(0, 50)
                .mapToObj(i -> svix.next(3, NOW, Optional.empty()).orElseThrow())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void retryAfterWinsWhenLongerAndIsCapped() {
        assertThat(svix.next(1, NOW, Optional.of(Duration.ofSeconds(120)))).contains(NOW.plusSeconds(120));
        assertThat(svix.next(1, NOW, Optional.of(Duration.ofDays(3)))).contains(NOW.plus(Duration.ofHours(1)));
        Instant planned = svix.next(5, NOW, Optional.of(Duration.ofSeconds(1))).orElseThrow();
        assertThat(planned)
                .as("a shorter Retry-After does not cut the schedule")
                .isAfter(NOW.plus(Duration.ofHours(4)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDateAndIgnoredWhenUnreadable() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("Sat, 28 Nov 2026 12:10:00 GMT", NOW))
                .contains(Duration.ofMinutes(10));
        assertThat(RetryPolicy.parseRetryAfter("Sat, 28 Nov 2026 11:00:00 GMT", NOW))
                .as("past")
                .isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
    }
}
