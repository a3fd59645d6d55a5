package io.sluice.storage.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The writes of the open {@link StateTransaction}, in order, in one growable array: replayed
 * into a fresh LMDB transaction after the map was grown (LMDB aborts a transaction that finds the
 * map full), and handed to the {@link Changelog} before the commit. Appending copies the bytes
 * once and allocates only when the array must grow. The changelog gets the entries without most
 * of those a later entry of the same key overwrites ({@link #forEachLatest}).
 *
 * <p>Entry layout: {@code type:1 | map id:4 | key length:4 | value length:4 (-1 for a delete) |
 * key | value}, integers big-endian.
 *
 * <p>Thread-safety: none; owned by the writer.
 */
final class OpLog {

    static final byte PUT = 1;
    static final byte DELETE = 2;
    private static final int HEADER = 13;
    /** Most slots of {@link #forEachLatest}'s table (2 MiB): about twice the entries, up to this. */
    private static final int RECENT_MAX = 1 << 18;
    private static final int RECENT_MIN = 1 << 10;
    /** Set on an entry's type byte while {@link #forEachLatest} runs: a later entry has its key. */
    private static final byte SUPERSEDED = (byte) 0x80;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int INITIAL = 64 << 10;
    /** An array grown beyond this for one big transaction is dropped afterwards rather than kept. */
    private static final int KEEP_MAX = 16 << 20;

    /** Receives one entry; {@code valLen} is -1 for a delete. Offsets index {@code buf}. */
    interface Visitor {
        void op(int mapId, byte[] buf, int keyOff, int keyLen, int valOff, int valLen);
    }

    private byte[] buf = new byte[INITIAL];
    private int size;
    private int count;
    /** For {@link #forEachLatest}: per slot, a key's hash and its last entry's offset + 1 (0 = free). */
    private long[] recent;

    void put(int mapId, byte[] key, byte[] value) {
        append(PUT, mapId, key, value);
    }

    void delete(int mapId, byte[] key) {
        append(DELETE, mapId, key, null);
    }

    private void append(byte type, int mapId, byte[] key, byte[] value) {
        int valLen = value == null ? -1 : value.length;
        long need = (long) size + HEADER + key.length + Math.max(valLen, 0);
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 16) {
                throw new StateStoreException("a state transaction may hold at most 2 GiB of writes; commit more often");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * buf.length)));
        }
        buf[size] = type;
        putInt(size + 1, mapId);
        putInt(size + 5, key.length);
        putInt(size + 9, valLen);
        System.arraycopy(key, 0, buf, size + HEADER, key.length);
        if (value != null) {
            System.arraycopy(value, 0, buf, size + HEADER + key.length, value.length);
        }
        size = (int) need;
        count++;
    }

    void forEach(Visitor v) {
        for (int at = 0; at < size; at = next(at)) {
            visit(at, v);
        }
    }

    /**
     * Visits the entries in order, leaving out most entries whose (map, key) is written again later
     * in the log: what a reader needs to go from the state before the transaction to the state after
     * it, with fewer records when keys are written repeatedly. An entry is left out only when a
     * later entry of the same map and key exists; which repeats are caught is bounded by a table of
     * recent keys, direct-mapped, with about two slots per entry up to {@value #RECENT_MAX} (so that
     * its cost stays near the CPU's caches): a repeat is caught unless another key took its slot in
     * between, so hot keys are deduplicated, most repeats within a transaction of up to ~100,000
     * keys too, and the rest pass through.
     */
    void forEachLatest(Visitor v) {
        int slots = Math.max(RECENT_MIN, Math.min(RECENT_MAX, Integer.highestOneBit(Math.max(count, 1)) << 1));
        if (recent == null || recent.length < slots) {
            recent = new long[slots];
        }
        Arrays.fill(recent, 0, slots, 0L);
        for (int at = 0; at < size; at = next(at)) {
            int mapId = getInt(at + 1);
            int keyLen = getInt(at + 5);
            int keyOff = at + HEADER;
            int h = hash(mapId, keyOff, keyLen);
            int slot = h & (slots - 1);
            long seen = recent[slot];
            if (seen != 0 && (int) (seen >>> 32) == h) {
                int other = (int) seen - 1;
                if (getInt(other + 1) == mapId && getInt(other + 5) == keyLen
                        && Arrays.equals(buf, keyOff, keyOff + keyLen, buf, other + HEADER, other + HEADER + keyLen)) {
                    buf[other] |= SUPERSEDED;
                }
            }
            recent[slot] = (long) h << 32 | (at + 1);
        }
        for (int at = 0; at < size; at = next(at)) {
            if ((buf[at] & SUPERSEDED) != 0) {
                buf[at] &= ~SUPERSEDED;
                continue;
            }
            visit(at, v);
        }
    }

    private void visit(int at, Visitor v) {
        int keyLen = getInt(at + 5);
        int keyOff = at + HEADER;
        v.op(getInt(at + 1), buf, keyOff, keyLen, keyOff + keyLen, getInt(at + 9));
    }

    /**
     * A hash of a map id and key bytes, 8 bytes at a time, with full avalanche: state keys are
     * structured (big-endian numbers that differ in a few bytes), which a polynomial hash maps
     * onto few buckets.
     */
    private int hash(int mapId, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ mapId;
        int i = off;
        for (int end = off + len - 7; i < end; i += 8) {
            h = Long.rotateLeft(h ^ mix((long) LONGS.get(buf, i)), 27) * 5 + 0x52DCE729;
        }
        long tail = 0;
        for (int end = off + len; i < end; i++) {
            tail = tail << 8 | (buf[i] & 0xff);
        }
        h = mix(h ^ mix(tail ^ len));
        return (int) (h ^ h >>> 32);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private int next(int at) {
        return at + HEADER + getInt(at + 5) + Math.max(getInt(at + 9), 0);
    }

    int count() {
        return count;
    }

    int bytes() {
        return size;
    }

    void clear() {
        size = 0;
        count = 0;
        if (buf.length > KEEP_MAX) {
            buf = new byte[INITIAL];
        }
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private int getInt(int at) {
        return (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | buf[at + 3] & 0xff;
    }
}
