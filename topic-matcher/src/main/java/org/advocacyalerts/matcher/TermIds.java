package org.advocacyalerts.matcher;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Every (field, term) a plan or a pair of one {@link TopicMonitor} asks about, numbered once for good
 * when a query is registered: a statement's postings are then found by array index instead of hashing
 * the term's bytes for every candidate. Numbers are never given back while the monitor lives; there are
 * as many as distinct words and fields in its registered queries, and they go with the monitor. Numbering
 * happens under this object's lock (registration); finding runs in any thread without one.
 */
final class TermIds {

    /** The field of terms numbered as text, whatever field of a statement holds them (title or body). */
    static final String ANY_TEXT = "";

    /** The numbers of the title and body fields ({@link #fieldIndex}). */
    static final int TITLE = 0;

    static final int BODY = 1;

    private final Map<String, BytesTable> fields = new ConcurrentHashMap<>();

    /** Field names by number: title and body first, then others as queries name them. */
    private volatile String[] fieldNames = {Analysis.TITLE, Analysis.BODY};

    /** Written under this object's lock; read without it. */
    private volatile Term[] byId = new Term[1024];

    private volatile int count;

    /** Text terms that are wildcards' prefixes some query is filed under alone ({@link #fileAlone}). */
    private volatile Term[] alonePrefixes = new Term[0];

    /** By text term number: whether some query is filed under that word, alone or paired. */
    private volatile long[] anchors = new long[64];

    /**
     * By a word's place in {@link StemCache}: whether its stem is a text term here (low bit), as of
     * which {@link #count} (the rest); a larger count reads it again. Copied on growth; a lost write
     * only costs a lookup.
     */
    private volatile int[] stemKnown = new int[1024];

    /**
     * A numbered term; the bytes are shared with the query, and neither changes them. A title or body
     * term knows the same word as text ({@link #any}), numbered once for both fields; that term knows
     * the words a {@link PairPresearcher} pairs it with, whether it files queries under it alone, and
     * its own title and body terms (to read where the word stands).
     */
    static final class Term {
        private final int id;
        private final String field;
        /** The field's number ({@link #fieldIndex}). */
        final int fieldIndex;

        private final BytesRef bytes;
        final Term any;
        /** Words paired with this one as text, and where each must stand, or null; replaced on write. */
        volatile Partners partners;
        /** Whether some query is filed under this word alone. */
        volatile boolean alone;
        /** For a text term: the same word in title and in body (set before it is paired or filed). */
        volatile Term inTitle;

        volatile Term inBody;

        private Term(int id, String field, int fieldIndex, BytesRef bytes, Term any) {
            this.id = id;
            this.field = field;
            this.fieldIndex = fieldIndex;
            this.bytes = bytes;
            this.any = any;
        }

        int id() {
            return id;
        }

        String field() {
            return field;
        }

        BytesRef bytes() {
            return bytes;
        }
    }

    /**
     * The words paired with an anchor word (never the same word and place twice), and where each must
     * stand: anywhere in title or body ({@link #ANYWHERE}), or in the same field between a least and a
     * most number of positions after the anchor, packed in one int ({@link #place}). Two arrays, where
     * an object and a pre-made token per pair held 7 MB more at 100,000 queries.
     */
    static final class Partners {
        static final int ANYWHERE = Integer.MIN_VALUE;

        final Term[] terms;
        final int[] places;

        Partners(Term[] terms, int[] places) {
            this.terms = terms;
            this.places = places;
        }

        /** {@code min} to {@code max} positions after the anchor (each within a short), one int. */
        static int place(int min, int max) {
            return (min << 16) | (max & 0xFFFF);
        }

        static int min(int place) {
            return place >> 16;
        }

        static int max(int place) {
            return (short) place;
        }
    }

    /** How many terms are numbered. */
    int count() {
        return count;
    }

    /** The term, numbered now if new; a title or body term numbers the same word as text too. */
    Term of(String field, BytesRef bytes) {
        BytesTable table = fields.get(field);
        BytesRef found = new BytesRef();
        if (table != null && table.find(bytes, found)) {
            return byId[id(found)];
        }
        synchronized (this) {
            table = fields.computeIfAbsent(field, f -> new BytesTable());
            if (table.find(bytes, found)) {
                return byId[id(found)];
            }
            Term any = field.equals(Analysis.TITLE) || field.equals(Analysis.BODY) ? of(ANY_TEXT, bytes) : null;
            int id = count;
            Term made = new Term(id, field, fieldIndex(field), bytes, any);
            Term[] terms = byId;
            if (id == terms.length) {
                terms = Arrays.copyOf(terms, id * 2);
            }
            terms[id] = made;
            byId = terms;
            table.add(bytes, entry(id, any == null ? -1 : any.id));
            if (any != null) {
                if (field.equals(Analysis.TITLE)) {
                    any.inTitle = made;
                } else {
                    any.inBody = made;
                }
            }
            count = id + 1;
            return made;
        }
    }

    /**
     * The word as text, numbered in title and body too: a statement's walk notes the words it holds
     * through their title and body numbers.
     */
    Term inText(BytesRef bytes) {
        of(Analysis.TITLE, bytes);
        return of(Analysis.BODY, bytes).any;
    }

