package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.advocacyalerts.dispatcher.delivery.WebhookPayloads;
import org.advocacyalerts.model.Alert;
import org.advocacyalerts.model.Evidence;
import org.advocacyalerts.model.Statement;
import org.advocacyalerts.model.TopicMatch;
import org.junit.jupiter.api.Test;

class WebhookPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static Alert alert(String body, int evidencePieces) {
        Statement statement = new Statement(
                UUID.randomUUID(),
                "state-department",
                "https://www.state.gov/statement",
                "Prisoners of war",
                body,
                "en",
                NOW,
                NOW,
                "sha");
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < evidencePieces; i++) {
            evidence.add(new Evidence(
                    "body",
                    i,
                    i + 16,
                    "prisoners of war",
                    "They must release the prisoners of war now, number " + i + ".",
                    "POWs"));
        }
        UUID subscription = UUID.randomUUID();
        return new Alert(
                Alert.idFor(statement.id(), subscription),
                statement.id(),
                subscription,
                List.of("prisoners"),
                List.of(new TopicMatch("prisoners", evidence)),
                statement,
                NOW);
    }

    @Test
    void aShortStatementIsSentWhole() throws Exception {
        Alert alert = alert("Azerbaijan must release the prisoners of war.", 1);
        JsonNode body = JSON.readTree(WebhookPayloads.of(alert, 0, NOW, null));
        assertThat(body.at("/data/statement/body").asText())
                .isEqualTo(alert.statement().body());
        assertThat(body.at("/data/bodyTruncated").isMissingNode()).isTrue();
        assertThat(body.at("/data/fullText").isMissingNode()).isTrue();
    }

    @Test
    void aLongBodyIsCutUnder20KbAtACharacterWithALinkToTheFullText() throws Exception {
        // Quotes, newlines and characters of 2, 3 and 4 UTF-8 bytes (a surrogate pair) cost more than one byte.
        String unit = "Ереван \"border\"\n 和平 🕊 release the prisoners. ";
        String long_ = unit.repeat(20_000);
        Alert alert = alert(long_, 3);

        byte[] payload = WebhookPayloads.of(alert, 0, NOW, "https://alerts.example/api/statements/{id}");

        assertThat(payload.length).isLessThanOrEqualTo(20 * 1024).isGreaterThan(15 * 1024);
        JsonNode body = JSON.readTree(payload);
        String cut = body.at("/data/statement/body").asText();
        assertThat(long_).startsWith(cut);
        assertThat(cut).isNotEmpty();
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
        assertThat(body.at("/data/bodyTruncated").asBoolean()).isTrue();
        assertThat(body.at("/data/fullText").asText())
                .isEqualTo("https://alerts.example/api/statements/" + alert.statementId());
        assertThat(body.at("/data/matches/0/evidence")).hasSize(3);
        assertThat(body.at("/data/statement/title").asText()).isEqualTo("Prisoners of war");
    }

    @Test
    void withoutALinkSettingTheStatementsOwnPageIsLinked() throws Exception {
        JsonNode body = JSON.readTree(WebhookPayloads.of(alert("x".repeat(50_000), 1), 0, NOW, null));
        assertThat(body.at("/data/fullText").asText()).isEqualTo("https://www.state.gov/statement");
    }

    @Test
    void evidenceTooLongToFitIsShortenedToItsFirstPieces() throws Exception {
        Alert alert = alert("Short body.", 2_000);

        byte[] payload = WebhookPayloads.of(alert, 0, NOW, null);

        assertThat(payload.length).isLessThanOrEqualTo(20 * 1024);
        JsonNode evidence = JSON.readTree(payload).at("/data/matches/0/evidence");
        assertThat(evidence.size()).isBetween(1, 20);
        assertThat(evidence.get(0).get("sentence").asText()).endsWith("number 0.");
    }

    @Test
    void aSharedBodyBecomesEachSubscriptionsOwnAndNothingElseChanges() throws Exception {
        // A statement whose text looks like the field that is replaced must keep its text.
        Alert own = alert("Quoted: \"subscriptionId\":\"" + WebhookPayloads.SHARED + "\" must stay as it is.", 2);
        Alert shared = new Alert(
                own.id(),
                own.statementId(),
                WebhookPayloads.SHARED,
                own.topics(),
                own.matches(),
                own.statement(),
                own.createdAt());

        byte[] spliced =
                WebhookPayloads.forSubscription(WebhookPayloads.of(shared, 0, NOW, null), own.subscriptionId());

        assertThat(JSON.readTree(spliced)).isEqualTo(JSON.readTree(WebhookPayloads.of(own, 0, NOW, null)));
        assertThat(JSON.readTree(spliced).at("/data/statement/body").asText())
                .isEqualTo(own.statement().body());
    }
}
