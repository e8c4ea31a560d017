package org.advocacyalerts.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.advocacyalerts.local.Directories;
import org.advocacyalerts.local.EmbeddedKafka;
import org.advocacyalerts.local.FreePorts;
import org.advocacyalerts.model.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a fresh broker: the topics are made at start, unless the platform makes them (create-topics false). */
class KafkaTopicsAtStartTest {

    private static Path logDir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void freshBroker() throws Exception {
        logDir = Files.createTempDirectory("topics-at-start");
        kafka = new EmbeddedKafka(FreePorts.next(), FreePorts.next(), logDir).start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
        Directories.delete(logDir);
    }

    private static Map<String, Object> config() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    private static boolean exists(String topic) throws Exception {
        try (Admin admin = Admin.create(config())) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        }
    }

    @Test
    void topicsAreLeftToThePlatformWhenTheServiceMayNotCreateThem() throws Exception {
        new KafkaTopicsAtStart(false).onStart(null, config());

        assertThat(exists(KafkaTopics.STATEMENTS)).isFalse();
        assertThat(exists(KafkaTopics.STATEMENTS_DEAD_LETTER)).isFalse();

        new KafkaTopicsAtStart(true).onStart(null, config());

        assertThat(exists(KafkaTopics.STATEMENTS)).isTrue();
        assertThat(exists(KafkaTopics.STATEMENTS_DEAD_LETTER)).isTrue();
    }
}
