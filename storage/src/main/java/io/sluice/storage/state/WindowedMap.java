package io.sluice.storage.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Windowed state (tumbling, hopping and session windows): values per (key, window start, window
 * end) in one map keyed by {@link WindowedKeys}, plus an expiry index so that windows that ended
 * before a retention horizon can be removed without reading the live ones.
 *
 * <p>On disk: map {@code NAME} holds {@code WindowedKeys.encode(key, start, end) -> value}; map
 * {@code NAME/by-end} holds {@code flipped(end) | windowed key -> empty}, ordered by window end.
 * Both are committed in the same transaction. The index is a {@link StateStore#derivedMap}: only
 * the windows go to the {@link Changelog} (about half the changelog records of a windowed
 * aggregation are the index's otherwise), and {@link #open} rebuilds the index of a store whose
 * windows were restored without it.
 *
 * <p>Why an index rather than a scan: the engine expires on every commit, so a scan would read the
 * whole map each time while the index reads only the expired entries (O(expired), in end order).
 * Its cost is one index put when a window is created (updates of an existing window skip it) and
 * about {@code 8 + key} bytes per window.
 *
 * <p>Thread-safety: immutable handles; the transaction or snapshot passed in sets the rules.
 */
public final class WindowedMap {

    static final String INDEX_SUFFIX = "/by-end";
    private static final byte[] EMPTY = new byte[0];

    private final StateMap windows;
    private final StateMap byEnd;
    private final int maxKeySize;

    private WindowedMap(StateMap windows, StateMap byEnd, int maxKeySize) {
        this.windows = windows;
        this.byEnd = byEnd;
        this.maxKeySize = maxKeySize;
    }

    /**
     * Opens (creating if absent) the windowed map {@code name}: maps {@code name} and
     * {@code name/by-end}. When windows are stored but the index is empty (the store was restored
     * from its changelog, which leaves the index out), rebuilds the index first, in its own
     * transaction committed with the store's current positions: call this before beginning a
     * transaction on the store, from the thread that will write it.
     */
    public static WindowedMap open(StateStore store, String name) {
        WindowedMap m = new WindowedMap(store.map(name), store.derivedMap(name + INDEX_SUFFIX), store.maxKeySize());
        boolean rebuild;
        try (StateSnapshot r = store.snapshot();
                StateCursor index = r.scan(m.byEnd, null, null);
                StateCursor windows = r.scan(m.windows, null, null)) {
            rebuild = !index.next() && windows.next();
        }
        if (rebuild) {
            m.rebuildIndex(store);
        }
        return m;
    }

    /** Indexes every stored window by its end, in batches read from the transaction itself. */
    private void rebuildIndex(StateStore store) {
        try (StateTransaction t = store.begin()) {
            byte[] from = null;
            List<byte[]> batch = new ArrayList<>();
            do {
                batch.clear();
                try (StateCursor c = t.scan(windows, from, null)) {
                    while (batch.size() < 10_000 && c.next()) {
                        batch.add(c.key());
                    }
                }
                for (byte[] wk : batch) {
                    t.put(byEnd, indexKey(wk, WindowedKeys.end(wk)), EMPTY);
                }
                if (!batch.isEmpty()) {
                    byte[] last = batch.get(batch.size() - 1);
                    from = Arrays.copyOf(last, last.length + 1); // the smallest key after it
                }
            } while (batch.size() == 10_000);
            t.commit(store.positions());
        }
    }

    /** The map of windows, for scans across keys (e.g. a full pull-query scan). */
    public StateMap windows() {
        return windows;
    }

    /** The value of window {@code [start, end)} of {@code key}, or null. */
    public byte[] get(StateReader r, byte[] key, long start, long end) {
        return r.get(windows, WindowedKeys.encode(key, start, end));
    }

    /**
     * Sets the value of window {@code [start, end)} of {@code key}, indexing the window by its end
     * when it is new.
     *
     * @throws IllegalArgumentException when the encoded key would not fit LMDB's key size
     */
    public void put(StateTransaction t, byte[] key, long start, long end, byte[] value) {
        byte[] wk = WindowedKeys.encode(key, start, end);
        putEncoded(t, wk, end, value, !t.contains(windows, wk));
    }

    /**
     * Sets the value of the window whose stored key ({@link WindowedKeys#encode}) is {@code wk}
     * and whose end is {@code end}, for a caller that knows whether the window is stored already
     * (it just read it): {@code isNew} must be true when it is not, or the window escapes expiry
     * (true for a stored window only rewrites its index entry).
     *
     * @throws IllegalArgumentException when the key would not fit LMDB's key size
     */
    public void putEncoded(StateTransaction t, byte[] wk, long end, byte[] value, boolean isNew) {
        if (wk.length + 8 > maxKeySize) {
            throw new IllegalArgumentException("a windowed key may have at most " + (maxKeySize - 8 - WindowedKeys.SUFFIX)
                    + " bytes (each 0x00 counting twice), not " + (wk.length - WindowedKeys.SUFFIX));
        }
        t.put(windows, wk, value);
        if (isNew) {
            t.put(byEnd, indexKey(wk, end), EMPTY);
        }
    }

    /** Removes window {@code [start, end)} of {@code key}; true if it existed. */
    public boolean delete(StateTransaction t, byte[] key, long start, long end) {
        byte[] wk = WindowedKeys.encode(key, start, end);
        if (!t.delete(windows, wk)) {
            return false;
        }
        t.delete(byEnd, indexKey(wk, end));
        return true;
    }

    /**
     * The windows of {@code key} whose start is in {@code [startFrom, startTo)}, in start order
     * (then end). Decode entries with {@link WindowedKeys#start} and {@link WindowedKeys#end}.
     */
    public StateCursor fetch(StateReader r, byte[] key, long startFrom, long startTo) {
        return r.scan(windows, WindowedKeys.startBound(key, startFrom), WindowedKeys.startBound(key, startTo));
    }

    /** Every window of {@code key}, in start order. */
    public StateCursor fetchAll(StateReader r, byte[] key) {
        return r.prefixScan(windows, WindowedKeys.keyPrefix(key));
    }

    /**
     * Removes up to {@code limit} windows whose end is before {@code horizon} (earliest end first),
     * with their index entries.
     *
     * @return how many were removed; fewer than {@code limit} means none is left before the horizon
     */
    public int expire(StateTransaction t, long horizon, int limit) {
        byte[] to = new byte[8];
        WindowedKeys.putFlipped(to, 0, horizon);
        List<byte[]> expired = new ArrayList<>();
        try (StateCursor c = t.scan(byEnd, null, to)) {
            while (expired.size() < limit && c.next()) {
                expired.add(c.key());
            }
        }
        for (byte[] ik : expired) {
            t.delete(byEnd, ik);
            t.delete(windows, Arrays.copyOfRange(ik, 8, ik.length));
        }
        return expired.size();
    }

    /**
     * The stored keys of every window whose end is in {@code (afterEnd, upToEnd]}, in end order
     * (then key, start): the windows that closed since a previous call, for results written once
     * per window.
     */
    public List<byte[]> endedBetween(StateReader r, long afterEnd, long upToEnd) {
        List<byte[]> out = new ArrayList<>();
        if (upToEnd <= afterEnd) {
            return out;
        }
        byte[] from = new byte[8];
        WindowedKeys.putFlipped(from, 0, afterEnd == Long.MAX_VALUE ? afterEnd : afterEnd + 1);
        byte[] to = null;
        if (upToEnd != Long.MAX_VALUE) {
            to = new byte[8];
            WindowedKeys.putFlipped(to, 0, upToEnd + 1);
        }
        try (StateCursor c = r.scan(byEnd, from, to)) {
            while (c.next()) {
                byte[] ik = c.key();
                out.add(Arrays.copyOfRange(ik, 8, ik.length));
            }
        }
        return out;
    }

    /** The earliest end of any window, or {@link Long#MAX_VALUE} when there is none: when to expire next. */
    public long earliestEnd(StateReader r) {
        try (StateCursor c = r.scan(byEnd, null, null)) {
            return c.next() ? WindowedKeys.getFlipped(c.key(), 0) : Long.MAX_VALUE;
        }
    }

    private static byte[] indexKey(byte[] wk, long end) {
        byte[] ik = new byte[8 + wk.length];
        WindowedKeys.putFlipped(ik, 0, end);
        System.arraycopy(wk, 0, ik, 8, wk.length);
        return ik;
    }
}
