package org.advocacyalerts.support;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * Deletes old rows in small batches, each its own short transaction with a pause between, so that
 * retention never holds many row locks or a connection for long, nor competes with the hot path for the
 * database (the first run after an upgrade may find millions of rows: it takes its time).
 */
public final class BatchedDelete {

    /** Rows per transaction: a few milliseconds of work each. */
    public static final int BATCH = 1_000;

    /** Between two batches: the hot path's transactions go first. */
    private static final Duration PAUSE = Duration.ofMillis(50);

    private BatchedDelete() {}

    /**
     * Runs {@code deleteBatch} (a store's delete of at most {@link #BATCH} rows, returning how many it
     * deleted) in transactions of its own until it deletes fewer than a batch; returns how many rows went.
     */
    public static long run(DataSource dataSource, Jdbc.Work<Integer> deleteBatch) {
        long total = 0;
        while (true) {
            int deleted = Jdbc.inTransaction(dataSource, deleteBatch);
            total += deleted;
            if (deleted < BATCH) {
                return total;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return total;
            }
        }
    }
}
