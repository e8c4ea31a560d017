package org.advocacyalerts.dispatcher.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Alerts the planner stored already claimed for this replica, waiting to be sent before any claimed from
 * the database: a fan-out's alerts go out without a claim round trip each. Its places are reserved
 * before the alerts are stored, so the planner never stores more claimed alerts than the senders can
 * take soon: room for two planner chunks, one being sent while the next is stored. Thread-safe.
 */
final class HandOffQueue {

    private final BlockingQueue<PendingAlert> queue = new LinkedBlockingQueue<>();
    private final Semaphore places;

    /** Room for two chunks of {@code chunk} alerts. */
    HandOffQueue(int chunk) {
        this.places = new Semaphore(2 * chunk);
    }

    /**
     * Reserves places for up to {@code count} alerts, waiting up to {@code wait} for all; returns how
     * many it got (at least the free ones, if fewer).
     */
    int reserve(int count, Duration wait) throws InterruptedException {
        if (places.tryAcquire(count, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return count;
        }
        int some = Math.min(count, places.availablePermits());
        return some > 0 && places.tryAcquire(some) ? some : 0;
    }

    /** Takes the alerts stored in place of {@code reserved} reserved places (the rest come free). */
    void add(List<PendingAlert> stored, int reserved) {
        places.release(reserved - stored.size());
        queue.addAll(stored);
    }

    /** Moves up to {@code max} alerts to {@code into}, freeing their places; returns how many. */
    int drainTo(Collection<PendingAlert> into, int max) {
        int taken = queue.drainTo(into, max);
        places.release(taken);
        return taken;
    }

    int available() {
        return places.availablePermits();
    }
}
