package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.advocacyalerts.matcher.QueryNode.Scope;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a query text into a {@link CompiledQuery}: parse, expand aliases, analyse each term the way
 * statements are analysed. Words and proximity phrases match stemmed terms (English or French
 * stemming), exact phrases and wildcards match exact terms; see {@link Analysis}.
 */
public final class QueryCompiler {

    /**
     * The words a query excludes are no evidence and count toward no bound of {@link QueryLimits}, but each is checked
     * on every statement the rest matches: a list of other countries is a few hundred.
     */
    static final int MAX_EXPANDED_EXCLUSIONS = 2000;

    private final QueryLimits limits;

    public QueryCompiler(QueryLimits limits) {
        this.limits = limits;
    }

    /** @throws QuerySyntaxException when the query is not valid or too large */
    public CompiledQuery compile(String text, Thesaurus thesaurus) {
        QueryNode expanded = expand(QueryParser.parse(text, limits), thesaurus);
        List<CompiledQuery.Clause> clauses = new ArrayList<>();
        Query query;
        try {
            query = build(expanded, clauses, null);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QuerySyntaxException(
                    0, "with its aliases the query has more alternatives than the matcher allows in one group");
        }
        if (clauses.size() > limits.maxExpandedTerms()) {
            throw new QuerySyntaxException(
                    0, "with its aliases the query has more than " + limits.maxExpandedTerms() + " terms");
        }
        if (excludedLeaves(expanded, new ArrayList<>(), false).size() > MAX_EXPANDED_EXCLUSIONS) {
            throw new QuerySyntaxException(
                    0,
                    "with its aliases the query excludes more than " + MAX_EXPANDED_EXCLUSIONS
                            + " terms (after NOT and NOT/s)");
        }
        Set<String> subject = new HashSet<>();
        subjectLabels(expanded, true, null, subject);
        List<CompiledQuery.Clause> ordered = new ArrayList<>(clauses.size());
        clauses.stream().filter(c -> subject.contains(c.label())).forEach(ordered::add);
        int subjectClauses = ordered.size();
        clauses.stream().filter(c -> !subject.contains(c.label())).forEach(ordered::add);
        return new CompiledQuery(text, query, List.copyOf(ordered), subjectClauses);
    }

    /**
     * The labels of the query's subject: the first clause of an AND and the first side of a NEAR, in
     * every branch of an OR. In {@code (A AND x) OR (B AND x)} both A and B are subject and x context, so
     * a statement matched by the second branch shows B first. A label that is subject somewhere counts
     * as subject; the words after NOT or NOT/s are never evidence.
     */
    private static void subjectLabels(QueryNode node, boolean subject, String aliasOf, Set<String> out) {
        if (node instanceof QueryNode.Alias alias) {
            subjectLabels(alias.expansion(), subject, alias.written(), out);
        } else if (node instanceof QueryNode.And and) {
            boolean first = subject;
            for (QueryNode clause : flatten(and, new ArrayList<>())) {
                if (!(clause instanceof QueryNode.Not)) {
                    subjectLabels(clause, first, aliasOf, out);
                    first = false;
                }
            }
        } else if (node instanceof QueryNode.Or or) {
            or.clauses().forEach(c -> subjectLabels(c, subject, aliasOf, out));
        } else if (node instanceof QueryNode.Near near) {
            for (int i = 0; i < near.clauses().size(); i++) {
                subjectLabels(near.clauses().get(i), subject && i == 0, aliasOf, out);
            }
        } else if (node instanceof QueryNode.About about) {
            subjectLabels(about.inner(), subject, aliasOf, out);
        } else if (subject && !(node instanceof QueryNode.Not) && isEvidenceLeaf(node)) {
            out.add(label(node, aliasOf));
        }
    }

