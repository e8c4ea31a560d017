package org.advocacyalerts.api.access;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Checks a presented API key: known, not revoked, not expired. What was read of a key is kept for
 * {@link AccessConfig#cacheTtl()}, so a busy client costs the database one read per interval, and a
 * revocation on another replica is seen within it. Also notes when each key was last used.
 */
@ApplicationScoped
public class ApiKeyVerifier {

    private static final Logger LOG = Logger.getLogger(ApiKeyVerifier.class);

    /** Past this many remembered keys (unknown ones too: a flood of made-up keys) the memory starts over. */
    static final int MAX_REMEMBERED = 10_000;

    private record Remembered(Optional<ApiKey> key, Instant readAt) {}

    private final ApiKeyStore store;
    private final AccessConfig config;
    private final Clock clock;
    private final Map<String, Remembered> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    ApiKeyVerifier(ApiKeyStore store, AccessConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** The valid key behind {@code token}, or empty; blocking (it may read the database). */
    public Optional<ApiKey> verify(String token) {
        if (!ApiKeyTokens.looksLikeKey(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = ApiKeyTokens.hash(token);
        Remembered remembered = byHash.get(hash);
        if (remembered == null || !now.isBefore(remembered.readAt().plus(config.cacheTtl()))) {
            if (byHash.size() >= MAX_REMEMBERED) {
                byHash.clear();
            }
            remembered = new Remembered(store.findByHash(hash), now);
            byHash.put(hash, remembered);
        }
        Optional<ApiKey> valid = remembered.key().filter(k -> k.validAt(now));
        valid.ifPresent(k -> lastUsed.merge(k.id(), now, (a, b) -> a.isAfter(b) ? a : b));
        return valid;
    }

    /** After a revocation here: this replica stops accepting the key at once. */
    public void forgetAll() {
        byHash.clear();
    }

    @Scheduled(every = "${alerts.access.last-used-flush:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushLastUsed() {
        if (lastUsed.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String id : lastUsed.keySet()) {
            Instant at = lastUsed.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            store.touch(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, at) -> lastUsed.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            LOG.debugf("last use of %d keys not recorded yet: %s", batch.size(), e.getMessage());
        }
    }
}
