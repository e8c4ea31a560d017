package org.advocacyalerts.dispatcher.match;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.model.Statement;

/**
 * The current matcher, built from the topics in PostgreSQL once they are seeded and rebuilt when they
 * change. Matching waits for the first build, so no statement is matched against an empty topic list.
 */
@ApplicationScoped
public class TopicRegistry {

    /** Start-up seeds a handful of topics; far longer means the database is down. */
    private static final long FIRST_BUILD_TIMEOUT_SECONDS = 60;

    private final TopicStore store;
    private final AtomicReference<TopicMatcher> matcher = new AtomicReference<>();
    private final CountDownLatch built = new CountDownLatch(1);

    TopicRegistry(TopicStore store) {
        this.store = store;
    }

    public Set<String> match(Statement statement) {
        try {
            if (!built.await(FIRST_BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("topics were not loaded within " + FIRST_BUILD_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics", e);
        }
        return matcher.get().match(statement);
    }

    /** Rebuilds the matcher from the database; returns the number of topics. */
    public int reload() {
        TopicMatcher fresh = new TopicMatcher(store.all());
        matcher.set(fresh);
        built.countDown();
        return fresh.size();
    }
}
