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

    @Test
    void alertIdIsTheNameBasedUuidOfBothIdsThatStoredAlertsCarry() {
        // Alert ids are stored and sent as webhook-id: the same inputs must give the same id in every
        // version. Expected values computed apart from this code (Python hashlib, same layout).
        UUID statement = UUID.fromString("7d0b6a0e-3c7e-4f7b-9a53-1a2b3c4d5e6f");
        UUID subscription = UUID.fromString("0f1e2d3c-4b5a-4697-8877-665544332211");

        assertThat(Alert.idFor(statement, subscription))
                .isEqualTo(UUID.fromString("7fb21794-1b72-5b81-8b05-48688649bb34"));
        assertThat(Alert.idFor(statement, subscription, 2))
                .isEqualTo(UUID.fromString("3b53f585-3b01-50e4-8322-562f2819c8dc"));
    }

    @Test
    void sha256IsTheStandardOne() {
        assertThat(Sha256.hex("abc")) // FIPS 180-2, appendix B.1
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
