package org.advocacyalerts.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource: one real Kafka broker per test JVM on free ports, shared by every test class
 * and stopped, its log directory deleted, when the JVM exits. Tests may {@link EmbeddedKafka#stop() stop}
 * and restart it through {@link #kafka()} to simulate an outage.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka kafka;

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            try {
                Path logDir = Files.createTempDirectory("kafka-test-");
                EmbeddedKafka started = new EmbeddedKafka(FreePorts.next(), FreePorts.next(), logDir).start();
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    started.stop();
                                    Directories.delete(logDir);
                                },
                                "embedded-kafka-stop"));
                kafka = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: the shutdown hook stops it once, at the end.
    }
}
