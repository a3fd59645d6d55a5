package io.sluice.storage.state;

/**
 * {@link StateReader} over a {@link TxnReads}, for {@link StateSnapshot} and
 * {@link StateTransaction}: every read first passes the subclass's {@link #ensureReadable} guard
 * (open, and for a transaction the owning thread), then reads the current LMDB transaction.
 */
abstract class TxnReader implements StateReader {

    final TxnReads reads;

    TxnReader(TxnReads reads) {
        this.reads = reads;
    }

    /** Throws {@link IllegalStateException} when this reader may not be used now. */
    abstract void ensureReadable();

    @Override
    public final byte[] get(StateMap map, byte[] key) {
        ensureReadable();
        return reads.get(map, key);
    }

    @Override
    public final boolean contains(StateMap map, byte[] key) {
        ensureReadable();
        return reads.contains(map, key);
    }

    @Override
    public final StateCursor scan(StateMap map, byte[] from, byte[] to) {
        ensureReadable();
        return reads.scan(map, from, to, null);
    }

    /** A prefix scan is the scan from the prefix, unbounded, that stops at the first key without it. */
    @Override
    public final StateCursor prefixScan(StateMap map, byte[] prefix) {
        ensureReadable();
        return reads.scan(map, prefix, null, prefix);
    }
}
