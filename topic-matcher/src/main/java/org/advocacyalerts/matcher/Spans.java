package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;
import org.advocacyalerts.matcher.QueryNode.Scope;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.FieldMaskingSpanQuery;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;

/**
 * NEAR as span queries. Spans must share one field, so exact phrases and wildcards (indexed in
 * {@code .exact}) are masked as the stemmed field: both fields hold the same text tokenized the same
 * way, so their positions line up word for word.
 */
final class Spans {

    /** The evidence clause of a word, phrase or wildcard, made as the compiler makes every other. */
    interface ClauseLabels {
        CompiledQuery.Clause clause(QueryNode leaf, String aliasOf);
    }

    private Spans() {}

    static Query near(
            QueryNode.Near near, List<CompiledQuery.Clause> clauses, QueryLimits limits, ClauseLabels labels) {
        collectClauses(near, clauses, labels, null);
        Scope scope = scope(near);
        List<String> bases = scope == Scope.TITLE
                ? List.of(Analysis.TITLE)
                : scope == Scope.BODY ? List.of(Analysis.BODY) : List.of(Analysis.TITLE, Analysis.BODY);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int built = 0;
        for (String base : bases) {
            for (String variant : Analysis.STEMMED) {
                SpanQuery span = span(near, base, variant, limits);
                if (span != null) {
                    any.add(span, Occur.SHOULD);
                    built++;
                }
            }
        }
        return built == 0 ? new MatchNoDocsQuery("NEAR has no terms") : any.build();
    }

    private static SpanQuery span(QueryNode node, String base, String variant, QueryLimits limits) {
        String field = base + variant;
        if (node instanceof QueryNode.Alias alias) {
            return span(alias.expansion(), base, variant, limits);
        }
        if (node instanceof QueryNode.Near near) {
            List<SpanQuery> parts = new ArrayList<>();
            for (QueryNode clause : near.clauses()) {
                SpanQuery part = span(clause, base, variant, limits);
                if (part == null) {
                    return null; // a side without terms in this field can never be near anything
                }
                parts.add(part);
            }
            return new SpanNearQuery(parts.toArray(SpanQuery[]::new), near.distance(), false);
        }
        if (node instanceof QueryNode.Or or) {
            List<SpanQuery> parts = new ArrayList<>();
            for (QueryNode clause : or.clauses()) {
                SpanQuery part = span(clause, base, variant, limits);
                if (part != null) {
                    parts.add(part);
                }
            }
            return parts.isEmpty()
                    ? null
                    : parts.size() == 1 ? parts.get(0) : new SpanOrQuery(parts.toArray(SpanQuery[]::new));
        }
        if (node instanceof QueryNode.Word w) {
            return sequence(field, Analysis.terms(field, w.text()), 0, true);
        }
        if (node instanceof QueryNode.Phrase p) {
            if (p.slop() > 0) {
                return sequence(field, Analysis.terms(field, p.text()), p.slop(), false);
            }
            String exact = base + Analysis.EXACT;
            SpanQuery phrase = sequence(exact, Analysis.terms(exact, p.text()), 0, true);
            return phrase == null ? null : new FieldMaskingSpanQuery(phrase, field);
        }
        QueryNode.Prefix prefix = (QueryNode.Prefix) node;
        String exact = base + Analysis.EXACT;
        List<String> terms = Analysis.terms(exact, prefix.prefix());
        if (terms.size() != 1) {
            throw new QuerySyntaxException(prefix.position(), "a wildcard must end a single word");
        }
        SpanMultiTermQueryWrapper<PrefixQuery> wildcard =
                new SpanMultiTermQueryWrapper<>(new PrefixQuery(new Term(exact, terms.get(0))));
        wildcard.setRewriteMethod(
                new SpanMultiTermQueryWrapper.TopTermsSpanBooleanQueryRewrite(limits.maxPrefixExpansion()));
        return new FieldMaskingSpanQuery(wildcard, field);
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
        List<QueryNode> children = node instanceof QueryNode.Near n ? n.clauses() : ((QueryNode.Or) node).clauses();
        return scope(children.get(0));
    }
}
