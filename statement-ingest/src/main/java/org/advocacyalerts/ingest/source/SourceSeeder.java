package org.advocacyalerts.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.advocacyalerts.api.ProblemException;
import org.advocacyalerts.ingest.api.SourceRequest;
import org.advocacyalerts.ingest.api.SourceValidator;
import org.advocacyalerts.ingest.config.IngestConfig;
import org.advocacyalerts.ingest.store.SourceStore;
import org.advocacyalerts.support.SeedFiles;
import org.advocacyalerts.support.SeedFiles.Seed;

/**
 * Loads the default sources of {@code ingest.sources-dir} at start, validated like the API's. A seeded
 * source follows its file until someone edits it through the API; a bad file is reported and skipped.
 */
@ApplicationScoped
class SourceSeeder {

    private final IngestConfig config;
    private final SourceValidator validator;
    private final SourceStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    SourceSeeder(IngestConfig config, SourceValidator validator, SourceStore store, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.validator = validator;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        config.sourcesDir().ifPresent(this::load);
    }

    void load(Path dir) {
        List<Seed<SourceRequest>> seeds = SeedFiles.read(dir, SourceRequest.class, mapper);
        for (Seed<SourceRequest> seed : seeds) {
            try {
                store.upsertFromSeed(validator.validate(seed.value(), null), clock.instant());
            } catch (ProblemException e) {
                Log.errorf(
                        "source seed %s is invalid, skipped: %s",
                        seed.file(), e.problem().errors());
            }
        }
        Log.infof("default sources: %d in %s", seeds.size(), dir);
    }
}
