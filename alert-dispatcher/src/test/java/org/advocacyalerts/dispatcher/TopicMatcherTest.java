package org.advocacyalerts.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.advocacyalerts.dispatcher.match.Topic;
import org.advocacyalerts.dispatcher.match.TopicMatcher;
import org.advocacyalerts.model.Statement;
import org.junit.jupiter.api.Test;

class TopicMatcherTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TopicMatcher seeded = new TopicMatcher(seedTopics());

    static List<Topic> seedTopics() {
        List<Topic> topics = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../seeds/topics"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                topics.add(MAPPER.readValue(file.toFile(), Topic.class));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return topics;
    }

    static Statement statement(String title, String body) {
        return new Statement(
                UUID.randomUUID(),
                "test",
                "https://example.org/s",
                title,
                body,
                "en",
                Instant.now(),
                Instant.now(),
                "0");
    }

    @Test
    void seedStatementMatchesBorderPrisonersAndSection907() throws IOException {
        String body = Files.readString(Path.of("../seeds/statements/2021-05-28-armenian-assembly-pows-border.json"));

        assertThat(seeded.match(statement("Assembly statement", body)))
                .containsExactlyInAnyOrder("border", "prisoners", "section-907");
    }

    @Test
    void phraseMatchesAcrossLineBreaksAndCase() {
        Topic topic = new Topic("prisoners", "P", "d", List.of("prisoners of war"));

        assertThat(new TopicMatcher(List.of(topic)).match(statement("t", "release all PRISONERS\n  of\twar now")))
                .containsExactly("prisoners");
    }

    @Test
    void termMatchesOnlyWholeWords() {
        TopicMatcher matcher = new TopicMatcher(List.of(new Topic("prisoners", "P", "d", List.of("POW"))));

        assertThat(matcher.match(statement("Power and powder", "empowerment, POWs")))
                .isEmpty();
        assertThat(matcher.match(statement("t", "a former POW, freed"))).containsExactly("prisoners");
        assertThat(matcher.match(statement("t", "(pow)"))).containsExactly("prisoners");
    }

    @Test
    void punctuationInTermsIsLiteral() {
        TopicMatcher matcher = new TopicMatcher(List.of(new Topic("section-907", "S", "d", List.of("Sec. 907"))));

        assertThat(matcher.match(statement("t", "under Sec. 907 of the Act"))).containsExactly("section-907");
        assertThat(matcher.match(statement("t", "under Sec 907 or Secx907"))).isEmpty();
    }

    @Test
    void titleAloneIsEnough() {
        assertThat(seeded.match(statement("Waiver of Section 907", "The President signed it.")))
                .containsExactly("section-907");
    }

    @Test
    void unrelatedStatementMatchesNothing() {
        assertThat(seeded.match(statement("Statement on National Farm Safety Week", "Farmers feed the nation.")))
                .isEmpty();
    }

    @Test
    void nonAsciiLettersAreWordCharacters() {
        TopicMatcher matcher = new TopicMatcher(List.of(new Topic("t", "T", "d", List.of("Erdoğan"))));

        assertThat(matcher.match(statement("t", "President ERDOĞAN said"))).containsExactly("t");
        assertThat(matcher.match(statement("t", "Erdoğanist"))).isEmpty();
    }
}
