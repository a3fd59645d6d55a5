package io.sluice.storage.state;

import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * A read-only, consistent view of a {@link StateStore} as of the last commit before it was taken
 * (LMDB MVCC): later commits are not visible, uncommitted writes never are. For pull queries:
 * point gets, range scans {@code [from, to)} and full scans, from any thread, never blocking the
 * writer and never blocked by it.
 *
 * <p>Contract: close it promptly (try-with-resources). An open snapshot pins the pages of its
 * version, so the file cannot reuse them, and it holds off growing the map: a writer that needs
 * more room waits until every snapshot open at that moment is closed. Maps opened after the
 * snapshot was taken read as empty in it.
 *
 * <p>Thread-safety: one thread at a time; it may be handed between threads ({@code MDB_NOTLS}).
 * Any number of snapshots may be open at once, up to {@link StateStoreOptions#maxReaders()}.
 */
public final class StateSnapshot extends TxnReader implements AutoCloseable {

    private boolean closed;

    StateSnapshot(StateStore store, ByteBuffer keyBuf, long mapSeq, Txn<ByteBuffer> txn) {
        super(new TxnReads(store, keyBuf, mapSeq, txn));
    }

    @Override
    void ensureReadable() {
        if (closed) {
            throw new IllegalStateException("the snapshot is closed");
        }
    }

    /** Ends the snapshot and its cursors. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            reads.closeCursors();
            reads.txn.close();
        } finally {
            reads.store.snapshotClosed(reads.keyBuf);
        }
    }
}
