package org.advocacyalerts.matcher;

import java.util.List;
import org.apache.lucene.search.Query;

/**
 * A query ready for the matcher: the Lucene query and the clauses that can produce evidence, each
 * with the label a reader sees ({@code detainees} (alias of {@code POWs})). The first
 * {@code subjectClauses} clauses are the query's subject (what it is about: the first clause of an AND,
 * the first side of a NEAR, in every branch of an OR), the others its context ("Armenia" in
 * {@code POWs AND Armenia}); evidence shows the subject first.
 */
public record CompiledQuery(String source, Query query, List<Clause> clauses, int subjectClauses) {

    /** A query whose every clause is its subject. */
    public CompiledQuery(String source, Query query, List<Clause> clauses) {
        this(source, query, clauses, clauses.size());
    }

    /** A word, phrase or wildcard of the query: its label and the terms it matches, per analysis. */
    public record Clause(String label, boolean prefix, List<String> exactTerms, List<String> stemmedTerms) {}

    /**
     * The clause an evidence label names first: a NEAR span or words that several clauses hit name them
     * all ("captives (alias of POWs) + Azerbaijan"), and the first decides where the evidence goes.
     */
    private static String firstNamed(String evidenceClause) {
        int plus = evidenceClause.indexOf(" + ");
        return plus < 0 ? evidenceClause : evidenceClause.substring(0, plus);
    }

    /**
     * The place, among the query's clauses, of the clause a piece of evidence (by its {@code clause})
     * names first; {@link Integer#MAX_VALUE} for none. Evidence is shown in this order.
     */
    int rank(String evidenceClause) {
        if (evidenceClause == null) {
            return Integer.MAX_VALUE;
        }
        String first = firstNamed(evidenceClause);
        for (int i = 0; i < clauses.size(); i++) {
            if (clauses.get(i).label().equals(first)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Whether a piece of evidence (by its {@code clause}) comes from the query's subject. */
    public boolean isSubject(String evidenceClause) {
        return rank(evidenceClause) < subjectClauses;
    }
}
