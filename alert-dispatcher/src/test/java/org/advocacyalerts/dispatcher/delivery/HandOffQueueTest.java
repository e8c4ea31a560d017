package org.advocacyalerts.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandOffQueueTest {

    private final HandOffQueue queue = new HandOffQueue(10);

    @Test
    void holdsTwoChunksAndGivesWhatIsFreeWhenFull() throws InterruptedException {
        assertThat(queue.reserve(10, Duration.ZERO)).isEqualTo(10);
        assertThat(queue.reserve(7, Duration.ZERO)).isEqualTo(7);

        assertThat(queue.reserve(10, Duration.ofMillis(10))).as("three left").isEqualTo(3);
        assertThat(queue.reserve(1, Duration.ZERO)).isZero();
    }

    @Test
    void placesNotUsedComeFreeAndSendingFreesTheRest() throws InterruptedException {
        int reserved = queue.reserve(10, Duration.ZERO);
        queue.add(alerts(4), reserved);
        assertThat(queue.available()).isEqualTo(16);

        List<PendingAlert> taken = new ArrayList<>();
        assertThat(queue.drainTo(taken, 3)).isEqualTo(3);
        assertThat(queue.available()).isEqualTo(19);
        assertThat(queue.drainTo(taken, 10)).isEqualTo(1);
        assertThat(taken).hasSize(4);
        assertThat(queue.available()).isEqualTo(20);
    }

    @Test
    void alertsComeOutInTheOrderTheyWereStored() throws InterruptedException {
        List<PendingAlert> stored = alerts(5);
        queue.add(stored, queue.reserve(5, Duration.ZERO));
        List<PendingAlert> taken = new ArrayList<>();
        queue.drainTo(taken, 5);
        assertThat(taken).containsExactlyElementsOf(stored);
    }

    private static List<PendingAlert> alerts(int count) {
        List<PendingAlert> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alerts.add(TestAlerts.pending("https://r.example/" + i, Instant.now()));
        }
        return Collections.unmodifiableList(alerts);
    }
}
