package org.advocacyalerts.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command-line tools the checks run (promtool, kubectl), as CI installs them. */
final class Tools {

    private Tools() {}

    /** What a finished command printed (stdout and stderr together) and its exit code. */
    record Run(int exitCode, String output) {}

    /** Runs a tool in {@code dir}; fails with how to install it when it is missing. */
    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        assertThat(onPath(command[0]))
                .as(
                        "%s is needed: .ci/run installs it (Debian: apt-get install %s)",
                        command[0], debianPackage(command[0]))
                .isTrue();
        Path output = Files.createTempFile("tool", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String tool) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }

    private static String debianPackage(String tool) {
        return tool.equals("promtool") ? "prometheus" : tool;
    }
}
