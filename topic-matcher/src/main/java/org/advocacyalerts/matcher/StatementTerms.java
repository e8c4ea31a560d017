package org.advocacyalerts.matcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOConsumer;
import org.apache.lucene.util.StringHelper;

/**
 * One statement's postings, read as candidates ask for them and kept: a term shared by many queries
 * is read from the in-memory index once. When a field is first asked about, its terms are walked once
 * and each one some plan knows is noted with its place in the index (a hash lookup per term of the
 * statement): a term is then found by its number, never looked up in the index's sorted terms (a binary
 * search over byte strings per lookup). The table of
 * places is per thread and reused from one statement to the next (a stamp says which entries are
 * this statement's). One statement at a time per thread; a statement that finds its table taken by
 * a newer one on the same thread takes it back and walks its fields again.
 */
final class StatementTerms {
    /** Positions and offsets of one term: position, start, end, position, start, end, ... */
    private static final int[] ABSENT = new int[0];

    private static final ThreadLocal<Table> TABLES = ThreadLocal.withInitial(Table::new);

    /** By term number: the term's ordinal in its field of the statement's index, if stamped. */
    private static final class Table {
        int[] stamps = new int[1024];
        int[] ords = new int[1024];
        int stamp;
        StatementTerms owner;

        boolean has(TermIds.Term term) {
            return term.id() < stamps.length && stamps[term.id()] == stamp;
        }

        void takeFor(StatementTerms statement) {
            owner = statement;
            int numbered = statement.ids.count();
            if (stamps.length < numbered) {
                stamps = new int[numbered + 1024];
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
    /** The numbers of the monitor matching the statement. */
    private final TermIds ids;
    /** By field number ({@link TermIds#fieldIndex}): null until opened, {@link #NONE} if absent. */
    private Field[] fields = new Field[4];

    private final Table table = TABLES.get();
    /** Words as text found in title or body that some query is filed under, alone or paired. */
    private final List<TermIds.Term> anchors = new ArrayList<>();

    private StatementTerms(LeafReader reader, TermIds ids) {
        this.reader = reader;
        this.ids = ids;
        table.takeFor(this);
    }

    /**
     * The statement of {@code reader} on this thread: the one the presearcher read the statement's
     * words into, if it is still this thread's latest, or a new one.
     */
    static StatementTerms of(LeafReader reader, TermIds ids) {
        StatementTerms latest = TABLES.get().owner;
        return latest != null && latest.reader == reader && latest.ids == ids
                ? latest
                : new StatementTerms(reader, ids);
    }

    /**
     * What the statement holds of what queries are filed under ({@link PairPresearcher}): the words
     * queries are filed under alone (a wildcard's prefix when some word of the statement starts with it),
     * and the pairs (as {@link PairPresearcher#token}) of words, in title or body.
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
        for (TermIds.Term prefix : ids.alonePrefixes()) {
            if (hasPrefixed(prefix.bytes())) {
                words.add(prefix.bytes());
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
        String name = ids.fieldName(fieldIndex);
        if (field == null) {
            return List.of();
        }
        try {
            List<int[]> found = new ArrayList<>();
            eachPrefixed(reader.terms(name), prefix, limit, walk -> found.add(field.postings((int) walk.ord())));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the statement's in-memory index failed", e);
        }
    }

    /**
     * Calls {@code each} with the walk of {@code terms} at each of the first {@code limit} terms that
     * start with {@code prefix}, in the index's (byte) order: what Lucene's top-terms rewrite of a prefix
     * query keeps when every term weighs the same. A direct plan's wildcard and a wildcard inside NEAR
     * ({@link PrefixSpanRewrite}) both expand by it.
     */
    static void eachPrefixed(Terms terms, BytesRef prefix, int limit, IOConsumer<TermsEnum> each) throws IOException {
        if (terms == null) {
            return;
        }
        TermsEnum walk = terms.iterator();
        if (walk.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
            return;
        }
        int taken = 0;
        for (BytesRef term = walk.term();
                term != null && taken < limit && StringHelper.startsWith(term, prefix);
                term = walk.next()) {
            each.accept(walk);
            taken++;
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
            field = open(ids.fieldName(index));
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
            BytesTable known = ids.inField(name);
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
                        if (ids.isAnchor(text)) {
                            anchors.add(ids.byId(text));
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
