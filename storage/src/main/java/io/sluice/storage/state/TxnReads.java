package io.sluice.storage.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Txn;

/**
 * The reads shared by {@link StateSnapshot} and {@link StateTransaction} over their current
 * LMDB transaction: lookups through one reused direct key buffer, and the cursors they opened
 * (closed with them, as lmdbjava requires a write transaction's cursors to be closed first).
 *
 * <p>Thread-safety: none; owned by its snapshot or transaction.
 */
final class TxnReads {

    final StateStore store;
    /** Scratch for lookup and seek keys: position 0, limit = key length, as lmdbjava passes the base address. */
    final ByteBuffer keyBuf;
    /** The store's map counter when this view began: maps opened later are empty here. */
    final long mapSeq;
    private final List<StateCursor> cursors = new ArrayList<>(2);
    Txn<ByteBuffer> txn;

    TxnReads(StateStore store, ByteBuffer keyBuf, long mapSeq, Txn<ByteBuffer> txn) {
        this.store = store;
        this.keyBuf = keyBuf;
        this.mapSeq = mapSeq;
        this.txn = txn;
    }

    byte[] get(StateMap map, byte[] key) {
        ByteBuffer v = lookup(map, key);
        if (v == null) {
            return null;
        }
        byte[] out = new byte[v.remaining()];
        v.get(out);
        return out;
    }

    boolean contains(StateMap map, byte[] key) {
        return lookup(map, key) != null;
    }

    private ByteBuffer lookup(StateMap map, byte[] key) {
        if (!visible(map) || key.length == 0 || key.length > keyBuf.capacity()) {
            return null; // such a key cannot have been stored
        }
        return map.dbi.get(txn, keyOf(key));
    }

    /** Copies {@code key} into the scratch buffer, ready to hand to lmdbjava. */
    ByteBuffer keyOf(byte[] key) {
        keyBuf.clear();
        keyBuf.put(key).flip();
        return keyBuf;
    }

    boolean visible(StateMap map) {
        if (map.store() != store) {
            throw new IllegalArgumentException(map + " belongs to another store");
        }
        return map.openedSeq() <= mapSeq;
    }

    StateCursor scan(StateMap map, byte[] from, byte[] to, byte[] prefix) {
        StateCursor c = new StateCursor(this, visible(map) ? map.dbi.openCursor(txn) : null, from, to, prefix);
        cursors.add(c);
        return c;
    }

    void closed(StateCursor c) {
        cursors.remove(c);
    }

    /** Closes every open cursor; they throw if used afterwards. */
    void closeCursors() {
        for (int i = cursors.size() - 1; i >= 0; i--) {
            cursors.get(i).release();
        }
        cursors.clear();
    }
}
