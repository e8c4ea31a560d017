package org.advocacyalerts.ingest.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.ingest.api.StatementRequest;
import org.advocacyalerts.ingest.api.StatementValidator;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.intake.StatementService;

/**
 * Loads the sample statements of {@code ingest.seeds.dir} at start through the same validation and
 * dedupe as the API: a restart stores and publishes nothing twice. A bad file is reported and skipped.
 */
@ApplicationScoped
public class SeedStatementLoader {

    private final IngestConfig config;
    private final StatementValidator validator;
    private final StatementService service;
    private final ObjectMapper mapper;

    SeedStatementLoader(
            IngestConfig config, StatementValidator validator, StatementService service, ObjectMapper mapper) {
        this.config = config;
        this.validator = validator;
        this.service = service;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        config.seeds().dir().ifPresent(this::load);
    }

    void load(Path dir) {
        if (!Files.isDirectory(dir)) {
            Log.warnf("seed folder %s does not exist; no sample statements loaded", dir);
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            Log.errorf("cannot list seed folder %s: %s", dir, e.getMessage());
            return;
        }
        int created = 0;
        for (Path file : files) {
            try {
                StatementRequest request = mapper.readValue(file.toFile(), StatementRequest.class);
                if (service.accept(validator.validate(request)).created()) {
                    created++;
                }
            } catch (IOException e) {
                Log.errorf("seed %s is not valid JSON, skipped: %s", file, e.getMessage());
            } catch (ProblemException e) {
                Log.errorf("seed %s is invalid, skipped: %s", file, e.problem().errors());
            }
        }
        Log.infof("seed statements: %d file(s) in %s, %d new", files.size(), dir, created);
    }
}
