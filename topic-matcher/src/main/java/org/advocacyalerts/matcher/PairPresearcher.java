package org.advocacyalerts.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.queries.spans.SpanContainingQuery;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanNotQuery;
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
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;

/**
 * The Monitor's presearcher: a term-filtered one that files a query needing two words under the pair of
 * them. A phrase or an AND filed under its rarest word alone made a statement holding that word a
 * candidate, though most such candidates then fail to match (the phrase's other words are not there or
 * not together), and handing out candidates is the Monitor's dearest work. Here a query is filed under pairs of words, one from each
 * of its two rarest required clauses ("a" and "b" of {@code "a b"}, or of {@code a AND b}), and a
 * statement is a candidate for it only when it holds both words, in title or body; a wildcard's prefix
 * may be the second ("detain* AND Baku": Baku, and some word starting with "detain"). A phrase's pair
 * says where the second word stands from the first (the same distance as in the phrase, or within the
 * slop of a proximity pair), and a statement holding both words elsewhere is no candidate. A query with one
 * such clause (a word) is filed under that clause's words, a wildcard's prefix among them ({@code
 * armenia* OR Artsakh}: a statement holding some word that starts with "armenia", or Artsakh); an OR
 * under what each alternative is filed under (a phrase among them under its pair); one with no such
 * clause (only {@code source:} or {@code language:}) under {@link #ALWAYS}, a candidate of every
 * statement. Filed under {@link #ALWAYS} too, a clause of words with a wildcard among them once made
 * three of the six default topics candidates of every statement: 28 ms of matching for a one-line
 * statement that names none of their words. Which
 * of these words and pairs a statement holds is read from the walk of its words the direct plans use
 * too ({@link StatementTerms#filed}), where Lucene's term-filtered presearcher
 * looked every word of the statement up in the query index's terms again (7 % of matching time).
 * Words and pairs of removed queries stay known to {@link TermIds}: a statement holding one then only
 * offers a term no query is filed under.
 *
 * <p>Never a missed match: a statement matching a query holds a word of each of its required clauses,
 * so it holds one of the words or pairs the query is filed under. Tested against one-by-one search.
 */
final class PairPresearcher extends Presearcher {

    /** The field of the query index that holds pairs. */
    static final String PAIRS = "__pairs";

    /** Ends a wildcard's prefix among required words: a byte no UTF-8 text holds, so no word is taken for it. */
    static final byte ANY_ENDING = (byte) 0xFF;

    /** Beyond this many pairs (clauses with many alternatives), the query is filed under its rarest clause. */
    static final int MAX_PAIRS = 16;

    /** The field of the query index that holds words queries are filed under alone. */
    static final String WORDS = "__words";

    /** Where queries that ask for no word are filed: every statement is their candidate. */
    static final String ALWAYS = "__always";

    private final Map<String, Integer> frequencies;
    /** Where the words and pairs queries are filed under are noted: the monitor's numbers. */
    private final TermIds ids;

    /**
     * @param frequencies how many statements hold each term (the rarer, the fewer candidates)
     * @param ids the monitor's numbers of terms
     */
    PairPresearcher(Map<String, Integer> frequencies, TermIds ids) {
        this.frequencies = frequencies;
        this.ids = ids;
    }

