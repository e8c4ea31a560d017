package org.advocacyalerts.ingest.source;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.advocacyalerts.ingest.config.IngestConfig;

/**
 * Every tick, sets {@code ingest.poll.concurrency} workers on the sources that are due: each takes
 * the most overdue source no one holds, polls it, and takes the next, until none is due. A slow or
 * hanging feed occupies one worker (up to the fetch deadline), never the others.
 */
@ApplicationScoped
class PollSchedule {

    private final SourcePoller poller;
    private final IngestConfig config;
    private final ExecutorService workers;
    private final AtomicInteger busy = new AtomicInteger();

    PollSchedule(SourcePoller poller, IngestConfig config) {
        this.poller = poller;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.poll().concurrency(), r -> {
            Thread t = new Thread(r, "poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(
            every = "${ingest.poll.tick:1s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.poll().enabled()) {
            return;
        }
        while (busy.get() < config.poll().concurrency()) {
            busy.incrementAndGet();
            workers.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (poller.pollNextDue().isPresent()) {
                // each poll records its own outcome on the source
            }
        } catch (RuntimeException e) {
            Log.warnf("polling paused until the next tick: %s", e.getMessage());
        } finally {
            busy.decrementAndGet();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }
}
