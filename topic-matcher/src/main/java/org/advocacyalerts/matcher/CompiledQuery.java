package org.advocacyalerts.matcher;

import java.util.List;
import org.apache.lucene.search.Query;

/**
 * A query ready for the matcher: the Lucene query and the clauses that can produce evidence, each
 * with the label a reader sees ({@code detainees} (alias of {@code POWs})).
 */
public record CompiledQuery(String source, Query query, List<Clause> clauses) {

    /** A word, phrase or wildcard of the query: its label and the terms it matches, per analysis. */
    public record Clause(String label, boolean prefix, List<String> exactTerms, List<String> stemmedTerms) {}
}
