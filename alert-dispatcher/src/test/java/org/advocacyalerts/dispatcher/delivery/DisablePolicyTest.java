package org.advocacyalerts.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.advocacyalerts.dispatcher.store.AlertStore.Attempt;
import org.junit.jupiter.api.Test;

class DisablePolicyTest {

    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");

    private final DisablePolicy policy = new DisablePolicy(Duration.ofDays(5));

    @Test
    void aGoneAnswerDisablesAtOnce() {
        assertThat(policy.reasonToDisable(attempt(410, SINCE.plusSeconds(60))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("410 Gone"));
    }

    @Test
    void failuresDisableOnlyAfterFiveDaysWithoutASuccess() {
        assertThat(policy.reasonToDisable(attempt(500, SINCE.plus(Duration.ofDays(5)))))
                .isEmpty();
        assertThat(policy.reasonToDisable(
                        attempt(500, SINCE.plus(Duration.ofDays(5)).plusSeconds(1))))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("no successful delivery since " + SINCE, "HTTP 500"));
    }

    @Test
    void aDeliveryNeverDisables() {
        Attempt delivered = new Attempt(
                alert(), new DeliveryResult(true, 204, 1, null, ""), SINCE.plus(Duration.ofDays(30)), Optional.empty());
        assertThat(policy.reasonToDisable(delivered)).isEmpty();
    }

    private static Attempt attempt(int status, Instant at) {
        return new Attempt(alert(), new DeliveryResult(false, status, 1, "HTTP " + status, ""), at, Optional.empty());
    }

    private static PendingAlert alert() {
        return TestAlerts.pending("https://r.example/hook", SINCE);
    }
}
