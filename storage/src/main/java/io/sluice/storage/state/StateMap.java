package io.sluice.storage.state;

import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;

/**
 * A handle on one named key-value map of a {@link StateStore} (an LMDB named database), obtained
 * from {@link StateStore#map}. Keys are 1 to {@link StateStore#maxKeySize()} bytes, values any
 * length, ordered by unsigned lexicographic key order (LMDB's default memcmp).
 *
 * <p>Thread-safety: immutable; valid until its store is closed, usable in any transaction or
 * snapshot of that store.
 */
public final class StateMap {

    private final StateStore store;
    private final String name;
    private final int id;
    /** The store's map counter after this map was opened: snapshots older than it do not see it. */
    private final long openedSeq;
    final Dbi<ByteBuffer> dbi;
    /** Set by {@link StateStore#derivedMap}: its writes are not reported to the changelog. */
    private volatile boolean derived;

    StateMap(StateStore store, String name, int id, long openedSeq, Dbi<ByteBuffer> dbi) {
        this.store = store;
        this.name = name;
        this.id = id;
        this.openedSeq = openedSeq;
        this.dbi = dbi;
    }

    public String name() {
        return name;
    }

    StateStore store() {
        return store;
    }

    int id() {
        return id;
    }

    long openedSeq() {
        return openedSeq;
    }

    /** Whether the map's contents derive from other maps (see {@link StateStore#derivedMap}). */
    public boolean derived() {
        return derived;
    }

    void markDerived() {
        derived = true;
    }

    @Override
    public String toString() {
        return "StateMap[" + name + "]";
    }
}
