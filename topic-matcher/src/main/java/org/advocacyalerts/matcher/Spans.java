package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.advocacyalerts.matcher.QueryNode.Scope;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.SpanContainingQuery;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanNotQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;

/**
 * NEAR as span queries. Spans must share one field: exact and stemmed terms of a statement part sit
 * in the same field at the same positions (see {@link Analysis}), so a NEAR may mix words, exact
 * phrases and wildcards.
 */
final class Spans {

    /** The evidence clause of a word, phrase or wildcard, made as the compiler makes every other. */
    interface ClauseLabels {
        CompiledQuery.Clause clause(QueryNode leaf, String aliasOf);
    }

    private Spans() {}

    /**
     * A NEAR chain, or a near miss's {@link QueryNode.Listed} (its words where a {@link
     * SentenceMarkFilter#LISTED} word stands beside them, labelled "(list item)" after the word's own
     * label), in the text fields its scope allows, with its clauses' labels.
     */
    static Query inTextFields(
            QueryNode group, List<CompiledQuery.Clause> clauses, QueryLimits limits, ClauseLabels labels) {
        collectClauses(group, clauses, labels, null);
        Scope scope = scope(group);
        List<String> fields = scope == Scope.TITLE
                ? List.of(Analysis.TITLE)
                : scope == Scope.BODY ? List.of(Analysis.BODY) : List.of(Analysis.TITLE, Analysis.BODY);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int built = 0;
        for (String field : fields) {
            SpanQuery span = span(group, field, limits);
            if (span != null) {
                any.add(scope == Scope.LEAD && field.equals(Analysis.BODY) ? leadOnly(span) : span, Occur.SHOULD);
                built++;
            }
        }
        return built == 0 ? new MatchNoDocsQuery("no terms") : any.build();
    }

    /**
     * {@code about:}: the group in the title, in the body's first sentence (no sentence mark before it),
     * or in two sentences of the body (two of its spans, in order, with a sentence mark between them);
     * {@code focus:} also in one sentence of the body with one of the {@link CallWords}.
     * The evidence is the group's own words: a span containing the mark reports the words of its two
     * ends, not the mark.
     */
    static Query about(
            QueryNode.About about, List<CompiledQuery.Clause> clauses, QueryLimits limits, ClauseLabels labels) {
        collectClauses(about.inner(), clauses, labels, null);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int built = 0;
        SpanQuery title = span(about.inner(), Analysis.TITLE, limits);
        if (title != null) {
            any.add(title, Occur.SHOULD);
            built++;
        }
        SpanQuery body = span(about.inner(), Analysis.BODY, limits);
        if (body != null) {
            SpanTermQuery mark = new SpanTermQuery(new Term(Analysis.BODY, SentenceMarkFilter.MARK));
            any.add(new SpanNotQuery(body, mark, Integer.MAX_VALUE, 0), Occur.SHOULD);
            any.add(
                    new SpanContainingQuery(
                            new SpanNearQuery(new SpanQuery[] {body, body}, Integer.MAX_VALUE, true), mark),
                    Occur.SHOULD);
            if (about.calls()) {
                SpanQuery calls = span(CallWords.NODE, Analysis.BODY, limits);
                SpanQuery together =
                        new SpanNearQuery(new SpanQuery[] {body, calls}, QueryNode.Near.SENTENCE_WORDS, false);
                any.add(new SpanNotQuery(together, mark), Occur.SHOULD);
            }
            built++;
        }
        return built == 0 ? new MatchNoDocsQuery(about.field() + " has no terms") : any.build();
    }

    /** A word, phrase or wildcard in the body's lead: before its {@link SentenceMarkFilter#LEAD_END}. */
    static Query inLead(QueryNode leaf, QueryLimits limits) {
        SpanQuery span = span(leaf, Analysis.BODY, limits);
        return span == null ? new MatchNoDocsQuery("no terms") : leadOnly(span);
    }

    /** The spans with no lead end anywhere before them (the body's lead ends once). */
    private static SpanQuery leadOnly(SpanQuery span) {
        return new SpanNotQuery(
                span, new SpanTermQuery(new Term(Analysis.BODY, SentenceMarkFilter.LEAD_END)), Integer.MAX_VALUE, 0);
    }

