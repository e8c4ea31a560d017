package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advocacyalerts.matcher.QueryNode.Scope;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a query text into a {@link CompiledQuery}: parse, expand aliases, analyse each term the way
 * statements are analysed. Words match stemmed ({@code .en}/{@code .fr}), exact phrases and wildcards
 * match {@code .exact}, proximity phrases match stemmed.
 */
public final class QueryCompiler {

    /** After alias expansion a query may grow; this bounds what one query costs per statement. */
    static final int MAX_EXPANDED_CLAUSES = 1000;

    private final QueryLimits limits;

    public QueryCompiler(QueryLimits limits) {
        this.limits = limits;
    }

    /** @throws QuerySyntaxException when the query is not valid or too large */
    public CompiledQuery compile(String text, Thesaurus thesaurus) {
        QueryNode parsed = QueryParser.parse(text, limits);
        List<CompiledQuery.Clause> clauses = new ArrayList<>();
        Query query = build(expand(parsed, thesaurus), clauses, null);
        if (clauses.size() > MAX_EXPANDED_CLAUSES) {
            throw new QuerySyntaxException(
                    0, "with its aliases the query has more than " + MAX_EXPANDED_CLAUSES + " terms");
        }
        return new CompiledQuery(text, query, List.copyOf(clauses));
    }

    static QueryNode expand(QueryNode node, Thesaurus thesaurus) {
        if (node instanceof QueryNode.Word w && thesaurus.contains(w.text())) {
            return alias(w.text(), w.scope(), w.position(), thesaurus);
        }
        if (node instanceof QueryNode.Phrase p && p.slop() == 0 && thesaurus.contains(p.text())) {
            return alias(p.text(), p.scope(), p.position(), thesaurus);
        }
        if (node instanceof QueryNode.And and) {
            return new QueryNode.And(
                    and.clauses().stream().map(c -> expand(c, thesaurus)).toList());
        }
        if (node instanceof QueryNode.Or or) {
            return new QueryNode.Or(
                    or.clauses().stream().map(c -> expand(c, thesaurus)).toList());
        }
        if (node instanceof QueryNode.Not not) {
            return new QueryNode.Not(expand(not.clause(), thesaurus));
        }
        if (node instanceof QueryNode.Near near) {
            return new QueryNode.Near(
                    near.clauses().stream().map(c -> expand(c, thesaurus)).toList(), near.distance());
        }
        return node;
    }

    private static QueryNode alias(String written, Scope scope, int position, Thesaurus thesaurus) {
        List<QueryNode> variants = new ArrayList<>();
        for (String variant : thesaurus.variants(written)) {
            QueryNode term = variant.strip().contains(" ")
                    ? new QueryNode.Phrase(variant, 0, scope, position)
                    : new QueryNode.Word(variant, scope, position);
            variants.add(new QueryNode.Alias(written, term));
        }
        return new QueryNode.Or(List.copyOf(variants));
    }

