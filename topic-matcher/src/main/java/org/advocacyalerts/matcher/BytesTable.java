package org.advocacyalerts.matcher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.apache.lucene.util.BytesRef;

/**
 * Byte strings to byte strings, for lookups of every word of every statement: open addressing over a
 * slot array (a key's hash and its place), keys and values side by side in one pool. Two memory reads
 * per word found, where a map of objects takes five or six (slot, node, key, its bytes, value, its
 * bytes); at 100,000 queries the matcher spent most of such lookups waiting for memory. Entries are
 * added, never changed or removed. Adding takes this table's lock; finding takes none and runs in any
 * thread: a slot is published after what it points to, and the pool grows before a slot points past
 * its old end.
 */
final class BytesTable {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** 0, or the key's hash (high half) and its place in the pool plus one (low half). */
    private volatile long[] slots = new long[1024];

    /** Per entry: key length, value length (2 bytes each), the key's bytes, the value's bytes. */
    private volatile byte[] pool = new byte[16 * 1024];

    private int used;
    private volatile int size;

    int size() {
        return size;
    }

    /**
     * Whether {@code key} is here; if so, {@code value} is pointed at its value (valid for good: the
     * pool is never written over).
     */
    boolean find(BytesRef key, BytesRef value) {
        int hash = key.hashCode();
        long[] s = slots;
        int mask = s.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = (long) SLOT.getAcquire(s, i);
            if (slot == 0) {
                return false;
            }
            if ((int) (slot >>> 32) == hash) {
                byte[] p = pool; // read after the slot: at least as new as what the slot points to
                int at = (int) slot - 1;
                int keyLength = readShort(p, at);
                int from = at + 4;
                if (keyLength == key.length
                        && Arrays.equals(p, from, from + keyLength, key.bytes, key.offset, key.offset + key.length)) {
                    value.bytes = p;
                    value.offset = from + keyLength;
                    value.length = readShort(p, at + 2);
                    return true;
                }
            }
        }
    }

    /** Adds {@code key} with {@code value} if it is not here yet (both at most 65,535 bytes). */
    synchronized void add(BytesRef key, BytesRef value) {
        if (key.length > 0xffff || value.length > 0xffff) {
            throw new IllegalArgumentException("a key or value longer than 65,535 bytes");
        }
        if (find(key, new BytesRef())) {
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        int need = 4 + key.length + value.length;
        byte[] p = pool;
        if (used + need > p.length) {
            p = Arrays.copyOf(p, Math.max(p.length * 2, used + need));
            pool = p;
        }
        int at = used;
        writeShort(p, at, key.length);
        writeShort(p, at + 2, value.length);
        System.arraycopy(key.bytes, key.offset, p, at + 4, key.length);
        System.arraycopy(value.bytes, value.offset, p, at + 4 + key.length, value.length);
        used += need;
        put(slots, ((long) key.hashCode() << 32) | (at + 1));
        size = size + 1;
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

    private static int readShort(byte[] p, int at) {
        return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
    }

    private static void writeShort(byte[] p, int at, int value) {
        p[at] = (byte) (value >>> 8);
        p[at + 1] = (byte) value;
    }
}
