package org.advocacyalerts.dispatcher.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.match.TopicValidator;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.support.SeedFiles;
import org.advocacyalerts.support.SeedFiles.Seed;

/**
 * Stores the default topics of {@code dispatcher.seeds.dir} (new ones, and changed ones that still follow
 * their seed), then builds the matcher. Statements wait for this first build before they are matched.
 */
@ApplicationScoped
public class TopicSeeder {

    private final DispatcherConfig config;
    private final TopicStore store;
    private final TopicRegistry registry;
    private final ObjectMapper mapper;

    TopicSeeder(DispatcherConfig config, TopicStore store, TopicRegistry registry, ObjectMapper mapper) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.mapper = mapper;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        config.seeds().dir().ifPresent(this::load);
        Log.infof("matcher ready with %d topic(s)", registry.reload());
    }

    void load(Path dir) {
        List<Seed<Topic>> seeds = SeedFiles.read(dir, Topic.class, mapper);
        Map<TopicStore.Outcome, Integer> outcomes = new EnumMap<>(TopicStore.Outcome.class);
        for (Seed<Topic> seed : seeds) {
            String problem = TopicValidator.problem(seed.value(), registry);
            if (problem != null) {
                Log.errorf("topic seed %s is invalid, skipped: %s", seed.file(), problem);
            } else {
                outcomes.merge(store.upsertFromSeed(seed.value()), 1, Integer::sum);
            }
        }
        Log.infof("topic seeds: %d in %s, %s", seeds.size(), dir, outcomes);
    }
}
