package org.advocacyalerts.matcher;

import java.util.List;
import org.advocacyalerts.model.Evidence;

/**
 * Why a query missed a statement: which of its words, phrases and wildcards (or their aliases) the
 * statement holds, each with its sentence, and which it lacks, as written in the query. What a person
 * tuning a topic reads to see what to add or loosen.
 */
public final class NearMisses {

    /** The query's words the statement holds (evidence) and those it lacks (labels as written). */
    public record NearMiss(List<Evidence> found, List<String> missing) {}

    private final List<CompiledQuery> anyTerm;
    private final List<QueryCompiler.WrittenTerm> terms;

    /** @throws QuerySyntaxException when the query is not valid */
    public NearMisses(QueryCompiler compiler, String query, Thesaurus thesaurus) {
        this.anyTerm = compiler.anyTermOf(query, thesaurus);
        this.terms = compiler.terms(query);
    }

    public NearMiss of(StatementText statement) {
        // one analysis of the statement for all chunks of the query's terms
        List<Evidence> found = TopicMonitor.evidenceOf(anyTerm, statement).stream()
                .flatMap(e -> e.orElse(List.of()).stream())
                .toList();
        List<String> missing = terms.stream()
                .filter(t -> found.stream().noneMatch(e -> t.names(e.clause())))
                .map(QueryCompiler.WrittenTerm::label)
                .distinct()
                .toList();
        return new NearMiss(found, missing);
    }
}