    /**
     * The words and pairs the statement holds that queries are filed under, from the walk of its
     * words: no look-up of every word in the query index's terms, as Lucene's presearcher does.
     */
    @Override
    public Query buildQuery(LeafReader reader, BiPredicate<String, BytesRef> termAcceptor) {
        List<BytesRef> words = new ArrayList<>();
        List<BytesRef> pairs = new ArrayList<>();
        StatementTerms.of(reader, ids).filed(words, pairs);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(new TermQuery(new Term(ALWAYS, ALWAYS)), BooleanClause.Occur.SHOULD);
        if (!words.isEmpty()) {
            any.add(new TermInSetQuery(WORDS, words), BooleanClause.Occur.SHOULD);
        }
        if (!pairs.isEmpty()) {
            any.add(new TermInSetQuery(PAIRS, pairs), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /**
     * Files a query under pairs of words of its two rarest required sets; with fewer than two (or
     * too many pairs, or only wildcards to pair with), under the words of its rarest set alone (a
     * wildcard's prefix among them); with no set at all (only {@code source:} or {@code language:}),
     * under {@link #ALWAYS}. A disjunction ({@code Stepanakert OR "humanitarian corridor"}, NOTs beside it or
     * not) is filed under what each alternative is filed under: the phrase under its pair, where one
     * set for the whole disjunction could only hold one word of the phrase.
     */
    @Override
    public Document indexQuery(Query query, Map<String, String> metadata) {
        Query lucene = query instanceof RegisteredQuery registered ? registered.lucene : query;
        Filing filing = byAlternatives(lucene);
        if (filing == null || filing.pairs() > MAX_PAIRS || filing.isEmpty()) {
            filing = bySets(required(lucene)); // filed as a whole, as any other query
        }
        return filing.document(ids);
    }

    /**
     * A phrase filed by where its words stand; a disjunction by what each alternative is filed under;
     * null for any other query.
     */
    private Filing byAlternatives(Query query) {
        if (query instanceof PhraseQuery phrase) {
            return byPositions(phrase);
        }
        BooleanQuery disjunction = disjunction(query);
        if (disjunction == null) {
            return null;
        }
        Filing filing = new Filing();
        for (BooleanClause alternative : disjunction.clauses()) {
            if (alternative.getOccur() == BooleanClause.Occur.SHOULD
                    && !(alternative.getQuery() instanceof MatchNoDocsQuery)) {
                Filing each = byAlternatives(alternative.getQuery());
                filing.add(each != null ? each : bySets(required(alternative.getQuery())));
            }
        }
        return filing;
    }

    /**
     * A phrase of different words under the pair of its two rarest, with where the second must stand
     * from the first: at the same distance as in the phrase, or within the slop of it for a proximity
     * pair ({@code "a b"~k}: Lucene's sloppy rule for two words, |q - 1 - p| <= k). A statement holding
     * both words elsewhere is no candidate: for the benchmark's phrases, 3 candidates in 4 were such
     * statements. Null for a phrase this cannot say where its words stand (repeated words, three or more
     * with a slop, one word, fields other than title and body).
     */
    private Filing byPositions(PhraseQuery phrase) {
        Term[] terms = phrase.getTerms();
        int[] positions = phrase.getPositions();
        int slop = phrase.getSlop();
        String field = phrase.getField();
        if (terms.length < 2
                || (slop != 0 && terms.length != 2)
                || !(field.equals(Analysis.TITLE) || field.equals(Analysis.BODY))) {
            return null;
        }
        List<Integer> order = new ArrayList<>();
        Set<BytesRef> distinct = new HashSet<>();
        for (int i = 0; i < terms.length; i++) {
            if (!distinct.add(terms[i].bytes())) {
                return null;
            }
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> commonness(Set.of(terms[i].bytes()))));
        int first = order.get(0);
        int second = order.get(1);
        int distance = positions[second] - positions[first];
        if (Math.abs(distance) + slop > Short.MAX_VALUE) {
            return null; // beyond what a place holds
        }
        Filing filing = new Filing();
        filing.pairs.add(new Pair(
                terms[first].bytes(), terms[second].bytes(), TermIds.Partners.place(distance - slop, distance + slop)));
        return filing;
    }

    /**
     * The disjunction a statement must match one alternative of for {@code query} to match: the query
     * itself, or its only required clause (NOTs beside it ask for nothing); null if there is none.
     */
    private static BooleanQuery disjunction(Query query) {
        if (!(query instanceof BooleanQuery b) || b.getMinimumNumberShouldMatch() != 0) {
            return null;
        }
        List<Query> required = new ArrayList<>();
        List<Query> should = new ArrayList<>();
        for (BooleanClause clause : b.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> required.add(clause.getQuery());
                case SHOULD -> should.add(clause.getQuery());
                default -> {}
            }
        }
        if (required.isEmpty()) {
            return should.size() > 1 ? b : should.size() == 1 ? disjunction(should.get(0)) : null;
        }
        return required.size() == 1 ? disjunction(required.get(0)) : null;
    }

    /** Where a query is filed, from its required sets (see {@link #indexQuery}). */
    private Filing bySets(List<Set<BytesRef>> required) {
        List<Set<BytesRef>> sets = new ArrayList<>(new LinkedHashSet<>(required));
        sets.sort(Comparator.comparingLong(this::commonness));
        Filing filing = new Filing();
        if (sets.isEmpty()) {
            filing.always = true;
        } else if (sets.size() < 2
                || sets.get(0).stream().anyMatch(PairPresearcher::isPrefix)
                || sets.get(0).size() * sets.get(1).size() > MAX_PAIRS) {
            filing.words.addAll(sets.get(0));
        } else {
            for (BytesRef a : sets.get(0)) {
                for (BytesRef b : sets.get(1)) {
                    filing.pairs.add(new Pair(a, b, TermIds.Partners.ANYWHERE));
                }
            }
        }
        return filing;
    }

    /**
     * Two words a query is filed under (the anchor, the rarer, first), and where the second must stand
     * ({@link TermIds.Partners#place}, or {@link TermIds.Partners#ANYWHERE} in title or body).
     */
    record Pair(BytesRef first, BytesRef second, int place) {}

    /** What a query is filed under: words alone, pairs of words, or always. */
    private static final class Filing {
        final Set<BytesRef> words = new LinkedHashSet<>();
        final Set<Pair> pairs = new LinkedHashSet<>();
        boolean always;

        void add(Filing other) {
            words.addAll(other.words);
            pairs.addAll(other.pairs);
            always |= other.always;
        }

        int pairs() {
            return pairs.size();
        }

        boolean isEmpty() {
            return !always && words.isEmpty() && pairs.isEmpty();
        }

        /** The query index's document; notes in {@code ids} the words and pairs it is filed under. */
        Document document(TermIds ids) {
            Document doc = new Document();
            if (always || isEmpty()) {
                doc.add(new StringField(ALWAYS, ALWAYS, Field.Store.NO));
                return doc;
            }
            for (BytesRef word : words) {
                ids.fileAlone(ids.inText(word));
                doc.add(new StringField(WORDS, word, Field.Store.NO));
            }
            for (Pair pair : pairs) {
                ids.pairWith(ids.inText(pair.first()), ids.inText(pair.second()), pair.place());
                doc.add(new StringField(PAIRS, token(pair.first(), pair.second(), pair.place()), Field.Store.NO));
            }
            return doc;
        }
    }

    /**
     * The indexed form of a pair: the first word, a zero byte (no term holds one), the second; for a
     * pair with a place, another zero byte and the place's four bytes.
     */
    static BytesRef token(BytesRef first, BytesRef second, int place) {
        boolean placed = place != TermIds.Partners.ANYWHERE;
        byte[] bytes = new byte[first.length + 1 + second.length + (placed ? 5 : 0)];
        System.arraycopy(first.bytes, first.offset, bytes, 0, first.length);
        System.arraycopy(second.bytes, second.offset, bytes, first.length + 1, second.length);
        if (placed) {
            BitUtil.VH_LE_INT.set(bytes, bytes.length - 4, place);
        }
        return new BytesRef(bytes);
    }

    /**
     * What a statement must hold for {@code query} to match: for each set, one of its words in title or
     * body (a wildcard's set holds its prefix, marked). Clauses it cannot say this of (other fields, a
     * minimum of SHOULD clauses) are left out, never guessed.
     */
    List<Set<BytesRef>> required(Query query) {
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
            for (Term t : p.getTerms()) {
                addWord(t.field(), t.bytes(), out);
            }
        } else if (query instanceof SpanNearQuery near) {
            for (SpanQuery clause : near.getClauses()) {
                out.addAll(required(clause));
            }
        } else if (query instanceof SpanNotQuery not) {
            out.addAll(required(not.getInclude())); // what it excludes asks for nothing
        } else if (query instanceof SpanNotInSentenceQuery not) {
            out.addAll(required(not.include()));
        } else if (query instanceof SpanContainingQuery containing
                && containing.getBig() instanceof SpanNearQuery twice) {
            out.addAll(required(twice.getClauses()[0])); // about:'s two sentences: its words, twice
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
            byte[] marked = Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length + 1);
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
     * For a disjunction, sets that hold if any alternative matches. Alternatives with as many sets each
     * (the same phrase in title and in body, say) give the j-th set of every alternative joined, for
     * each j: they line up word for word. Others give one set, the rarest set of each alternative
     * joined ("Lachin OR \"humanitarian corridor\"": Lachin, or the rarer word of the phrase; its
     * first word might be "the").
     */
    private void addAnyOf(Collection<? extends Query> alternatives, List<Set<BytesRef>> out) {
        List<List<Set<BytesRef>>> each = new ArrayList<>();
        int common = Integer.MAX_VALUE;
        int longest = 0;
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
            longest = Math.max(longest, sets.size());
        }
        if (each.isEmpty()) {
            return; // no alternative can match: the query never does, and asks for nothing
        }
        if (common < longest) {
            Set<BytesRef> any = new LinkedHashSet<>();
            for (List<Set<BytesRef>> sets : each) {
                any.addAll(Collections.min(sets, Comparator.comparingLong(this::commonness)));
            }
            out.add(any);
            return;
        }
        for (int j = 0; j < common; j++) {
            Set<BytesRef> any = new LinkedHashSet<>();
            for (List<Set<BytesRef>> sets : each) {
                any.addAll(sets.get(j));
            }
            out.add(any);
        }
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
