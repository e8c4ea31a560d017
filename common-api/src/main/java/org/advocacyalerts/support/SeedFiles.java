package org.advocacyalerts.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Reads a seed folder: every {@code *.json} file in name order, one object each. A missing folder or
 * a file that does not parse is reported and skipped: seeds never stop a service from starting.
 */
public final class SeedFiles {

    private static final Logger LOG = Logger.getLogger(SeedFiles.class);

    /** One parsed seed file. */
    public record Seed<T>(Path file, T value) {}

    private SeedFiles() {}

    public static <T> List<Seed<T>> read(Path dir, Class<T> type, ObjectMapper mapper) {
        if (!Files.isDirectory(dir)) {
            LOG.warnf("seed folder %s does not exist; nothing loaded from it", dir);
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            LOG.errorf("cannot list seed folder %s: %s", dir, e.getMessage());
            return List.of();
        }
        List<Seed<T>> seeds = new ArrayList<>();
        for (Path file : files) {
            try {
                seeds.add(new Seed<>(file, mapper.readValue(file.toFile(), type)));
            } catch (IOException e) {
                LOG.errorf("seed %s is not a valid %s, skipped: %s", file, type.getSimpleName(), e.getMessage());
            }
        }
        return seeds;
    }
}
