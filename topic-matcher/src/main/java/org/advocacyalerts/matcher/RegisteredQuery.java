package org.advocacyalerts.matcher;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * What the Monitor holds for one registered query: the Lucene query (which the presearcher indexes
 * and which runs when there is no direct plan), the compiled query its evidence is labelled from, and
 * its {@link DirectPlan}, if it has one. Carrying them in the query the Monitor hands back to each
 * candidate saves a lookup by id in a map of 100,000 entries per candidate.
 */
final class RegisteredQuery extends Query {

    final Query lucene;
    final CompiledQuery compiled;
    /** Its clauses as evidence labels are found from them. */
    final ClauseAttribution.Clauses clauses;
    /** Null when the query has spans (NEAR) or sloppy phrases other than a pair of words. */
    final DirectPlan plan;
    /** Where its wildcards are, which it is rewritten for on each statement; null when it has none. */
    final EvidenceMatcher.Wildcards wildcards;

    /** @param ids where the query's terms are numbered: its monitor's */
    RegisteredQuery(CompiledQuery compiled, TermIds ids) {
        this.lucene = compiled.query();
        this.compiled = compiled;
        this.clauses = new ClauseAttribution.Clauses(compiled.clauses(), ids, true);
        this.plan = DirectPlan.of(lucene, ids);
        this.wildcards = EvidenceMatcher.Wildcards.of(lucene);
        numberTerms(lucene, ids);
    }

    /**
     * Numbers every title and body term of the query, those run by Lucene (NEAR, longer proximity)
     * included: the matcher's index of a statement leaves out stems no numbered term asks about.
     */
    private static void numberTerms(Query query, TermIds ids) {
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }

            @Override
            public void consumeTerms(Query query, Term... terms) {
                for (Term term : terms) {
                    if (term.field().equals(Analysis.TITLE) || term.field().equals(Analysis.BODY)) {
                        ids.of(term.field(), term.bytes());
                    }
                }
            }
        });
    }

    @Override
    public void visit(QueryVisitor visitor) {
        lucene.visit(visitor);
    }

    @Override
    public Query rewrite(IndexSearcher searcher) {
        return lucene; // whoever runs it as a Lucene query runs the query itself
    }

    @Override
    public String toString(String field) {
        return lucene.toString(field);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && lucene.equals(((RegisteredQuery) other).lucene);
    }

    @Override
    public int hashCode() {
        return classHash() ^ lucene.hashCode();
    }
}
