package org.advocacyalerts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertTest {

    @Test
    void alertIdIsTheSameForTheSameStatementAndSubscription() {
        UUID statement = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();

        assertThat(Alert.idFor(statement, subscription)).isEqualTo(Alert.idFor(statement, subscription));
        assertThat(Alert.idFor(statement, subscription).version()).isEqualTo(5);
    }

    @Test
    void alertIdDiffersPerSubscriptionAndIsNotSymmetric() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(Alert.idFor(a, b)).isNotEqualTo(Alert.idFor(a, UUID.randomUUID()));
        assertThat(Alert.idFor(a, b)).isNotEqualTo(Alert.idFor(b, a));
    }
}
