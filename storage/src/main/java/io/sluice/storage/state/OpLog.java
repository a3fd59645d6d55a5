package io.sluice.storage.state;

import java.util.Arrays;

/**
 * The writes of the open {@link StateTransaction}, in order, in one growable array: replayed
 * into a fresh LMDB transaction after the map was grown (LMDB aborts a transaction that finds the
 * map full), and handed to the {@link Changelog} before the commit. Appending copies the bytes
 * once and allocates only when the array must grow.
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
        int at = 0;
        while (at < size) {
            int mapId = getInt(at + 1);
            int keyLen = getInt(at + 5);
            int valLen = getInt(at + 9);
            int keyOff = at + HEADER;
            v.op(mapId, buf, keyOff, keyLen, keyOff + keyLen, valLen);
            at = keyOff + keyLen + Math.max(valLen, 0);
        }
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
