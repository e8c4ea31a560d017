package org.advocacyalerts.dispatcher.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.advocacyalerts.model.Statement;

/**
 * Matches statements against topics: each term is a word or phrase found case-insensitively on word
 * boundaries, with any whitespace between the words of a phrase. Immutable: a topic change builds a new
 * matcher, so matching never sees half an update.
 */
public final class TopicMatcher {

    private record CompiledTopic(String id, Pattern pattern) {}

    private final List<CompiledTopic> topics;

    public TopicMatcher(List<Topic> topics) {
        this.topics = topics.stream()
                .filter(t -> !t.terms().isEmpty())
                .map(t -> new CompiledTopic(t.id(), compile(t.terms())))
                .toList();
    }

    public int size() {
        return topics.size();
    }

    /** The ids of the topics the statement's title or body matches, in topic order. */
    public Set<String> match(Statement statement) {
        Set<String> matched = new LinkedHashSet<>();
        for (CompiledTopic topic : topics) {
            if (topic.pattern().matcher(statement.title()).find()
                    || topic.pattern().matcher(statement.body()).find()) {
                matched.add(topic.id());
            }
        }
        return matched;
    }

    static Pattern compile(List<String> terms) {
        List<String> alternatives = new ArrayList<>();
        for (String term : terms) {
            String[] words = term.strip().split("\\s+");
            if (words.length > 0 && !words[0].isEmpty()) {
                alternatives.add(Arrays.stream(words).map(Pattern::quote).collect(Collectors.joining("\\s+")));
            }
        }
        // A letter or digit right before or after the term means it is part of another word.
        String regex = "(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])";
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
