package org.advocacyalerts.dispatcher.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicRegistry;
import org.advocacyalerts.dispatcher.store.TopicStore;
import org.advocacyalerts.support.SeedFiles;
import org.advocacyalerts.support.SeedFiles.Seed;

/**
 * Stores the default topics of {@code dispatcher.seeds.dir} that are not in the database yet, then
 * builds the matcher. Runs before the Kafka consumer starts, so no statement is matched without them.
 */
@ApplicationScoped
public class TopicSeeder {

    static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

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
        int created = 0;
        for (Seed<Topic> seed : seeds) {
            String problem = check(seed.value());
            if (problem != null) {
                Log.errorf("topic seed %s is invalid, skipped: %s", seed.file(), problem);
            } else if (store.insertIfAbsent(seed.value())) {
                created++;
            }
        }
        Log.infof("topic seeds: %d in %s, %d new", seeds.size(), dir, created);
    }

    static String check(Topic topic) {
        if (topic.id() == null || !TOPIC_ID.matcher(topic.id()).matches()) {
            return "id must be 1-64 lowercase letters, digits or '-'";
        }
        if (topic.name() == null || topic.name().isBlank() || topic.description() == null) {
            return "name and description are required";
        }
        if (topic.terms().isEmpty() || topic.terms().stream().anyMatch(t -> t == null || t.isBlank())) {
            return "terms must be a non-empty list of words or phrases";
        }
        return null;
    }
}
