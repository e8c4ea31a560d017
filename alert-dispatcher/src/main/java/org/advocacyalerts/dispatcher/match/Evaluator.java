package org.advocacyalerts.dispatcher.match;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.advocacyalerts.matcher.CompiledQuery;
import org.advocacyalerts.matcher.NearMisses;
import org.advocacyalerts.matcher.QueryCompiler;
import org.advocacyalerts.matcher.StatementText;
import org.advocacyalerts.matcher.TopicMonitor;
import org.advocacyalerts.model.Evidence;

/**
 * A topic's query against statements whose right answer is known: how many it gets right, and for each
 * error why — a false positive with the evidence that matched (the clause and its sentence), a false
 * negative with the words of the query it holds and those it lacks — so whoever writes the topic sees
 * what to change.
 */
@ApplicationScoped
public class Evaluator {

    /** A statement and whether the topic should alert it. */
    public record Labelled(String id, String title, String body, String language, boolean relevant) {}

    /** A statement the query alerted that it should not have, and why it matched. */
    public record FalsePositive(String id, String title, List<Evidence> evidence) {}

    /**
     * A statement the query missed: the query's words it holds (with the sentence of each), those it
     * lacks, as written in the query, and the words under a NOT or after a NOT/s it holds (with the
     * sentence of each: what may have ruled it out).
     */
    public record FalseNegative(
            String id, String title, List<Evidence> found, List<String> missing, List<Evidence> excluding) {}

    /**
     * Precision and recall are null when undefined (nothing alerted, or nothing relevant); {@code standIns}
     * are the query's words that stand for a whole alias group they are not the first term of, which
     * often explains an error (a word under a NOT that leaves out all of its group).
     */
    public record Result(
            String query,
            int statements,
            int relevant,
            int truePositives,
            Double precision,
            Double recall,
            List<FalsePositive> falsePositives,
            List<FalseNegative> falseNegatives,
            List<QueryCompiler.StandIn> standIns) {}

    private final TopicRegistry registry;

    Evaluator(TopicRegistry registry) {
        this.registry = registry;
    }

    /** @throws org.advocacyalerts.matcher.QuerySyntaxException when the query is not valid */
    public Result run(String query, List<List<String>> aliases, List<Labelled> statements) {
        CompiledQuery compiled = registry.compileTopic(query, aliases);
        NearMisses nearMisses = registry.nearMisses(query, aliases);
        int relevant = 0;
        int truePositives = 0;
        int alerted = 0;
        List<FalsePositive> falsePositives = new ArrayList<>();
        List<FalseNegative> falseNegatives = new ArrayList<>();
        for (Labelled s : statements) {
            StatementText text = new StatementText(s.title(), s.body(), s.language(), null);
            Optional<List<Evidence>> matched = TopicMonitor.evidenceOf(compiled, text);
            relevant += s.relevant() ? 1 : 0;
            alerted += matched.isPresent() ? 1 : 0;
            if (matched.isPresent() && s.relevant()) {
                truePositives++;
            } else if (matched.isPresent()) {
                falsePositives.add(new FalsePositive(s.id(), s.title(), matched.get()));
            } else if (s.relevant()) {
                NearMisses.NearMiss why = nearMisses.of(text);
                falseNegatives.add(new FalseNegative(s.id(), s.title(), why.found(), why.missing(), why.excluding()));
            }
        }
        return new Result(
                query,
                statements.size(),
                relevant,
                truePositives,
                alerted == 0 ? null : (double) truePositives / alerted,
                relevant == 0 ? null : (double) truePositives / relevant,
                falsePositives,
                falseNegatives,
                registry.standIns(query, aliases));
    }
}