    /** A word, phrase or wildcard that can be evidence (not a source or language condition). */
    private static boolean isEvidenceLeaf(QueryNode node) {
        if (node instanceof QueryNode.Word w) {
            return w.scope() != Scope.SOURCE && w.scope() != Scope.LANGUAGE;
        }
        return node instanceof QueryNode.Phrase || node instanceof QueryNode.Prefix;
    }

    /**
     * A word, phrase or wildcard of a query as written (not inside a NOT, not a source or language
     * condition): {@code label} as evidence names it, {@code written} as an alias's evidence names it
     * ("captives (alias of POWs)").
     */
    public record WrittenTerm(String label, String written) {

        /** Whether this piece of evidence is this term or one of its aliases. */
        public boolean names(String clause) {
            // clauses that hit the same words are named together: "Armenia* + Armén*"
            for (String one : clause.split(" \\+ ")) {
                if (one.equals(label) || one.endsWith(" (alias of " + written + ")")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The query's words, phrases and wildcards as written, in order, without those under a NOT. */
    public List<WrittenTerm> terms(String text) {
        List<WrittenTerm> terms = new ArrayList<>();
        for (QueryNode found : positiveLeaves(QueryParser.parse(text, limits), new ArrayList<>())) {
            QueryNode leaf = found instanceof QueryNode.About about ? about.inner() : found;
            terms.add(new WrittenTerm(label(leaf, null), writtenText(leaf)));
        }
        return List.copyOf(terms);
    }

    /**
     * A word, phrase or wildcard of a query that is in an alias group without being the group's first
     * term: it stands for the whole {@code group}.
     */
    public record StandIn(String written, List<String> group) {}

    /**
     * The query's terms that stand for an alias group they do not name ({@link Thesaurus#standsFor}), each
     * once, in the order written, under a NOT as anywhere: what the topic editor tells staff, since
     * "fighting" written in a chain that means fire also brings in "troops" and "tension" when they share
     * its group. A group's first term is how a query names it on purpose, so it is never one.
     */
    public List<StandIn> standIns(String text, Thesaurus thesaurus) {
        Map<String, StandIn> found = new LinkedHashMap<>();
        for (QueryNode leaf : leaves(QueryParser.parse(text, limits), new ArrayList<>())) {
            if (leaf instanceof QueryNode.Phrase phrase && phrase.slop() > 0) {
                continue; // words within a distance are never an alias
            }
            String written = writtenText(leaf);
            List<String> group = thesaurus.standsFor(written);
            if (group != null) {
                found.putIfAbsent(written, new StandIn(written, group));
            }
        }
        return List.copyOf(found.values());
    }

    /** Every word, phrase and wildcard of a parsed query in the order written, under any NOT as well. */
    private static List<QueryNode> leaves(QueryNode node, List<QueryNode> out) {
        List<QueryNode> children = new ArrayList<>();
        if (node instanceof QueryNode.And and) {
            children.addAll(and.clauses());
        } else if (node instanceof QueryNode.Or or) {
            children.addAll(or.clauses());
        } else if (node instanceof QueryNode.Near near) {
            children.addAll(near.clauses());
            if (near.unless() != null) {
                children.add(near.unless());
            }
        } else if (node instanceof QueryNode.Not not) {
            children.add(not.clause());
        } else if (node instanceof QueryNode.About about) {
            children.add(about.inner());
        } else if (node instanceof QueryNode.Alias alias) {
            children.add(alias.expansion());
        } else {
            out.add(node); // a word, phrase or wildcard
        }
        children.forEach(child -> leaves(child, out));
        return out;
    }

    /**
     * Lucene clauses per query of {@link #anyTermOf}: a word with its aliases is a clause or two per alias
     * (title and body), so a list of other countries alone may be hundreds.
     */
    static final int CLAUSES_PER_CHUNK = 512;

    /**
     * Any one of the query's words, phrases or wildcards (with their aliases), whatever the operators
     * between them: what a statement the query missed still holds of it ("the words that would have
     * matched"). In queries of at most {@link #CLAUSES_PER_CHUNK} clauses each: all of a large query's
     * alternatives in one disjunction could pass Lucene's limit on clauses, which its own groups stay under.
     */
    public List<CompiledQuery> anyTermOf(String text, Thesaurus thesaurus) {
        return chunks(text, positiveLeaves(QueryParser.parse(text, limits), new ArrayList<>()), thesaurus);
    }

    /**
     * The query's words, phrases and wildcards under a NOT or after a NOT/s (with their aliases), and those
     * of a NOT/list chain's first side where they stand in a list, in queries as {@link #anyTermOf} makes
     * them: what a missed statement holds of what the query excludes.
     */
    public List<CompiledQuery> anyExcludedTermOf(String text, Thesaurus thesaurus) {
        return chunks(text, excludedLeaves(QueryParser.parse(text, limits), new ArrayList<>(), true), thesaurus);
    }

    private List<CompiledQuery> chunks(String text, List<QueryNode> found, Thesaurus thesaurus) {
        // a word written in two branches is one near miss, found once
        Map<Object, QueryNode> distinct = new LinkedHashMap<>();
        found.forEach(leaf -> distinct.putIfAbsent(written(leaf), leaf));
        // a word with its aliases is an OR of them, which may itself pass the limit: they are packed one by
        // one; two written words of one group (Ukraine, Gaza) expand to the same alternatives, kept once, as
        // the first written word names them (the same word in two chunks was reported twice, 4b12f91)
        Map<Object, QueryNode> alternatives = new LinkedHashMap<>();
        for (QueryNode leaf : distinct.values()) {
            QueryNode expanded = expand(leaf, thesaurus);
            for (QueryNode alternative : expanded instanceof QueryNode.Or or ? or.clauses() : List.of(expanded)) {
                alternatives.putIfAbsent(matched(alternative), alternative);
            }
        }
        List<CompiledQuery> chunks = new ArrayList<>();
        List<Query> chunk = new ArrayList<>();
        List<CompiledQuery.Clause> clauses = new ArrayList<>();
        int size = 0;
        for (QueryNode alternative : alternatives.values()) {
            List<CompiledQuery.Clause> own = new ArrayList<>();
            Query query = build(alternative, own, null);
            int clauseCount = query instanceof BooleanQuery b && isPureDisjunction(b)
                    ? b.clauses().size()
                    : 1;
            if (!chunk.isEmpty() && size + clauseCount > CLAUSES_PER_CHUNK) {
                chunks.add(new CompiledQuery(text, anyOf(chunk), List.copyOf(clauses)));
                chunk.clear();
                clauses.clear();
                size = 0;
            }
            chunk.add(query);
            clauses.addAll(own);
            size += clauseCount;
        }
        if (!chunk.isEmpty()) {
            chunks.add(new CompiledQuery(text, anyOf(chunk), List.copyOf(clauses)));
        }
        return List.copyOf(chunks);
    }

    /**
     * The leaves under each NOT and after each NOT/s (not those a NOT inside a NOT puts back); with
     * {@code listed}, also the first side's leaves of each NOT/list chain, each as {@link QueryNode.Listed}:
     * the words the chain leaves out where they stand in a list. Not counted among the excluded terms a
     * query may have: a chain's first side is what it looks for.
     */
    private static List<QueryNode> excludedLeaves(QueryNode node, List<QueryNode> out, boolean listed) {
        if (node instanceof QueryNode.Not not) {
            positiveLeaves(not.clause(), out);
        } else if (node instanceof QueryNode.And and) {
            and.clauses().forEach(c -> excludedLeaves(c, out, listed));
        } else if (node instanceof QueryNode.Or or) {
            or.clauses().forEach(c -> excludedLeaves(c, out, listed));
        } else if (node instanceof QueryNode.Near near) {
            near.clauses().forEach(c -> excludedLeaves(c, out, listed)); // a bracketed NEAR may have its own
            if (near.unless() != null) {
                positiveLeaves(near.unless(), out);
            }
            if (listed && near.unlisted()) {
                positiveLeaves(near.clauses().get(0), new ArrayList<>())
                        .forEach(leaf -> out.add(new QueryNode.Listed(leaf)));
            }
        } else if (node instanceof QueryNode.About about) {
            excludedLeaves(about.inner(), out, listed);
        } else if (node instanceof QueryNode.Alias alias) {
            excludedLeaves(alias.expansion(), out, listed);
        }
        return out;
    }

    /**
     * What an alternative of a near-miss query matches: an alias by its term, whichever word it is an alias
     * of. An expanded {@code about:} is keyed by itself ({@link #written} takes leaves as parsed, not the
     * OR of aliases an expansion puts inside it).
     */
    private static Object matched(QueryNode alternative) {
        QueryNode term = alternative instanceof QueryNode.Alias alias ? alias.expansion() : alternative;
        return term instanceof QueryNode.Word || term instanceof QueryNode.Phrase || term instanceof QueryNode.Prefix
                ? written(term)
                : term;
    }

    /** A leaf as written, wherever it stands in the query. */
    private static Object written(QueryNode leaf) {
        if (leaf instanceof QueryNode.Listed listed) {
            return List.of("listed", written(listed.inner()));
        }
        if (leaf instanceof QueryNode.About about) {
            return List.of(about.field(), written(about.inner()));
        }
        if (leaf instanceof QueryNode.Word w) {
            return List.of("word", w.text(), w.scope());
        }
        if (leaf instanceof QueryNode.Phrase p) {
            return List.of("phrase", p.text(), p.slop(), p.scope());
        }
        QueryNode.Prefix prefix = (QueryNode.Prefix) leaf;
        return List.of("prefix", prefix.prefix(), prefix.scope());
    }

    private static List<QueryNode> positiveLeaves(QueryNode node, List<QueryNode> out) {
        if (node instanceof QueryNode.And and) {
            and.clauses().forEach(c -> positiveLeaves(c, out));
        } else if (node instanceof QueryNode.Or or) {
            or.clauses().forEach(c -> positiveLeaves(c, out));
        } else if (node instanceof QueryNode.Near near) {
            near.clauses().forEach(c -> positiveLeaves(c, out));
        } else if (node instanceof QueryNode.Alias alias) {
            positiveLeaves(alias.expansion(), out);
        } else if (node instanceof QueryNode.About about) {
            // each word on its own terms: found only where the statement is about it
            positiveLeaves(about.inner(), new ArrayList<>())
                    .forEach(leaf -> out.add(new QueryNode.About(leaf, about.position(), about.calls())));
        } else if (node instanceof QueryNode.Word w) {
            if (w.scope() != Scope.SOURCE && w.scope() != Scope.LANGUAGE) {
                out.add(w);
            }
        } else if (!(node instanceof QueryNode.Not)) { // what a query excludes is no near miss
            out.add(node);
        }
        return out;
    }

    QueryNode expand(QueryNode node, Thesaurus thesaurus) {
        if (node instanceof QueryNode.Word w && thesaurus.contains(w.text())) {
            return alias(w.text(), w.scope(), w.position(), thesaurus);
        }
        if (node instanceof QueryNode.Phrase p && p.slop() == 0 && thesaurus.contains(p.text())) {
            return alias(p.text(), p.scope(), p.position(), thesaurus);
        }
        if (node instanceof QueryNode.Prefix x && thesaurus.contains(writtenText(x))) {
            return alias(writtenText(x), x.scope(), x.position(), thesaurus);
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
                    near.clauses().stream().map(c -> expand(c, thesaurus)).toList(),
                    near.distance(),
                    near.sentence(),
                    near.unless() == null ? null : expand(near.unless(), thesaurus),
                    near.unlisted());
        }
        if (node instanceof QueryNode.About about) {
            return new QueryNode.About(expand(about.inner(), thesaurus), about.position(), about.calls());
        }
        if (node instanceof QueryNode.Listed listed) {
            return new QueryNode.Listed(expand(listed.inner(), thesaurus));
        }
        return node;
    }

    private QueryNode alias(String written, Scope scope, int position, Thesaurus thesaurus) {
        List<QueryNode> variants = new ArrayList<>();
        for (String variant : thesaurus.variants(written)) {
            String text = variant.strip();
            QueryNode term;
            if (Thesaurus.isWildcard(text)) {
                String prefix = text.substring(0, text.length() - 1);
                if (!QueryParser.wildcardAllowed(prefix, scope, limits)) {
                    throw new QuerySyntaxException(
                            position,
                            "the alias " + text + " of " + written
                                    + ": a wildcard may only end a single word of at least " + limits.minPrefixLength()
                                    + " letters (not in source: or language:)");
                }
                term = new QueryNode.Prefix(prefix, scope, position);
            } else {
                term = text.contains(" ")
                        ? new QueryNode.Phrase(text, 0, scope, position)
                        : new QueryNode.Word(text, scope, position);
            }
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
            for (QueryNode clause : flatten(and, new ArrayList<>())) {
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
            return anyOf(
                    or.clauses().stream().map(c -> build(c, clauses, aliasOf)).toList());
        }
        if (node instanceof QueryNode.Near || node instanceof QueryNode.Listed) {
            return Spans.inTextFields(node, clauses, limits, this::clause);
        }
        if (node instanceof QueryNode.About about) {
            return Spans.about(about, clauses, limits, this::clause);
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

    /**
     * The clauses of an AND with the clauses of ANDs inside it: {@code a AND (NOT b AND NOT c)} means
     * a, without b or c. Kept as a group, the NOTs would be a clause of their own that matches nothing
     * (nothing in it to look for), and the query would never match.
     */
    private static List<QueryNode> flatten(QueryNode.And and, List<QueryNode> out) {
        for (QueryNode clause : and.clauses()) {
            if (clause instanceof QueryNode.And inner) {
                flatten(inner, out);
            } else {
                out.add(clause);
            }
        }
        return out;
    }

    private Query leaf(QueryNode node, List<CompiledQuery.Clause> clauses, String aliasOf) {
        if (node instanceof QueryNode.Word w) {
            if (w.scope() == Scope.SOURCE || w.scope() == Scope.LANGUAGE) {
                String field = w.scope() == Scope.SOURCE ? Analysis.SOURCE : Analysis.LANGUAGE;
                return new TermQuery(new Term(field, w.text().toLowerCase(Locale.ROOT)));
            }
            clauses.add(clause(w, aliasOf));
            return anyField(w, w.scope(), field -> anyOf(field, Analysis.stemmedVariants(w.text()), 0));
        }
        if (node instanceof QueryNode.Phrase p) {
            clauses.add(clause(p, aliasOf));
            Set<List<String>> variants =
                    p.slop() == 0 ? Set.of(Analysis.exact(p.text())) : Analysis.stemmedVariants(p.text());
            return anyField(p, p.scope(), field -> anyOf(field, variants, p.slop()));
        }
        QueryNode.Prefix prefix = (QueryNode.Prefix) node;
        String term = prefixTerm(prefix);
        clauses.add(clause(prefix, aliasOf));
        return anyField(
                prefix,
                prefix.scope(),
                field -> new PrefixQuery(
                        new Term(field, term),
                        new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(limits.maxPrefixExpansion())));
    }

    /** The one exact term a wildcard's prefix is. */
    static String prefixTerm(QueryNode.Prefix prefix) {
        List<String> terms = Analysis.exact(prefix.prefix());
        if (terms.size() != 1) {
            throw new QuerySyntaxException(prefix.position(), "a wildcard must end a single word");
        }
        return terms.get(0);
    }

    /** The evidence clause of a word, phrase or wildcard: its label as written, and its analysed terms. */
    CompiledQuery.Clause clause(QueryNode leaf, String aliasOf) {
        boolean prefix = leaf instanceof QueryNode.Prefix;
        String text = textOf(leaf);
        return new CompiledQuery.Clause(
                label(leaf, aliasOf).intern(),
                prefix,
                interned(Analysis.exact(text)),
                prefix ? List.of() : interned(Analysis.stemmed(text, false)));
    }

    /** What evidence names a word, phrase or wildcard by: as written, and which alias it stands for. */
    private static String label(QueryNode leaf, String aliasOf) {
        String label;
        if (leaf instanceof QueryNode.Word w) {
            label = w.text();
        } else if (leaf instanceof QueryNode.Phrase p) {
            label = "\"" + p.text() + "\"" + (p.slop() > 0 ? "~" + p.slop() : "");
        } else {
            label = ((QueryNode.Prefix) leaf).prefix() + "*";
        }
        return aliasOf == null || aliasOf.equalsIgnoreCase(writtenText(leaf))
                ? label
                : label + " (alias of " + aliasOf + ")";
    }

    /** A word, phrase or wildcard as a query or an alias group writes it (a wildcard with its star). */
    private static String writtenText(QueryNode leaf) {
        return leaf instanceof QueryNode.Prefix prefix ? prefix.prefix() + "*" : textOf(leaf);
    }

    /** The text of a word, phrase or wildcard (a wildcard's without its star). */
    private static String textOf(QueryNode leaf) {
        if (leaf instanceof QueryNode.Word w) {
            return w.text();
        }
        return leaf instanceof QueryNode.Phrase p ? p.text() : ((QueryNode.Prefix) leaf).prefix();
    }

    /**
     * Clause terms and labels repeat across thousands of registered queries ("azerbaijan", "~prisoner"):
     * interned, they are held once (about 20 MB less at 100,000 queries). The JVM's string table lets go
     * of a string no query holds any more.
     */
    private static List<String> interned(List<String> terms) {
        return terms.stream().map(String::intern).toList();
    }

    /** The same clause in title and/or body: either may match (the body only in its lead, for {@code lead:}). */
    private Query anyField(QueryNode leaf, Scope scope, Function<String, Query> fieldQuery) {
        return switch (scope) {
            case TITLE -> fieldQuery.apply(Analysis.TITLE);
            case BODY -> fieldQuery.apply(Analysis.BODY);
            case LEAD -> anyOf(List.of(fieldQuery.apply(Analysis.TITLE), Spans.inLead(leaf, limits)));
            default -> anyOf(List.of(fieldQuery.apply(Analysis.TITLE), fieldQuery.apply(Analysis.BODY)));
        };
    }

    /** Any of the term sequences (English and French stemming) in one field. */
    private static Query anyOf(String field, Set<List<String>> variants, int slop) {
        return anyOf(variants.stream()
                .filter(terms -> !terms.isEmpty())
                .map(terms -> exactSequence(field, terms, slop))
                .toList());
    }

    /**
     * A disjunction, flat: alternatives of alternatives become one list. A word is one query of four
     * terms (title and body, English and French stems), not three nested ones; with 100,000 queries
     * every BooleanQuery object counts (each holds hash sets of its clauses).
     */
    private static Query anyOf(List<Query> alternatives) {
        List<Query> flat = new ArrayList<>();
        for (Query q : alternatives) {
            if (q instanceof BooleanQuery b && isPureDisjunction(b)) {
                b.clauses().forEach(c -> flat.add(c.getQuery()));
            } else {
                flat.add(q);
            }
        }
        if (flat.size() == 1) {
            return flat.get(0);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        flat.forEach(q -> any.add(q, Occur.SHOULD));
        return any.build();
    }

    private static boolean isPureDisjunction(BooleanQuery query) {
        return query.getMinimumNumberShouldMatch() == 0
                && query.clauses().stream().allMatch(c -> c.getOccur() == Occur.SHOULD);
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