    private static SpanQuery span(QueryNode node, String field, QueryLimits limits) {
        if (node instanceof QueryNode.Alias alias) {
            return span(alias.expansion(), field, limits);
        }
        if (node instanceof QueryNode.Listed listed) {
            SpanQuery inner = span(listed.inner(), field, limits);
            return inner == null
                    ? null
                    : new SpanContainingQuery(inner, new SpanTermQuery(new Term(field, SentenceMarkFilter.LISTED)));
        }
        if (node instanceof QueryNode.Near near) {
            List<SpanQuery> parts = new ArrayList<>();
            for (QueryNode clause : near.clauses()) {
                SpanQuery part = span(clause, field, limits);
                if (part == null) {
                    return null; // a side without terms can never be near anything
                }
                parts.add(part);
            }
            if (near.unlisted()) {
                // NOT/list: the first side not where a list's items stand (a LISTED word at each of them)
                parts.set(
                        0,
                        new SpanNotQuery(parts.get(0), new SpanTermQuery(new Term(field, SentenceMarkFilter.LISTED))));
            }
            // a NOT/s c, a chain of one: the word or phrase alone, which a sentence mark never falls inside
            SpanQuery within = parts.size() == 1
                    ? parts.get(0)
                    : new SpanNearQuery(parts.toArray(SpanQuery[]::new), near.distance(), false);
            if (near.sentence() && parts.size() > 1) {
                // NEAR/s: no sentence break inside the span (SentenceMarkFilter puts a word at each)
                within = new SpanNotQuery(within, new SpanTermQuery(new Term(field, SentenceMarkFilter.MARK)));
            }
            SpanQuery unless = near.unless() == null ? null : span(near.unless(), field, limits);
            return unless == null ? within : new SpanNotInSentenceQuery(field, within, unless);
        }
        if (node instanceof QueryNode.Or or) {
            return any(or.clauses().stream()
                    .map(clause -> span(clause, field, limits))
                    .toList());
        }
        if (node instanceof QueryNode.Word w) {
            return any(Analysis.stemmedVariants(w.text()).stream()
                    .map(terms -> sequence(field, terms, 0, true))
                    .toList());
        }
        if (node instanceof QueryNode.Phrase p) {
            if (p.slop() > 0) {
                return any(Analysis.stemmedVariants(p.text()).stream()
                        .map(terms -> sequence(field, terms, p.slop(), false))
                        .toList());
            }
            return sequence(field, Analysis.exact(p.text()), 0, true);
        }
        QueryNode.Prefix prefix = (QueryNode.Prefix) node;
        SpanMultiTermQueryWrapper<PrefixQuery> wildcard =
                new SpanMultiTermQueryWrapper<>(new PrefixQuery(new Term(field, QueryCompiler.prefixTerm(prefix))));
        wildcard.setRewriteMethod(new PrefixSpanRewrite(limits.maxPrefixExpansion()));
        return wildcard;
    }

    /** Any of the spans that exist; null when none does. */
    private static SpanQuery any(List<SpanQuery> spans) {
        List<SpanQuery> parts = spans.stream().filter(Objects::nonNull).toList();
        return parts.isEmpty()
                ? null
                : parts.size() == 1 ? parts.get(0) : new SpanOrQuery(parts.toArray(SpanQuery[]::new));
    }

    private static SpanQuery sequence(String field, List<String> terms, int slop, boolean inOrder) {
        if (terms.isEmpty()) {
            return null;
        }
        if (terms.size() == 1) {
            return new SpanTermQuery(new Term(field, terms.get(0)));
        }
        return new SpanNearQuery(
                terms.stream().map(t -> new SpanTermQuery(new Term(field, t))).toArray(SpanQuery[]::new),
                slop,
                inOrder);
    }

    private static void collectClauses(
            QueryNode node, List<CompiledQuery.Clause> clauses, ClauseLabels labels, String aliasOf) {
        if (node instanceof QueryNode.Alias alias) {
            collectClauses(alias.expansion(), clauses, labels, alias.written());
        } else if (node instanceof QueryNode.Near near) {
            near.clauses().forEach(c -> collectClauses(c, clauses, labels, aliasOf));
        } else if (node instanceof QueryNode.Or or) {
            or.clauses().forEach(c -> collectClauses(c, clauses, labels, aliasOf));
        } else if (node instanceof QueryNode.Listed listed) {
            List<CompiledQuery.Clause> items = new ArrayList<>();
            collectClauses(listed.inner(), items, labels, aliasOf);
            items.forEach(c -> clauses.add(new CompiledQuery.Clause(
                    c.label() + " (list item)", c.prefix(), c.exactTerms(), c.stemmedTerms())));
        } else {
            clauses.add(labels.clause(node, aliasOf));
        }
    }

    /** The one scope of the group's terms (the parser allows no mix). */
    private static Scope scope(QueryNode node) {
        if (node instanceof QueryNode.Word w) {
            return w.scope();
        }
        if (node instanceof QueryNode.Phrase p) {
            return p.scope();
        }
        if (node instanceof QueryNode.Prefix x) {
            return x.scope();
        }
        if (node instanceof QueryNode.Alias a) {
            return scope(a.expansion());
        }
        if (node instanceof QueryNode.Listed l) {
            return scope(l.inner());
        }
        List<QueryNode> children = node instanceof QueryNode.Near n ? n.clauses() : ((QueryNode.Or) node).clauses();
        return scope(children.get(0));
    }
}