    private Query build(QueryNode node, List<CompiledQuery.Clause> clauses, String aliasOf) {
        if (node instanceof QueryNode.Alias alias) {
            return build(alias.expansion(), clauses, alias.written());
        }
        if (node instanceof QueryNode.And and) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder();
            for (QueryNode clause : and.clauses()) {
                if (clause instanceof QueryNode.Not not) {
                    // Evidence comes from what matched, never from what was excluded.
                    builder.add(build(not.clause(), new ArrayList<>(), null), Occur.MUST_NOT);
                } else {
                    builder.add(build(clause, clauses, aliasOf), Occur.MUST);
                }
            }
            return builder.build();
        }
        if (node instanceof QueryNode.Or or) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder();
            or.clauses().forEach(c -> builder.add(build(c, clauses, aliasOf), Occur.SHOULD));
            return builder.build();
        }
        if (node instanceof QueryNode.Near near) {
            return Spans.near(near, clauses, limits, this::clause);
        }
        if (node instanceof QueryNode.Not not) {
            // Only reachable as "NOT x" alone inside parentheses of an AND, e.g. a (NOT b): same meaning.
            return new BooleanQuery.Builder()
                    .add(new MatchNoDocsQuery(), Occur.SHOULD)
                    .add(build(not.clause(), new ArrayList<>(), null), Occur.MUST_NOT)
                    .build();
        }
        return leaf(node, clauses, aliasOf);
    }

    private Query leaf(QueryNode node, List<CompiledQuery.Clause> clauses, String aliasOf) {
        if (node instanceof QueryNode.Word w) {
            if (w.scope() == Scope.SOURCE || w.scope() == Scope.LANGUAGE) {
                String field = w.scope() == Scope.SOURCE ? Analysis.SOURCE : Analysis.LANGUAGE;
                return new TermQuery(new Term(field, w.text().toLowerCase(Locale.ROOT)));
            }
            clauses.add(clause(w, aliasOf));
            return anyField(w.scope(), Analysis.STEMMED, (field, terms) -> exactSequence(field, terms, 0), w.text());
        }
        if (node instanceof QueryNode.Phrase p) {
            clauses.add(clause(p, aliasOf));
            List<String> variants = p.slop() == 0 ? List.of(Analysis.EXACT) : Analysis.STEMMED;
            return anyField(p.scope(), variants, (field, terms) -> exactSequence(field, terms, p.slop()), p.text());
        }
        QueryNode.Prefix prefix = (QueryNode.Prefix) node;
        List<String> terms = Analysis.terms(Analysis.BODY + Analysis.EXACT, prefix.prefix());
        if (terms.size() != 1) {
            throw new QuerySyntaxException(prefix.position(), "a wildcard must end a single word");
        }
        clauses.add(clause(prefix, aliasOf));
        return anyField(
                prefix.scope(),
                List.of(Analysis.EXACT),
                (field, unused) -> {
                    PrefixQuery query = new PrefixQuery(
                            new Term(field, terms.get(0)),
                            new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(limits.maxPrefixExpansion()));
                    return query;
                },
                prefix.prefix());
    }

    /** The evidence clause of a word, phrase or wildcard: its label as written, and its analysed terms. */
    CompiledQuery.Clause clause(QueryNode leaf, String aliasOf) {
        if (leaf instanceof QueryNode.Word w) {
            return clause(w.text(), w.text(), false, aliasOf);
        }
        if (leaf instanceof QueryNode.Phrase p) {
            String label = "\"" + p.text() + "\"" + (p.slop() > 0 ? "~" + p.slop() : "");
            return clause(label, p.text(), false, aliasOf);
        }
        QueryNode.Prefix x = (QueryNode.Prefix) leaf;
        return clause(x.prefix() + "*", x.prefix(), true, aliasOf);
    }

    private CompiledQuery.Clause clause(String label, String text, boolean prefix, String aliasOf) {
        String shown =
                aliasOf == null || aliasOf.equalsIgnoreCase(text) ? label : label + " (alias of " + aliasOf + ")";
        return new CompiledQuery.Clause(
                shown,
                prefix,
                Analysis.terms(Analysis.BODY + Analysis.EXACT, text),
                Analysis.terms(Analysis.BODY + Analysis.ENGLISH, text));
    }

    private interface FieldQuery {
        Query build(String field, List<String> terms);
    }

    /** The same clause in title and/or body, in each analysis variant: any of them may match. */
    private static Query anyField(Scope scope, List<String> variants, FieldQuery fieldQuery, String text) {
        List<String> bases = switch (scope) {
            case TITLE -> List.of(Analysis.TITLE);
            case BODY -> List.of(Analysis.BODY);
            default -> List.of(Analysis.TITLE, Analysis.BODY);
        };
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String base : bases) {
            for (String variant : variants) {
                String field = base + variant;
                List<String> terms = Analysis.terms(field, text);
                if (!terms.isEmpty()) {
                    builder.add(fieldQuery.build(field, terms), Occur.SHOULD);
                }
            }
        }
        return builder.build();
    }

    private static Query exactSequence(String field, List<String> terms, int slop) {
        if (terms.size() == 1) {
            return new TermQuery(new Term(field, terms.get(0)));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
        terms.forEach(t -> phrase.add(new Term(field, t)));
        return phrase.build();
    }
}
