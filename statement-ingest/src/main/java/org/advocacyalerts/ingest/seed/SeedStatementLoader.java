package org.advocacyalerts.ingest.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.ingest.api.StatementRequest;
import org.advocacyalerts.ingest.api.StatementValidator;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.intake.StatementService;
import org.advocacyalerts.support.SeedFiles;
import org.advocacyalerts.support.SeedFiles.Seed;

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
        List<Seed<StatementRequest>> seeds = SeedFiles.read(dir, StatementRequest.class, mapper);
        int created = 0;
        for (Seed<StatementRequest> seed : seeds) {
            try {
                if (service.accept(validator.validate(seed.value())).created()) {
                    created++;
                }
            } catch (ProblemException e) {
                Log.errorf(
                        "seed %s is invalid, skipped: %s",
                        seed.file(), e.problem().errors());
            }
        }
        Log.infof("seed statements: %d in %s, %d new", seeds.size(), dir, created);
    }
}
