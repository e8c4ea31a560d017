package org.advocacyalerts.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private static final String HOST = "receiver.example:8443";
    private static final Duration COOLDOWN = Duration.ofSeconds(30);
    private static final DeliveryResult FAILED = new DeliveryResult(false, 500, 3, "HTTP 500", "");
    private static final DeliveryResult DELIVERED = new DeliveryResult(true, 204, 3, null, "");
    private static final DeliveryResult GONE = new DeliveryResult(false, 410, 3, "HTTP 410", "");

    /** A cool-down has ended once the clock is past its end. */
    private static final Duration JUST = Duration.ofMillis(1);

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final CircuitBreakers breakers = new CircuitBreakers(clock, 5, COOLDOWN);

    @Test
    void opensAfterFiveFailuresInARowAndRefusesUntilTheCooldownEnds() {
        failTimes(4);
        assertThat(breakers.refusing()).isEmpty();
        assertThat(breakers.tryAcquire(HOST)).isTrue();

        breakers.record(HOST, FAILED, Duration.ofMillis(3));

        assertThat(breakers.refusing()).containsExactly(HOST);
        assertThat(breakers.tryAcquire(HOST)).isFalse();
        clock.advance(COOLDOWN.minusSeconds(1));
        assertThat(breakers.tryAcquire(HOST)).isFalse();
    }

    @Test
    void aSuccessBetweenFailuresStartsTheCountAgain() {
        failTimes(4);
        assertThat(breakers.tryAcquire(HOST)).isTrue();
        breakers.record(HOST, DELIVERED, Duration.ofMillis(3));
        failTimes(4);

        assertThat(breakers.refusing()).isEmpty();
        assertThat(breakers.tryAcquire(HOST)).isTrue();
    }

    @Test
    void afterTheCooldownOneTrialSendGoesThroughAndItsSuccessCloses() {
        failTimes(5);
        clock.advance(COOLDOWN.plus(JUST));

        assertThat(breakers.refusing()).as("only looking takes no trial").isEmpty();
        assertThat(breakers.tryAcquire(HOST)).as("the trial send").isTrue();
        assertThat(breakers.tryAcquire(HOST))
                .as("a second send while the trial is under way")
                .isFalse();
        assertThat(breakers.refusing()).containsExactly(HOST);

        breakers.record(HOST, DELIVERED, Duration.ofMillis(3));

        assertThat(breakers.refusing()).isEmpty();
        assertThat(breakers.tryAcquire(HOST)).isTrue();
        assertThat(breakers.tryAcquire(HOST)).isTrue();
    }

    @Test
    void aFailedTrialOpensAgainForTwiceTheCooldown() {
        failTimes(5);
        clock.advance(COOLDOWN.plus(JUST));
        assertThat(breakers.tryAcquire(HOST)).isTrue();
        breakers.record(HOST, FAILED, Duration.ofMillis(3));

        clock.advance(COOLDOWN.multipliedBy(2).minusSeconds(1));
        assertThat(breakers.tryAcquire(HOST)).isFalse();
        clock.advance(Duration.ofSeconds(1).plus(JUST));
        assertThat(breakers.tryAcquire(HOST)).isTrue();
    }

    @Test
    void theCooldownStopsGrowingAtTenMinutes() {
        failTimes(5);
        Duration wait = COOLDOWN;
        for (int trial = 0; trial < 8; trial++) {
            clock.advance(wait.plus(JUST));
            assertThat(breakers.tryAcquire(HOST)).isTrue();
            breakers.record(HOST, FAILED, Duration.ofMillis(3));
            wait = wait.multipliedBy(2).compareTo(CircuitBreakers.MAX_COOLDOWN) > 0
                    ? CircuitBreakers.MAX_COOLDOWN
                    : wait.multipliedBy(2);
        }
        clock.advance(CircuitBreakers.MAX_COOLDOWN.minusSeconds(1));
        assertThat(breakers.tryAcquire(HOST)).isFalse();
        clock.advance(Duration.ofSeconds(1).plus(JUST));
        assertThat(breakers.tryAcquire(HOST)).isTrue();
    }

    @Test
    void aGoneOrAbortedAnswerNeitherOpensNorCloses() {
        failTimes(4);
        for (int i = 0; i < 3; i++) {
            assertThat(breakers.tryAcquire(HOST)).isTrue();
            breakers.record(HOST, GONE, Duration.ofMillis(3));
        }
        assertThat(breakers.refusing()).isEmpty();
        failTimes(1);
        assertThat(breakers.refusing()).containsExactly(HOST);
    }

    @Test
    void oneEndpointFailingLeavesOthersAlone() {
        failTimes(5);
        assertThat(breakers.tryAcquire("other.example")).isTrue();
        assertThat(breakers.refusing()).containsExactly(HOST);
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breakers.tryAcquire(HOST)).isTrue();
            breakers.record(HOST, FAILED, Duration.ofMillis(3));
        }
    }
}
