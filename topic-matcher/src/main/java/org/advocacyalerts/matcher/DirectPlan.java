package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * A query of words, exact phrases, AND, OR and NOT, run on one statement's term positions directly.
 * Most registered queries are of this kind; running each candidate as a Lucene {@code Weight} built a
 * weight, term states and a scorer per clause for every one of hundreds of candidates per statement,
 * which was most of the matcher's time and garbage. Same meaning as the Lucene query it is made from
 * (a term, an exact phrase, a boolean query without minimum-should-match); the same evidence spans as
 * Lucene's {@code Matches} give (every occurrence of every matching positive clause). Trailing
 * wildcards are words too: the statement's words with the prefix (rewriting such a query against each
 * statement was a tenth of matching time). A proximity pair ({@code "a b"~5}) is checked here too, but
 * its evidence comes from Lucene; other sloppy phrases and spans (NEAR) have no plan and run as Lucene
 * queries.
 */
abstract sealed class DirectPlan {

    /** The plan of {@code query}, or null when it holds anything but terms, exact phrases and booleans. */
    static DirectPlan of(Query query) {
        if (query instanceof TermQuery t) {
            return new Word(TermIds.of(t.getTerm().field(), t.getTerm().bytes()));
        }
        if (query instanceof PhraseQuery p) {
            return phrase(p);
        }
        if (query instanceof PrefixQuery p
                && p.getRewriteMethod() instanceof MultiTermQuery.TopTermsBlendedFreqScoringRewrite top) {
            return new Prefix(p.getField(), p.getPrefix().bytes(), top.getSize());
        }
        if (query instanceof MatchNoDocsQuery) {
            return Nothing.INSTANCE;
        }
        if (query instanceof BooleanQuery b) {
            return bool(b);
        }
        return null;
    }

