package org.advocacyalerts.api.limits;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key ({@code credential:…}, {@code address:…}, …): each holds up to {@code burst}
 * tokens and gains {@code perSecond} a second; a request takes one. In memory, per replica; buckets
 * that filled up again are dropped every minute, and past {@value #MAX_BUCKETS} all are (a flood of
 * new addresses must not take the memory).
 */
@ApplicationScoped
public class RateLimiter {

    static final int MAX_BUCKETS = 100_000;

    private static final class Bucket {
        private double tokens;
        private long refilledAt;
        private final double perSecond;
        private final int burst;

        Bucket(double perSecond, int burst, long now) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
            this.refilledAt = now;
        }

        /** 0 when a token was taken, else the seconds until one will be there. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Empty when the request may go on; else how many seconds to wait ({@code Retry-After}). */
    public OptionalLong take(String key, double perSecond, int burst) {
        long now = System.nanoTime();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.clear();
        }
        long wait = buckets.computeIfAbsent(key, k -> new Bucket(perSecond, burst, now))
                .take(now);
        return wait == 0 ? OptionalLong.empty() : OptionalLong.of(wait);
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.full(now));
    }
}
