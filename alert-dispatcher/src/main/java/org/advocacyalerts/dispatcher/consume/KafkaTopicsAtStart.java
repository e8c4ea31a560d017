package org.advocacyalerts.dispatcher.consume;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.advocacyalerts.dispatcher.config.DispatcherConfig;
import org.advocacyalerts.model.TopicProvisioner;

/**
 * Creates the {@code statements} topic if ingest has not yet (and the dead-letter topic of refused
 * records), so the consumer finds its partitions at once; not at all with {@code
 * dispatcher.create-topics=false} (topics made by the platform). Kafka being down here is not fatal: the
 * consumer waits, and ingest creates the topic later.
 */
@ApplicationScoped
public class KafkaTopicsAtStart {

    private final boolean create;

    @Inject
    KafkaTopicsAtStart(DispatcherConfig config) {
        this(config.createTopics());
    }

    KafkaTopicsAtStart(boolean create) {
        this.create = create;
    }

    void onStart(
            @Observes @Priority(0) StartupEvent event,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        if (!create) {
            return;
        }
        try {
            TopicProvisioner.ensure(
                    kafkaConfig, List.of(TopicProvisioner.STATEMENTS, TopicProvisioner.STATEMENTS_DEAD_LETTER), 10);
        } catch (IllegalStateException e) {
            Log.warnf("could not create Kafka topics at start: %s", e.getMessage());
        }
    }
}
