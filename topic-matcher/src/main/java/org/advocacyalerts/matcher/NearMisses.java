package org.advocacyalerts.matcher;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.advocacyalerts.model.Evidence;

/**
 * Why a query missed a statement: which of its words, phrases and wildcards (or their aliases) the
 * statement holds, each with its sentence, which it lacks, as written in the query, and which of the
 * words it excludes the statement holds. What a person tuning a topic reads to see what to add or loosen.
 */
public final class NearMisses {

    /**
     * The query's words the statement holds (evidence), those it lacks (labels as written), and the words
     * under a NOT or after a NOT/s it holds (evidence: what may have ruled it out; a NOT/s word rules out
     * only the sentences of the chain it ends).
     */
    public record NearMiss(List<Evidence> found, List<String> missing, List<Evidence> excluding) {}

    private final List<CompiledQuery> anyTerm;
    private final int positiveChunks;
    private final List<QueryCompiler.WrittenTerm> terms;

    /** @throws QuerySyntaxException when the query is not valid */
    public NearMisses(QueryCompiler compiler, String query, Thesaurus thesaurus) {
        List<CompiledQuery> positive = compiler.anyTermOf(query, thesaurus);
        this.positiveChunks = positive.size();
        this.anyTerm = Stream.concat(positive.stream(), compiler.anyExcludedTermOf(query, thesaurus).stream())
                .toList();
        this.terms = compiler.terms(query);
    }

    public NearMiss of(StatementText statement) {
        // one analysis of the statement for all chunks of the query's terms, excluded ones last
        List<Optional<List<Evidence>>> evidence = TopicMonitor.evidenceOf(anyTerm, statement);
        List<Evidence> found = onePerSpan(evidence.subList(0, positiveChunks));
        List<Evidence> excluding = onePerSpan(evidence.subList(positiveChunks, evidence.size()));
        List<String> missing = terms.stream()
                .filter(t -> found.stream().noneMatch(e -> t.names(e.clause())))
                .map(QueryCompiler.WrittenTerm::label)
                .distinct()
                .toList();
        return new NearMiss(found, missing, excluding);
    }

    /**
     * The chunks' evidence, each span of text once. Within a chunk a span is labelled once already, and
     * the compiler packs each alternative once; but two different alternatives can hit the same span
     * ({@code Armenia*} and "Armenian") and fall in two chunks where the query's alternatives are cut.
     * The first label stays.
     */
    private static List<Evidence> onePerSpan(List<Optional<List<Evidence>>> chunks) {
        Set<List<Object>> seen = new HashSet<>();
        return chunks.stream()
                .flatMap(e -> e.orElse(List.of()).stream())
                .filter(e -> seen.add(List.of(e.field(), e.start(), e.end())))
                .toList();
    }
}
