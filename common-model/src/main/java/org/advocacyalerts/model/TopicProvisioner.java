package org.advocacyalerts.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a service needs when they are missing (broker auto-creation is off). The
 * replication factor is left to the broker's {@code default.replication.factor}, so one node locally
 * and three in production need no setting here.
 */
public final class TopicProvisioner {

    /** The statements topic with its partition count. */
    public static final NewTopic STATEMENTS =
            new NewTopic(KafkaTopics.STATEMENTS, Optional.of(KafkaTopics.STATEMENTS_PARTITIONS), Optional.empty());

    /** Refused statement records: few, read by people, one partition. */
    public static final NewTopic STATEMENTS_DEAD_LETTER =
            new NewTopic(KafkaTopics.STATEMENTS_DEAD_LETTER, Optional.of(1), Optional.empty());

    private TopicProvisioner() {}

    /**
     * Creates each topic that does not exist yet.
     *
     * @throws IllegalStateException when the broker does not answer within {@code timeoutSeconds}
     */
    public static void ensure(Map<String, Object> adminConfig, List<NewTopic> topics, long timeoutSeconds) {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another replica creating it at the same time is fine
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topics " + names(topics) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }

    private static List<String> names(List<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).toList();
    }
}
