package org.advocacyalerts.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSizeTest {

    private static Statement withBody(String body) {
        return new Statement(
                UUID.randomUUID(),
                "state-department",
                "https://www.state.gov/x",
                "Prisoners of war",
                body,
                "en",
                Instant.parse("2021-05-28T14:00:00Z"),
                Instant.parse("2021-05-28T14:05:00Z"),
                "ab".repeat(32));
    }

    @Test
    void aThreeMegabyteStatementGoesOnKafkaCutAndSaysHowLongItWas() throws Exception {
        String body = "Azerbaijan must release the prisoners of war. " + "Détenus arméniens à Bakou. ".repeat(110_000);
        Statement event = EventSize.forEvent(withBody(body));

        byte[] json = CloudEventCodec.toJson(event);
        assertThat(json.length).isLessThan(1024 * 1024).isGreaterThan(EventSize.MAX_BODY_BYTES);
        assertThat(body).startsWith(event.body());
        assertThat(event.fullBodyLength()).isEqualTo(body.length());
        assertThat(event.bodyCut()).isTrue();
        assertThat(Json.mapper().readValue(json, Statement.class)).isEqualTo(event);
    }

    @Test
    void aStatementWithinTheLimitTravelsWholeAndItsJsonDoesNotMentionTheLimit() {
        Statement whole = withBody("Azerbaijan must release the prisoners of war.");
        assertThat(EventSize.forEvent(whole)).isSameAs(whole);
        assertThat(new String(CloudEventCodec.toJson(whole), StandardCharsets.UTF_8))
                .doesNotContain("fullBodyLength");
        assertThat(whole.bodyCut()).isFalse();
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String text = "a" + "😀".repeat(10); // 1 + 10 x 4 bytes
        assertThat(EventSize.cut(text, 7)).isEqualTo("a😀");
        assertThat(EventSize.cut(text, 41)).isEqualTo(text);
        assertThat(utf8Length(EventSize.cut("é".repeat(1000), 101))).isEqualTo(100);
    }

    @Test
    void aLongDiffIsCutWithALineSayingSo() {
        StatementRevised revised =
                new StatementRevised(withBody("short"), 1, "cd".repeat(32), "+ line\n".repeat(40_000));
        StatementRevised event = EventSize.forEvent(revised);
        assertThat(utf8Length(event.diff())).isLessThan(EventSize.MAX_DIFF_BYTES + 100);
        assertThat(event.diff()).endsWith("… diff cut here: 280000 characters in all\n");
        assertThat(CloudEventCodec.toJson(event).length).isLessThan(1024 * 1024);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
