package org.advocacyalerts.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.advocacyalerts.dispatcher.store.AlertStore.Attempt;
import org.advocacyalerts.support.Jdbc.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AttemptRecorderTest {

    private final List<Attempt> stored = new CopyOnWriteArrayList<>();
    private final AtomicBoolean databaseAway = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicInteger resumed = new AtomicInteger();

    @AfterEach
    void finish() throws InterruptedException {
        finished.set(true);
    }

    @Test
    void attemptsMadeWhileTheDatabaseIsAwayAreRecordedInOrderWhenItReturns() {
        AttemptRecorder recorder = start(batch -> {
            if (databaseAway.get()) {
                throw new DataAccessException(new SQLException("connection refused", "08001"));
            }
            stored.addAll(batch);
        });
        databaseAway.set(true);
        List<Attempt> made = List.of(attempt("first"), attempt("second"), attempt("third"));
        made.forEach(recorder::add);

        await().atMost(Duration.ofSeconds(5)).until(recorder::waiting);
        assertThat(stored).isEmpty();

        databaseAway.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 3);
        assertThat(stored).containsExactlyElementsOf(made);
        assertThat(recorder.waiting()).isFalse();
        assertThat(resumed).hasValue(1);
    }

    @Test
    void oneAttemptABugRefusesSpoilsNoneOfTheOthersInItsBatch() {
        Attempt bad = attempt("bad");
        AttemptRecorder recorder = start(batch -> {
            if (batch.contains(bad)) {
                throw new IllegalStateException("a bug in a store");
            }
            stored.addAll(batch);
        });
        List<Attempt> good = List.of(attempt("a"), attempt("b"));
        recorder.add(good.get(0));
        recorder.add(bad);
        recorder.add(good.get(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 2);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(good);
        assertThat(recorder.waiting()).isFalse();
    }

    @Test
    void attemptsPilingUpAreRecordedInBatchesOfAtMostTheLimit() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        AttemptRecorder recorder = new AttemptRecorder(batch -> {
            sizes.add(batch.size());
            stored.addAll(batch);
        });
        for (int i = 0; i < AttemptRecorder.BATCH + 20; i++) {
            recorder.add(attempt("n" + i));
        }
        recorder.start(finished::get, resumed::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == AttemptRecorder.BATCH + 20);
        assertThat(sizes).first().isEqualTo(AttemptRecorder.BATCH);
    }

    @Test
    void stopsOnlyOnceEveryAttemptIsRecorded() throws InterruptedException {
        AttemptRecorder recorder = start(stored::addAll);
        recorder.add(attempt("last"));
        finished.set(true);

        recorder.join(Duration.ofSeconds(5));

        assertThat(stored).hasSize(1);
    }

    private AttemptRecorder start(AttemptRecorder.Writer writer) {
        AttemptRecorder recorder = new AttemptRecorder(writer);
        recorder.start(finished::get, resumed::incrementAndGet);
        return recorder;
    }

    private static Attempt attempt(String error) {
        PendingAlert alert = TestAlerts.pending("https://r.example/hook", Instant.now());
        return new Attempt(
                alert, new DeliveryResult(false, 500, 1, error, ""), Instant.now(), Optional.of(Instant.now()));
    }
}
