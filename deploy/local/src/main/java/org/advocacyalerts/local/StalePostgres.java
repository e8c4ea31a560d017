package org.advocacyalerts.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL left running by a launcher that was killed (SIGKILL, power loss) holds the data
 * directory; stop it so that the next start can take over the same data.
 */
final class StalePostgres {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private StalePostgres() {}

    static void stopIfRunning(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
        if (postmaster.isEmpty() || !postmaster.get().isAlive() || !isPostgres(postmaster.get())) {
            return; // PostgreSQL removes a stale pid file itself at start
        }
        LocalStack.say(
                "Stopping PostgreSQL left running from an earlier start (pid %d)",
                postmaster.get().pid());
        postmaster.get().destroy(); // SIGTERM = PostgreSQL "smart" shutdown
        try {
            postmaster.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.get().destroyForcibly();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
    }
}
