package org.advocacyalerts.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The one way the stack, the tests and the benchmarks remove a directory they made. */
public final class Directories {

    private static final int ATTEMPTS = 3;

    private Directories() {}

    /**
     * Deletes {@code dir} and everything in it; nothing happens when it does not exist. A process that has
     * just stopped (a browser's helper, a database flushing its last file) may still add or remove a file
     * while the walk runs: the walk is then made again, up to three times, before this gives up.
     */
    public static void delete(Path dir) {
        for (int attempt = 1; ; attempt++) {
            IOException failure;
            try {
                deleteOnce(dir);
                return;
            } catch (IOException e) {
                failure = e;
            } catch (UncheckedIOException e) {
                failure = e.getCause(); // how Files.walk reports a file that went while it walked
            }
            if (attempt == ATTEMPTS) {
                throw new UncheckedIOException("cannot delete " + dir, failure);
            }
            pause();
        }
    }

    private static void deleteOnce(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting a directory", e);
        }
    }
}
