package io.sluice.storage.state;

/**
 * Reads of one consistent view of a {@link StateStore}: a {@link StateSnapshot}, or a
 * {@link StateTransaction} (which also sees its own uncommitted writes).
 *
 * <p>Key order is unsigned lexicographic. Byte arrays passed in are not copied: they must not be
 * modified while a call, or a cursor opened with them, is in use. Returned arrays are copies the
 * caller owns.
 *
 * <p>Thread-safety: a reader is used by one thread at a time.
 */
public interface StateReader {

    /** The value of {@code key} in {@code map}, or null when absent. */
    byte[] get(StateMap map, byte[] key);

    /** Whether {@code key} is present in {@code map}, without copying its value. */
    boolean contains(StateMap map, byte[] key);

    /**
     * The entries with {@code from <= key < to}, in key order. A null bound is open: {@code
     * scan(map, null, null)} is a full scan. Close the cursor when done.
     */
    StateCursor scan(StateMap map, byte[] from, byte[] to);

    /** The entries whose key starts with {@code prefix}, in key order. Close the cursor when done. */
    StateCursor prefixScan(StateMap map, byte[] prefix);
}
