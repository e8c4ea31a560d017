package org.advocacyalerts.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointSlotsTest {

    private final EndpointSlots slots = new EndpointSlots(2);

    @Test
    void anEndpointTakesAtMostItsSlotsAndOthersKeepTheirs() {
        assertThat(slots.take("hangs.example")).isTrue();
        assertThat(slots.take("hangs.example")).isTrue();

        assertThat(slots.take("hangs.example")).isFalse();
        assertThat(slots.hasRoom("hangs.example")).isFalse();
        assertThat(slots.full()).containsExactly("hangs.example");
        assertThat(slots.take("fast.example")).isTrue();
    }

    @Test
    void aSendThatEndsGivesItsSlotBack() {
        slots.take("a.example");
        slots.take("a.example");

        slots.give("a.example");

        assertThat(slots.full()).isEmpty();
        assertThat(slots.hasRoom("a.example")).isTrue();
        assertThat(slots.take("a.example")).isTrue();
    }

    @Test
    void concurrentTakesNeverExceedTheLimit() throws InterruptedException {
        EndpointSlots many = new EndpointSlots(5);
        int[] taken = new int[1];
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (many.take("x")) {
                        synchronized (taken) {
                            taken[0]++;
                        }
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(taken[0]).isEqualTo(5);
    }
}