    /**
     * Notes that statements holding {@code anchor} and {@code partner} (words as text) are candidates
     * of some query, with the partner standing where {@code place} says ({@link Partners#place}).
     */
    synchronized void pairWith(Term anchor, Term partner, int place) {
        Partners known = anchor.partners;
        if (known != null) {
            for (int i = 0; i < known.terms.length; i++) {
                if (known.terms[i] == partner && known.places[i] == place) {
                    return;
                }
            }
        }
        int size = known == null ? 0 : known.terms.length;
        Term[] terms = known == null ? new Term[1] : Arrays.copyOf(known.terms, size + 1);
        int[] places = known == null ? new int[1] : Arrays.copyOf(known.places, size + 1);
        terms[size] = partner;
        places[size] = place;
        anchor.partners = new Partners(terms, places);
        markAnchor(anchor.id);
    }

    /**
     * Notes that statements holding {@code word} (as text) are candidates of some query, whatever else. A
     * wildcard's prefix ({@link PairPresearcher#isPrefix}) is no word a statement holds: it is kept among
     * {@link #alonePrefixes}, which each statement looks up in its own words.
     */
    synchronized void fileAlone(Term word) {
        if (word.alone) {
            return;
        }
        word.alone = true;
        if (PairPresearcher.isPrefix(word.bytes)) {
            Term[] known = alonePrefixes;
            Term[] grown = Arrays.copyOf(known, known.length + 1);
            grown[known.length] = word;
            alonePrefixes = grown;
        } else {
            markAnchor(word.id);
        }
    }

    /** The wildcards' prefixes some query is filed under alone (marked, as text); replaced on write. */
    Term[] alonePrefixes() {
        return alonePrefixes;
    }

    /** Under this object's lock. */
    private void markAnchor(int id) {
        long[] bits = anchors;
        if (bits.length <= id >> 6) {
            bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (id >> 6) + 1));
        }
        bits[id >> 6] |= 1L << id;
        anchors = bits;
    }

    /** Whether some query is filed under the text term numbered {@code id}, alone or paired. */
    boolean isAnchor(int id) {
        long[] bits = anchors;
        return id >> 6 < bits.length && (bits[id >> 6] & (1L << id)) != 0;
    }

    /** The field's number, given on first sight and kept: a statement finds its fields by it in an array. */
    int fieldIndex(String field) {
        String[] names = fieldNames;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(field)) {
                return i;
            }
        }
        synchronized (this) {
            names = fieldNames;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(field)) {
                    return i;
                }
            }
            String[] grown = Arrays.copyOf(names, names.length + 1);
            grown[names.length] = field;
            fieldNames = grown;
            return names.length;
        }
    }

    String fieldName(int index) {
        return fieldNames[index];
    }

    /** The number of {@code term} as text, numbered now if new (the terms of a registered query's clauses). */
    int textId(String term) {
        return of(ANY_TEXT, new BytesRef(term)).id();
    }

    /** Whether {@code term} is numbered as text: some registered query asks about it in title or body. */
    boolean isText(BytesRef term) {
        BytesTable table = fields.get(ANY_TEXT);
        return table != null && table.find(term, new BytesRef());
    }

    /**
     * {@link #isText} for the stem of the word at {@code place} in a {@link StemCache} (-1: not cached),
     * remembered per word until more terms are numbered.
     */
    boolean isKnownStem(int place, BytesRef stem) {
        int numbered = count; // read first: a term numbered after this is read again next time
        int[] known = stemKnown;
        if (place >= 0 && place < known.length && known[place] >>> 1 == numbered) {
            return (known[place] & 1) != 0;
        }
        boolean is = isText(stem);
        if (place >= 0) {
            if (place >= known.length) {
                known = Arrays.copyOf(known, Math.max(known.length * 2, place + 1));
                stemKnown = known;
            }
            known[place] = (numbered << 1) | (is ? 1 : 0);
        }
        return is;
    }

    /** The number of {@code term} as text, or -1 if it has none. */
    int textIdOf(String term) {
        BytesTable table = fields.get(ANY_TEXT);
        BytesRef found = new BytesRef();
        return table != null && table.find(new BytesRef(term), found) ? id(found) : -1;
    }

    /**
     * The terms of a field that some plan asks about, each with its number and its text term's number
     * ({@link #id}, {@link #textId}), or null: nothing asks about this field.
     */
    BytesTable inField(String field) {
        return fields.get(field);
    }

    Term byId(int id) {
        return byId[id];
    }

    /** The term's number, from its entry in a field's table. */
    static int id(BytesRef entry) {
        return (int) BitUtil.VH_LE_INT.get(entry.bytes, entry.offset);
    }

    /** The number of the same word as text, or -1, from its entry in a field's table. */
    static int textId(BytesRef entry) {
        return (int) BitUtil.VH_LE_INT.get(entry.bytes, entry.offset + 4);
    }

    private static BytesRef entry(int id, int textId) {
        byte[] p = new byte[8];
        BitUtil.VH_LE_INT.set(p, 0, id);
        BitUtil.VH_LE_INT.set(p, 4, textId);
        return new BytesRef(p);
    }
}
