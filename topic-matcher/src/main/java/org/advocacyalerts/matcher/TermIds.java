package org.advocacyalerts.matcher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.util.BytesRef;

/**
 * Every (field, term) a plan or a pair asks about, numbered once for good when the query is registered:
 * a statement's postings are then found by array index instead of hashing the term's bytes for every
 * candidate (hashing and comparing terms was a fifth of matching time at 100,000 queries). Numbers are
 * never given back; there are as many as distinct words and fields in registered queries. Numbering
 * happens under one lock (registration); finding runs in any thread without one.
 */
final class TermIds {

    /** The field of terms numbered as text, whatever field of a statement holds them (title or body). */
    static final String ANY_TEXT = "";

    /**
     * A numbered term; the bytes are shared with the query, and neither changes them. A title or body
     * term knows the same word as text ({@link #any}), numbered once for both fields; that term knows
     * the words a {@link PairPresearcher} pairs it with.
     */
    static final class Term {
        private final int id;
        private final String field;
        private final BytesRef bytes;
        final Term any;
        /** Words paired with this one as text (never repeated), or null; copied on write. */
        volatile Term[] partners;

        private Term(int id, String field, BytesRef bytes, Term any) {
            this.id = id;
            this.field = field;
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

        /** Notes that statements holding this word and {@code partner} are candidates of some query. */
        void pairWith(Term partner) {
            synchronized (TermIds.class) {
                Term[] known = partners;
                if (known != null) {
                    for (Term t : known) {
                        if (t == partner) {
                            return;
                        }
                    }
                }
                Term[] grown = known == null ? new Term[1] : Arrays.copyOf(known, known.length + 1);
                grown[grown.length - 1] = partner;
                partners = grown;
                long[] bits = anchors;
                if (bits.length <= id >> 6) {
                    bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (id >> 6) + 1));
                }
                bits[id >> 6] |= 1L << id;
                anchors = bits;
            }
        }
    }

    private static final Map<String, FieldTable> FIELDS = new ConcurrentHashMap<>();

    /** Guarded by the class lock for writes; read without it. */
    private static volatile Term[] byId = new Term[1024];

    private static volatile int count;

    /** By text term number: whether some query pairs that word with others. */
    private static volatile long[] anchors = new long[64];

    private TermIds() {}

    /** How many terms are numbered. */
    static int count() {
        return count;
    }

    static Term of(String field, BytesRef bytes) {
        FieldTable table = FIELDS.get(field);
        long found = table == null ? FieldTable.ABSENT : table.find(bytes);
        if (found != FieldTable.ABSENT) {
            return byId[FieldTable.id(found)];
        }
        synchronized (TermIds.class) {
            table = FIELDS.computeIfAbsent(field, f -> new FieldTable());
            found = table.find(bytes);
            if (found != FieldTable.ABSENT) {
                return byId[FieldTable.id(found)];
            }
            Term any = field.equals(Analysis.TITLE) || field.equals(Analysis.BODY) ? of(ANY_TEXT, bytes) : null;
            int id = count;
            Term made = new Term(id, field, bytes, any);
            Term[] terms = byId;
            if (id == terms.length) {
                terms = Arrays.copyOf(terms, id * 2);
            }
            terms[id] = made;
            byId = terms;
            table.add(bytes, id, any == null ? -1 : any.id);
            count = id + 1;
            return made;
        }
    }

    /**
     * The word as text, numbered in title and body too: a statement's walk notes the words it holds
     * through their title and body numbers.
     */
    static Term inText(BytesRef bytes) {
        of(Analysis.TITLE, bytes);
        return of(Analysis.BODY, bytes).any;
    }

    /** The terms of a field that some plan asks about, or null: nothing asks about this field. */
    static FieldTable inField(String field) {
        return FIELDS.get(field);
    }

    static Term byId(int id) {
        return byId[id];
    }

    /** Whether some query pairs the text term numbered {@code id} with another word. */
    static boolean isAnchor(int id) {
        long[] bits = anchors;
        return id >> 6 < bits.length && (bits[id >> 6] & (1L << id)) != 0;
    }

    /**
     * One field's numbered terms by their bytes, laid out for the walk of a statement's terms, which
     * looks up every word of every statement: a slot (hash and place) and the term's bytes with its
     * numbers after them, two memory reads per word where a map of term objects took five, and most
     * of the walk's time was spent waiting for them. Added to under the class lock only; read by any
     * thread: a slot is written after what it points to, and the pool grows before a slot points past
     * its old end.
     */
    static final class FieldTable {
        static final long ABSENT = Long.MIN_VALUE;

        private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

        /** 0, or the term's hash (high half) and its place in the pool plus one (low half). */
        private volatile long[] slots = new long[1024];

        /** Per term: its length (2 bytes), its bytes, its number and its text term's number (4 bytes each). */
        private volatile byte[] pool = new byte[16 * 1024];

        private int used;
        private int size;

        static int id(long found) {
            return (int) (found >>> 32);
        }

        /** The number of the same word as text, or -1. */
        static int textId(long found) {
            return (int) found;
        }

        /** The term's number and its text term's number as one long (see {@link #id}), or {@link #ABSENT}. */
        long find(BytesRef term) {
            int hash = term.hashCode();
            long[] s = slots;
            int mask = s.length - 1;
            for (int i = hash & mask; ; i = (i + 1) & mask) {
                long slot = (long) SLOT.getAcquire(s, i);
                if (slot == 0) {
                    return ABSENT;
                }
                if ((int) (slot >>> 32) == hash) {
                    byte[] p = pool; // read after the slot: at least as new as what the slot points to
                    int at = (int) slot - 1;
                    int length = ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
                    int from = at + 2;
                    if (length == term.length
                            && Arrays.equals(
                                    p, from, from + length, term.bytes, term.offset, term.offset + term.length)) {
                        return ((long) readInt(p, from + length) << 32) | (readInt(p, from + length + 4) & 0xffffffffL);
                    }
                }
            }
        }

        /** Under the class lock. */
        private void add(BytesRef term, int id, int textId) {
            if ((size + 1) * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            int need = 2 + term.length + 8;
            byte[] p = pool;
            if (used + need > p.length) {
                p = Arrays.copyOf(p, Math.max(p.length * 2, used + need));
                pool = p;
            }
            int at = used;
            p[at] = (byte) (term.length >>> 8);
            p[at + 1] = (byte) term.length;
            System.arraycopy(term.bytes, term.offset, p, at + 2, term.length);
            writeInt(p, at + 2 + term.length, id);
            writeInt(p, at + 6 + term.length, textId);
            used += need;
            put(slots, ((long) term.hashCode() << 32) | (at + 1));
            size++;
        }

        private void rehash(int capacity) {
            long[] fresh = new long[capacity];
            for (long slot : slots) {
                if (slot != 0) {
                    put(fresh, slot);
                }
            }
            slots = fresh;
        }

        private static void put(long[] s, long slot) {
            int mask = s.length - 1;
            int i = (int) (slot >>> 32) & mask;
            while (s[i] != 0) {
                i = (i + 1) & mask;
            }
            SLOT.setRelease(s, i, slot);
        }

        private static int readInt(byte[] p, int at) {
            return ((p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
        }

        private static void writeInt(byte[] p, int at, int value) {
            p[at] = (byte) (value >>> 24);
            p[at + 1] = (byte) (value >>> 16);
            p[at + 2] = (byte) (value >>> 8);
            p[at + 3] = (byte) value;
        }
    }
}
