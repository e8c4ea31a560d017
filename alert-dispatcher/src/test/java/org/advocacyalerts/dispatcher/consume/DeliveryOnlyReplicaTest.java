package org.advocacyalerts.dispatcher.consume;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.advocacyalerts.dispatcher.StatementsProducer;
import org.advocacyalerts.dispatcher.Subscriptions;
import org.advocacyalerts.local.KafkaTestResource;
import org.advocacyalerts.local.PostgresTestResource;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.support.Jdbc;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica with matching off (the Kubernetes Deployment alert-dispatcher-delivery) stays out of the
 * statements' consumer group and sends the alerts the matching replicas stored.
 */
@QuarkusTest
@TestProfile(DeliveryOnlyReplicaTest.DeliveryOnly.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class DeliveryOnlyReplicaTest {

    public static class DeliveryOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatcher.matching.enabled", "false");
        }
    }

    @Inject
    AlertPlanner planner;

    @Inject
    DataSource dataSource;

    private HttpServer receiver;
    private String subscription;

    @AfterEach
    void cleanUp() {
        Subscriptions.delete(subscription);
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void leavesStatementsToTheMatchingReplicasAndSendsTheAlertsTheyStore() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        subscription = Subscriptions.webhook(
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "prisoners");

        Statement onKafka = StatementsProducer.statement(
                "Published to Kafka", "Azerbaijan must release the Armenian prisoners of war it holds.");
        StatementsProducer.publish(onKafka);
        // what a matching replica does with a statement: stores it and its alerts
        Statement planned = StatementsProducer.statement(
                "Planned by a matching replica", "The Armenian prisoners of war held in Baku must go home.");
        planner.plan(planned);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> received.stream()
                        .anyMatch(body -> body.contains(planned.id().toString())));

        assertThat(received).noneMatch(body -> body.contains(onKafka.id().toString()));
        assertThat(statementsStored(onKafka)).isZero();
        assertThat(membersOfTheConsumerGroup()).isZero();
        // readiness checks no Kafka channel: there is none on this replica
        assertThat(given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain("statements-in");
    }

    private long statementsStored(Statement statement) {
        return Jdbc.inTransaction(
                        dataSource,
                        c -> Jdbc.query(
                                c, "SELECT count(*) FROM statement WHERE id = ?", rs -> rs.getLong(1), statement.id()))
                .get(0);
    }

    private int membersOfTheConsumerGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.kafka().bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("alert-dispatcher"))
                    .describedGroups()
                    .get("alert-dispatcher")
                    .get(10, TimeUnit.SECONDS);
            return group.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0; // no replica ever joined it on this broker
            }
            throw e;
        }
    }
}
