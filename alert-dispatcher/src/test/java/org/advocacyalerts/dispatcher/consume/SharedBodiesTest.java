package org.advocacyalerts.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;
import org.junit.jupiter.api.Test;

class SharedBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Statement STATEMENT = new Statement(
            UUID.randomUUID(),
            "state-department-press",
            "https://www.state.gov/statement",
            "Prisoners of war",
            "Azerbaijan must release the Armenian prisoners of war.",
            "en",
            NOW,
            NOW,
            "ab".repeat(32));
    private static final TopicMatch PRISONERS = new TopicMatch(
            "prisoners", List.of(new Evidence("body", 28, 52, "Armenian prisoners of war", STATEMENT.body(), "POWs")));
    private static final PlanContext PLAN =
            new PlanContext(STATEMENT, 0, Map.of("prisoners", PRISONERS), Map.of(), NOW, null);

    private final SharedBodies bodies = new SharedBodies(null);

    @Test
    void oneBodyPerSetOfTopicsStoredByTheFirstChunkThatNeedsIt() {
        bodies.startChunk();
        UUID first = bodies.bodyFor(PLAN, 0, List.of("prisoners"), List.of(PRISONERS));
        UUID again = bodies.bodyFor(PLAN, 0, List.of("prisoners"), List.of(PRISONERS));
        assertThat(again).isEqualTo(first);
        assertThat(bodies.toStore()).containsOnlyKeys(first);

        bodies.chunkStored(Set.of(first));
        bodies.startChunk();
        bodies.bodyFor(PLAN, 0, List.of("prisoners"), List.of(PRISONERS));

        assertThat(bodies.toStore()).as("stored by the chunk before").isEmpty();
        assertThat(bodies.isOurs(first, Set.of())).isTrue();
    }

    @Test
    void aBodyAnEarlierPlanStoredIsNotOursSoItsAlertsAreNotHandedOff() {
        bodies.startChunk();
        UUID body = bodies.bodyFor(PLAN, 0, List.of("prisoners"), List.of(PRISONERS));

        bodies.chunkStored(Set.of()); // the insert found it there already

        assertThat(bodies.isOurs(body, Set.of())).isFalse();
    }

    @Test
    void eachSubscriptionGetsTheBodyWithItsOwnId() throws Exception {
        bodies.startChunk();
        UUID body = bodies.bodyFor(PLAN, 0, List.of("prisoners"), List.of(PRISONERS));
        UUID subscription = UUID.randomUUID();

        JsonNode sent = JSON.readTree(bodies.forSubscription(body, subscription));

        assertThat(sent.at("/data/subscriptionId").asText()).isEqualTo(subscription.toString());
        assertThat(sent.at("/data/topics/0").asText()).isEqualTo("prisoners");
        assertThat(sent.at("/data/matches/0/evidence/0/sentence").asText()).isEqualTo(STATEMENT.body());
    }

    @Test
    void aRevisionAlertHasABodyOfItsOwn() {
        bodies.startChunk();
        UUID created = bodies.bodyFor(PLAN, 0, List.of("prisoners"), List.of(PRISONERS));
        UUID revised = bodies.bodyFor(PLAN, 1, List.of("prisoners"), List.of(PRISONERS));
        assertThat(revised).isNotEqualTo(created);
    }
}
