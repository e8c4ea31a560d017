package org.advocacyalerts.api.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many expensive requests of one kind (dry runs, backtests, polls on demand) run at once on this
 * replica; one more answers 429 at once rather than queueing behind them.
 */
@ApplicationScoped
public class Concurrency {

    /** Held while the request runs; closing it lets the next one in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();

    public Permit enter(String kind, int max) {
        Semaphore semaphore = running.computeIfAbsent(kind, k -> new Semaphore(max));
        if (!semaphore.tryAcquire()) {
            throw new TooManyRequests(max + " " + kind + " already running here; send it again in a moment", 2);
        }
        return semaphore::release;
    }
}