    private static DirectPlan phrase(PhraseQuery p) {
        int[] positions = p.getPositions();
        Term[] terms = p.getTerms();
        if (p.getSlop() != 0) {
            return terms.length == 2 && positions[0] == 0 && positions[1] == 1 && !terms[0].equals(terms[1])
                    ? new SloppyPair(
                            TermIds.of(p.getField(), terms[0].bytes()),
                            TermIds.of(p.getField(), terms[1].bytes()),
                            p.getSlop())
                    : null; // repeated words or more than two: Lucene's matcher, with its own rules
        }
        if (terms.length == 0) {
            return null;
        }
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] != i) {
                return null; // gaps: not what the compiler makes
            }
        }
        TermIds.Term[] ids = new TermIds.Term[terms.length];
        for (int i = 0; i < terms.length; i++) {
            ids[i] = TermIds.of(p.getField(), terms[i].bytes());
        }
        return new Phrase(p.getField(), ids);
    }

    private static DirectPlan bool(BooleanQuery b) {
        if (b.getMinimumNumberShouldMatch() != 0) {
            return null;
        }
        List<DirectPlan> must = new ArrayList<>();
        List<DirectPlan> should = new ArrayList<>();
        List<DirectPlan> mustNot = new ArrayList<>();
        for (BooleanClause clause : b.clauses()) {
            DirectPlan plan = of(clause.getQuery());
            if (plan == null) {
                return null;
            }
            switch (clause.getOccur()) {
                case MUST -> must.add(plan);
                case SHOULD -> should.add(plan);
                case MUST_NOT -> mustNot.add(plan);
                default -> {
                    return null; // FILTER: not made by the compiler
                }
            }
        }
        return new Bool(
                must.toArray(DirectPlan[]::new), should.toArray(DirectPlan[]::new), mustNot.toArray(DirectPlan[]::new));
    }

    /** Whether the statement matches. */
    abstract boolean matches(Statement statement);

    /**
     * Whether {@link #spans} gives the evidence Lucene's {@code Matches} would: false for a plan holding
     * a proximity pair, whose evidence is then taken from Lucene (only for statements it matches).
     */
    boolean hasSpans() {
        return true;
    }

    /** Adds the spans of a plan that {@link #matches}: {field, start offset, end offset} each. */
    abstract void spans(Statement statement, List<Span> out);

    /** A matched stretch of text. */
    record Span(String field, int start, int end) {}

    /**
     * One statement's postings, read as candidates ask for them and kept: a term shared by many queries
     * is read from the in-memory index once. When a field is first asked about, its terms are walked once
     * and each one some plan knows is noted with its place in the index (a hash lookup per term of the
     * statement): a term is then found by its number, where looking each up in the index's sorted terms
     * (a binary search over byte strings) was a tenth of matching time at 100,000 queries. The table of
     * places is per thread and reused from one statement to the next (a stamp says which entries are
     * this statement's). One statement at a time per thread; a statement that finds its table taken by
     * a newer one on the same thread takes it back and walks its fields again.
     */
    static final class Statement {
        /** Positions and offsets of one term: position, start, end, position, start, end, ... */
        private static final int[] ABSENT = new int[0];

        private static final ThreadLocal<Table> TABLES = ThreadLocal.withInitial(Table::new);

        /** By term number: the term's ordinal in its field of the statement's index, if stamped. */
        private static final class Table {
            int[] stamps = new int[1024];
            int[] ords = new int[1024];
            int stamp;
            Statement owner;

            boolean has(TermIds.Term term) {
                return term.id() < stamps.length && stamps[term.id()] == stamp;
            }

            void takeFor(Statement statement) {
                owner = statement;
                if (stamps.length < TermIds.count()) {
                    stamps = new int[TermIds.count() + 1024];
                    ords = new int[stamps.length];
                    stamp = 0;
                }
                if (++stamp == Integer.MAX_VALUE) {
                    Arrays.fill(stamps, 0);
                    stamp = 1;
                }
            }
        }

        /** What {@link #fields} holds for a field the statement lacks. */
        private static final Field NONE = new Field(null, 0);

        private final LeafReader reader;
        /** By field number ({@link TermIds#fieldIndex}): null until opened, {@link #NONE} if absent. */
        private Field[] fields = new Field[4];

        private final Table table = TABLES.get();
        /** Words as text found in title or body that some query is filed under, alone or paired. */
        private final List<TermIds.Term> anchors = new ArrayList<>();

        private Statement(LeafReader reader) {
            this.reader = reader;
            table.takeFor(this);
        }

        /**
         * The statement of {@code reader} on this thread: the one the presearcher read the statement's
         * words into, if it is still this thread's latest, or a new one.
         */
        static Statement of(LeafReader reader) {
            Statement latest = TABLES.get().owner;
            return latest != null && latest.reader == reader ? latest : new Statement(reader);
        }

        /**
         * What the statement holds of what queries are filed under ({@link PairPresearcher}): the words
         * queries are filed under alone, and the pairs (as {@link PairPresearcher#token}) of words, in
         * title or body.
         */
        void filed(List<BytesRef> words, List<BytesRef> pairs) {
            field(TermIds.TITLE);
            field(TermIds.BODY);
            Table t = table;
            for (TermIds.Term anchor : anchors) {
                if (anchor.alone) {
                    words.add(anchor.bytes());
                }
                TermIds.Partners partners = anchor.partners;
                if (partners == null) {
                    continue;
                }
                TermIds.Term[] partnerWords = partners.terms;
                int[] places = partners.places;
                for (int i = 0; i < partnerWords.length; i++) {
                    TermIds.Term word = partnerWords[i];
                    int place = places[i];
                    boolean holds = PairPresearcher.isPrefix(word.bytes())
                            ? hasPrefixed(word.bytes())
                            : t.has(word) && (place == TermIds.Partners.ANYWHERE || stands(anchor, word, place));
                    if (holds) {
                        pairs.add(PairPresearcher.token(anchor.bytes(), word.bytes(), place));
                    }
                }
            }
        }

        /**
         * Whether {@code word} stands where {@code place} says: in title or body, its least to its most
         * number of positions after an occurrence of the anchor in the same field. Both words' postings
         * are read here, where the candidate's plan would read them next.
         */
        private boolean stands(TermIds.Term anchor, TermIds.Term word, int place) {
            int min = TermIds.Partners.min(place);
            int max = TermIds.Partners.max(place);
            return within(postings(anchor.inTitle), postings(word.inTitle), min, max)
                    || within(postings(anchor.inBody), postings(word.inBody), min, max);
        }

        /** Whether some position of {@code b} is {@code min} to {@code max} after some position of {@code a}. */
        private static boolean within(int[] a, int[] b, int min, int max) {
            // Both lists in position order: the first b at or past a's position + min is the one to check.
            for (int i = 0, j = 0; i < a.length; i += 3) {
                int low = a[i] + min;
                while (j < b.length && b[j] < low) {
                    j += 3;
                }
                if (j == b.length) {
                    return false;
                }
                if (b[j] <= a[i] + max) {
                    return true;
                }
            }
            return false;
        }

        /** Whether title or body holds a word starting with the wildcard's prefix (its last byte the mark). */
        private boolean hasPrefixed(BytesRef marked) {
            BytesRef prefix = new BytesRef(marked.bytes, marked.offset, marked.length - 1);
            return !prefixed(TermIds.TITLE, prefix, 1).isEmpty()
                    || !prefixed(TermIds.BODY, prefix, 1).isEmpty();
        }

        /** One field of the statement: its terms, and the postings read so far by ordinal. */
        private static final class Field {
            final TermsEnum terms;
            final int[][] byOrd;
            PostingsEnum reuse;

            Field(TermsEnum terms, int size) {
                this.terms = terms;
                this.byOrd = new int[size][];
            }

            int[] postings(int ord) {
                int[] found = byOrd[ord];
                if (found == null) {
                    found = read(ord);
                    byOrd[ord] = found;
                }
                return found;
            }

            private int[] read(int ord) {
                try {
                    terms.seekExact(ord);
                    PostingsEnum postings = terms.postings(reuse, PostingsEnum.OFFSETS);
                    reuse = postings;
                    if (postings.nextDoc() == PostingsEnum.NO_MORE_DOCS) {
                        return ABSENT;
                    }
                    int freq = postings.freq();
                    int[] out = new int[freq * 3];
                    for (int i = 0; i < freq; i++) {
                        out[i * 3] = postings.nextPosition();
                        out[i * 3 + 1] = postings.startOffset();
                        out[i * 3 + 2] = postings.endOffset();
                    }
                    return out;
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the statement's in-memory index failed", e);
                }
            }
        }

        int[] postings(TermIds.Term term) {
            return postings(term.fieldIndex, term.id());
        }

        /** The postings of the term numbered {@code id} in the field numbered {@code fieldIndex}. */
        int[] postings(int fieldIndex, int id) {
            Field field = field(fieldIndex);
            Table t = table;
            if (field == null || id >= t.stamps.length || t.stamps[id] != t.stamp) {
                return ABSENT;
            }
            return field.postings(t.ords[id]);
        }

        /**
         * The postings of the first {@code limit} terms in the field that start with {@code prefix}, in
         * the index's (byte) order: what Lucene's top-terms rewrite of a prefix query keeps when every
         * term weighs the same.
         */
        List<int[]> prefixed(int fieldIndex, BytesRef prefix, int limit) {
            Field field = field(fieldIndex);
            String name = TermIds.fieldName(fieldIndex);
            if (field == null) {
                return List.of();
            }
            try {
                TermsEnum walk = reader.terms(name).iterator();
                if (walk.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
                    return List.of();
                }
                List<int[]> found = new ArrayList<>();
                for (BytesRef term = walk.term();
                        term != null && found.size() < limit && StringHelper.startsWith(term, prefix);
                        term = walk.next()) {
                    found.add(field.postings((int) walk.ord()));
                }
                return found;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the statement's in-memory index failed", e);
            }
        }

        private Field field(int index) {
            if (table.owner != this) {
                // A newer statement on this thread took the table: its places are not ours.
                table.takeFor(this);
                Arrays.fill(fields, null);
                anchors.clear();
            }
            if (index >= fields.length) {
                fields = Arrays.copyOf(fields, index + 4);
            }
            Field field = fields[index];
            if (field == null) {
                field = open(TermIds.fieldName(index));
                fields[index] = field == null ? NONE : field;
            }
            return field == NONE ? null : field;
        }

        /** The field's terms, each one some plan knows stamped with its ordinal; null if it has none. */
        private Field open(String name) {
            try {
                Terms terms = reader.terms(name);
                if (terms == null) {
                    return null;
                }
                BytesTable known = TermIds.inField(name);
                if (known != null) {
                    Table t = table;
                    BytesRef found = new BytesRef();
                    TermsEnum walk = terms.iterator();
                    for (BytesRef term = walk.next(); term != null; term = walk.next()) {
                        if (!known.find(term, found)) {
                            continue;
                        }
                        int id = TermIds.id(found);
                        if (id < t.stamps.length) {
                            t.stamps[id] = t.stamp;
                            t.ords[id] = (int) walk.ord();
                        }
                        int text = TermIds.textId(found);
                        if (text >= 0 && text < t.stamps.length && t.stamps[text] != t.stamp) {
                            t.stamps[text] = t.stamp;
                            if (TermIds.isAnchor(text)) {
                                anchors.add(TermIds.byId(text));
                            }
                        }
                    }
                }
                return new Field(terms.iterator(), (int) terms.size());
            } catch (IOException e) {
                throw new UncheckedIOException("reading the statement's in-memory index failed", e);
            }
        }
    }

    /** A word; its term's numbers are kept here, one place in memory less to wait for per candidate. */
    static final class Word extends DirectPlan {
        private final String field;
        private final int fieldIndex;
        private final int id;

        Word(TermIds.Term term) {
            this.field = term.field();
            this.fieldIndex = term.fieldIndex;
            this.id = term.id();
        }

        @Override
        boolean matches(Statement statement) {
            return statement.postings(fieldIndex, id).length > 0;
        }

        @Override
        void spans(Statement statement, List<Span> out) {
            int[] p = statement.postings(fieldIndex, id);
            for (int i = 0; i < p.length; i += 3) {
                out.add(new Span(field, p[i + 1], p[i + 2]));
            }
        }
    }

    static final class Phrase extends DirectPlan {
        private final String field;
        private final int fieldIndex;
        /** The term numbers of the phrase's words, in order. */
        private final int[] ids;

        Phrase(String field, TermIds.Term[] terms) {
            this.field = field;
            this.fieldIndex = TermIds.fieldIndex(field);
            this.ids = new int[terms.length];
            for (int i = 0; i < terms.length; i++) {
                ids[i] = terms[i].id();
            }
        }

        @Override
        boolean matches(Statement statement) {
            int[][] postings = postings(statement);
            if (postings == null) {
                return false;
            }
            for (int i = 0; i < postings[0].length; i += 3) {
                if (endsAt(postings, postings[0][i]) >= 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        void spans(Statement statement, List<Span> out) {
            int[][] postings = postings(statement);
            if (postings == null) {
                return;
            }
            for (int i = 0; i < postings[0].length; i += 3) {
                int end = endsAt(postings, postings[0][i]);
                if (end >= 0) {
                    out.add(new Span(field, postings[0][i + 1], end));
                }
            }
        }

        private int[][] postings(Statement statement) {
            int[][] postings = new int[ids.length][];
            for (int t = 0; t < ids.length; t++) {
                postings[t] = statement.postings(fieldIndex, ids[t]);
                if (postings[t].length == 0) {
                    return null;
                }
            }
            return postings;
        }

        /** The end offset of the phrase starting at {@code position}, or -1 if it does not occur there. */
        private static int endsAt(int[][] postings, int position) {
            int end = -1;
            for (int t = 1; t < postings.length; t++) {
                end = endOffsetAt(postings[t], position + t);
                if (end < 0) {
                    return -1;
                }
            }
            return postings.length == 1 ? endOffsetAt(postings[0], position) : end;
        }

        /** Binary search over the (position, start, end) triples for a position: its end offset, or -1. */
        private static int endOffsetAt(int[] p, int position) {
            int low = 0;
            int high = p.length / 3 - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int at = p[mid * 3];
                if (at < position) {
                    low = mid + 1;
                } else if (at > position) {
                    high = mid - 1;
                } else {
                    return p[mid * 3 + 2];
                }
            }
            return -1;
        }
    }

    /** Lucene's boolean meaning: every MUST, no MUST_NOT, and at least one SHOULD when there is no MUST. */
    static final class Bool extends DirectPlan {
        private final DirectPlan[] must;
        private final DirectPlan[] should;
        private final DirectPlan[] mustNot;
        private final boolean hasSpans;

        Bool(DirectPlan[] must, DirectPlan[] should, DirectPlan[] mustNot) {
            this.must = must;
            this.should = should;
            this.mustNot = mustNot;
            boolean spans = true;
            for (DirectPlan plan : must) {
                spans &= plan.hasSpans();
            }
            for (DirectPlan plan : should) {
                spans &= plan.hasSpans();
            }
            this.hasSpans = spans; // what is excluded gives no evidence
        }

        @Override
        boolean hasSpans() {
            return hasSpans;
        }

        @Override
        boolean matches(Statement statement) {
            for (DirectPlan plan : must) {
                if (!plan.matches(statement)) {
                    return false;
                }
            }
            if (must.length == 0) {
                boolean any = false;
                for (DirectPlan plan : should) {
                    if (plan.matches(statement)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            for (DirectPlan plan : mustNot) {
                if (plan.matches(statement)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void spans(Statement statement, List<Span> out) {
            for (DirectPlan plan : must) {
                plan.spans(statement, out);
            }
            for (DirectPlan plan : should) {
                if (plan.matches(statement)) {
                    plan.spans(statement, out);
                }
            }
        }
    }

    /** A trailing wildcard: any of the statement's words that start with the prefix, at most {@code limit}. */
    static final class Prefix extends DirectPlan {
        private final String field;
        private final int fieldIndex;
        private final BytesRef prefix;
        private final int limit;

        Prefix(String field, BytesRef prefix, int limit) {
            this.field = field;
            this.fieldIndex = TermIds.fieldIndex(field);
            this.prefix = prefix;
            this.limit = limit;
        }

        @Override
        boolean matches(Statement statement) {
            return !statement.prefixed(fieldIndex, prefix, 1).isEmpty();
        }

        @Override
        void spans(Statement statement, List<Span> out) {
            for (int[] p : statement.prefixed(fieldIndex, prefix, limit)) {
                for (int i = 0; i < p.length; i += 3) {
                    out.add(new Span(field, p[i + 1], p[i + 2]));
                }
            }
        }
    }

    /**
     * Two different words within {@code slop} of each other, a proximity query ({@code "release
     * detainees"~5}): Lucene's sloppy phrase meaning for two words, the first at p and the second at q
     * matching when |q - 1 - p| <= slop (in order and adjacent costs 0, reversed and adjacent 2). Only
     * whether it matches: its evidence (the window Lucene's matcher reports) comes from Lucene.
     */
    static final class SloppyPair extends DirectPlan {
        private final TermIds.Term first;
        private final TermIds.Term second;
        private final int slop;

        SloppyPair(TermIds.Term first, TermIds.Term second, int slop) {
            this.first = first;
            this.second = second;
            this.slop = slop;
        }

        @Override
        boolean matches(Statement statement) {
            int[] a = statement.postings(first);
            if (a.length == 0) {
                return false;
            }
            int[] b = statement.postings(second);
            // Both lists in position order: the closest pair is found walking them together.
            for (int i = 0, j = 0; i < a.length && j < b.length; ) {
                int distance = (b[j] - 1) - a[i];
                if (Math.abs(distance) <= slop) {
                    return true;
                }
                if (distance < 0) {
                    j += 3;
                } else {
                    i += 3;
                }
            }
            return false;
        }

        @Override
        boolean hasSpans() {
            return false;
        }

        @Override
        void spans(Statement statement, List<Span> out) {
            throw new UnsupportedOperationException("a proximity pair's evidence comes from Lucene");
        }
    }

    static final class Nothing extends DirectPlan {
        static final Nothing INSTANCE = new Nothing();

        @Override
        boolean matches(Statement statement) {
            return false;
        }

        @Override
        void spans(Statement statement, List<Span> out) {}
    }
}
