package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A term-filtered presearcher that files a query needing two words under the pair of them. A phrase
 * or an AND filed under its rarest word alone made a statement holding that word a candidate, though
 * about 19 candidates in 20 of that kind then failed to match (the phrase's other words were not
 * there or not together): at 100,000 queries the Monitor spent over a quarter of matching time handing out such
 * candidates. Here a query is filed under pairs of words, one from each of its two rarest required
 * clauses ("a" and "b" of {@code "a b"}, or of {@code a AND b}), and a statement is a candidate for it
 * only when it holds both words, in title or body; a wildcard's prefix may be the second ("detain*
 * AND Baku": Baku, and some word starting with "detain"). Queries without two such clauses (a single
 * word, an OR of words, a wildcard alone) are filed under their terms as the Lucene presearcher files
 * them. Pairs of removed queries stay known to {@link TermIds}: a statement holding one then only
 * offers a token no query is filed under.
 *
 * <p>Never a missed match: a statement matching the query holds a word of each required clause, so it
 * holds one of the query's pairs. Which pairs a statement holds is read from the words it was already
 * walked for ({@link DirectPlan.Statement#pairs}).
 */
final class PairPresearcher extends Presearcher {

    /** The field of the query index that holds pairs. */
    static final String PAIRS = "__pairs";

    /** Ends a wildcard's prefix among required words: a byte no UTF-8 text holds, so no word is taken for it. */
    static final byte ANY_ENDING = (byte) 0xFF;

    /** Beyond this many pairs (clauses with many alternatives), the query is filed under its terms. */
    static final int MAX_PAIRS = 16;

    private final TermFilteredPresearcher terms;
    private final Map<String, Integer> frequencies;

    /**
     * @param terms files and finds the queries that are not filed under pairs
     * @param frequencies how many statements hold each term (the rarer, the fewer candidates)
     */
    PairPresearcher(TermFilteredPresearcher terms, Map<String, Integer> frequencies) {
        this.terms = terms;
        this.frequencies = frequencies;
    }

    @Override
    public Query buildQuery(LeafReader reader, BiPredicate<String, BytesRef> termAcceptor) {
        Query byTerms = terms.buildQuery(reader, termAcceptor);
        List<BytesRef> pairs = new ArrayList<>();
        for (BytesRef pair : DirectPlan.Statement.of(reader).pairs()) {
            if (termAcceptor.test(PAIRS, pair)) {
                pairs.add(pair);
            }
        }
        if (pairs.isEmpty()) {
            return byTerms;
        }
        return new BooleanQuery.Builder()
                .add(byTerms, BooleanClause.Occur.SHOULD)
                .add(new TermInSetQuery(PAIRS, pairs), BooleanClause.Occur.SHOULD)
                .build();
    }

    @Override
    public Document indexQuery(Query query, Map<String, String> metadata) {
        Query lucene = query instanceof RegisteredQuery registered ? registered.lucene : query;
        List<Set<BytesRef>> pair = rarestTwo(required(lucene));
        if (pair == null
                || pair.get(0).size() * pair.get(1).size() > MAX_PAIRS
                || pair.get(0).stream().anyMatch(PairPresearcher::isPrefix)) {
            return terms.indexQuery(query, metadata);
        }
        Document doc = new Document();
        for (BytesRef a : pair.get(0)) {
            TermIds.Term anchor = TermIds.inText(a);
            for (BytesRef b : pair.get(1)) {
                anchor.pairWith(TermIds.inText(b));
                doc.add(new StringField(PAIRS, token(a, b), Field.Store.NO));
            }
        }
        return doc;
    }

    /** The indexed form of a pair: the first word, a zero byte (no term holds one), the second. */
    static BytesRef token(BytesRef first, BytesRef second) {
        byte[] bytes = new byte[first.length + 1 + second.length];
        System.arraycopy(first.bytes, first.offset, bytes, 0, first.length);
        System.arraycopy(second.bytes, second.offset, bytes, first.length + 1, second.length);
        return new BytesRef(bytes);
    }

    /**
     * What a statement must hold for {@code query} to match: for each set, one of its words in title or
     * body (a wildcard's set holds its prefix, marked). Clauses it cannot say this of (other fields, a
     * minimum of SHOULD clauses) are left out, never guessed.
     */
    static List<Set<BytesRef>> required(Query query) {
        List<Set<BytesRef>> out = new ArrayList<>();
        if (query instanceof TermQuery t) {
            addWord(t.getTerm().field(), t.getTerm().bytes(), out);
        } else if (query instanceof SpanTermQuery t) {
            addWord(t.getTerm().field(), t.getTerm().bytes(), out);
        } else if (query instanceof PrefixQuery p) {
            addPrefix(p, out);
        } else if (query instanceof SpanMultiTermQueryWrapper<?> wrapper
                && wrapper.getWrappedQuery() instanceof PrefixQuery p) {
            addPrefix(p, out);
        } else if (query instanceof PhraseQuery p) {
            for (org.apache.lucene.index.Term t : p.getTerms()) {
                addWord(t.field(), t.bytes(), out);
            }
        } else if (query instanceof SpanNearQuery near) {
            for (SpanQuery clause : near.getClauses()) {
                out.addAll(required(clause));
            }
        } else if (query instanceof SpanOrQuery or) {
            addAnyOf(List.of(or.getClauses()), out);
        } else if (query instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0) {
            List<Query> should = new ArrayList<>();
            boolean required = false;
            for (BooleanClause clause : b.clauses()) {
                switch (clause.getOccur()) {
                    case MUST, FILTER -> {
                        required = true;
                        out.addAll(required(clause.getQuery()));
                    }
                    case SHOULD -> should.add(clause.getQuery());
                    default -> {} // MUST_NOT asks for nothing
                }
            }
            if (!required) {
                addAnyOf(should, out);
            }
        }
        return out;
    }

    /** A trailing wildcard asks for some word with its prefix: the prefix and {@link #ANY_ENDING}. */
    private static void addPrefix(PrefixQuery prefix, List<Set<BytesRef>> out) {
        BytesRef bytes = prefix.getPrefix().bytes();
        if (bytes.length > 0) {
            byte[] marked = java.util.Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length + 1);
            marked[bytes.length] = ANY_ENDING;
            addWord(prefix.getField(), new BytesRef(marked), out);
        }
    }

    /** Whether a required word is a wildcard's prefix ({@link #ANY_ENDING} last). */
    static boolean isPrefix(BytesRef word) {
        return word.length > 0 && word.bytes[word.offset + word.length - 1] == ANY_ENDING;
    }

    private static void addWord(String field, BytesRef word, List<Set<BytesRef>> out) {
        if (field.equals(Analysis.TITLE) || field.equals(Analysis.BODY)) {
            out.add(Set.of(word));
        }
    }

    /**
     * For a disjunction: the j-th set of every alternative, joined, for each j that every alternative
     * has. If an alternative matches, its j-th set is met, and so is the joined set. The alternatives
     * the compiler makes are mostly the same words in title and in body (a phrase in either field), so
     * the sets line up word for word.
     */
    private static void addAnyOf(Collection<? extends Query> alternatives, List<Set<BytesRef>> out) {
        List<List<Set<BytesRef>>> each = new ArrayList<>();
        int common = Integer.MAX_VALUE;
        for (Query alternative : alternatives) {
            if (alternative instanceof MatchNoDocsQuery) {
                continue; // never matches: nothing to hold for it
            }
            List<Set<BytesRef>> sets = required(alternative);
            if (sets.isEmpty()) {
                return;
            }
            each.add(sets);
            common = Math.min(common, sets.size());
        }
        if (each.isEmpty()) {
            return; // no alternative can match: the query never does, and asks for nothing
        }
        for (int j = 0; j < common; j++) {
            Set<BytesRef> any = new LinkedHashSet<>();
            for (List<Set<BytesRef>> sets : each) {
                any.addAll(sets.get(j));
            }
            out.add(any);
        }
    }

    /** The two different required sets with the rarest words, or null when there are not two. */
    private List<Set<BytesRef>> rarestTwo(List<Set<BytesRef>> sets) {
        List<Set<BytesRef>> distinct = new ArrayList<>(new LinkedHashSet<>(sets));
        if (distinct.size() < 2) {
            return null;
        }
        distinct.sort(java.util.Comparator.comparingLong(this::commonness));
        return distinct.subList(0, 2);
    }

    /**
     * How many statements hold some word of the set, by the frequencies given; without them, shorter
     * words count as more common, as Lucene's presearcher weighs them.
     */
    private long commonness(Set<BytesRef> set) {
        long most = 0;
        for (BytesRef word : set) {
            if (isPrefix(word)) {
                return Long.MAX_VALUE; // how many words it stands for is not known: pair it, never file under it
            }
            int frequency = frequencies.getOrDefault(word.utf8ToString(), 0);
            most = Math.max(most, ((long) frequency << 8) + Math.max(0, 255 - word.length));
        }
        return most;
    }
}
