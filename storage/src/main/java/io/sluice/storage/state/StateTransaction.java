package io.sluice.storage.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/**
 * The one write transaction of a {@link StateStore}: reads that see its own writes, puts and
 * deletes, and a {@link #commit} that stores them together with the input positions that produced
 * them, atomically (one LMDB transaction). After a crash the store holds exactly the state of some
 * commit and that commit's positions; a transaction closed or abandoned without commit leaves
 * nothing.
 *
 * <p>Usage: the engine's task opens one transaction per commit interval, applies every record of
 * the interval (get the old aggregate, put the new one), and commits with the input offsets after
 * the last record, e.g. every 100 ms to 2 s, not per record: a commit costs an fsync (with
 * {@link StateStoreOptions#syncOnCommit()}) and touches LMDB's meta page, while puts inside a
 * transaction cost microseconds. Keep a transaction below a few hundred MB of writes: they are
 * held twice until the commit (LMDB's dirty pages and the replay log).
 *
 * <p>Map growth: a write that finds the LMDB map full makes LMDB abort the transaction; this class
 * then grows the map, opens a new LMDB transaction and replays the writes made so far (it logs
 * them for that, and for the {@link Changelog}), invisibly to the caller except that open cursors
 * are closed. Replaying blind writes onto the same committed state gives the same result.
 *
 * <p>Thread-safety: LMDB binds a write transaction to the thread that began it; every method
 * must be called from that thread and throws otherwise. Arrays passed in are copied.
 */
public final class StateTransaction extends TxnReader implements AutoCloseable {

    private final StateStore store;
    private final OpLog log;
    private final Changelog changelog;
    private final Thread owner = Thread.currentThread();
    private final int maxKeySize;
    private Txn<ByteBuffer> txn;
    private boolean holdsRead = true;
    private boolean finished;

    StateTransaction(StateStore store, Txn<ByteBuffer> txn, ByteBuffer keyBuf, long mapSeq, OpLog log,
            Changelog changelog) {
        super(new TxnReads(store, keyBuf, mapSeq, txn));
        this.store = store;
        this.txn = txn;
        this.log = log;
        this.changelog = changelog;
        this.maxKeySize = keyBuf.capacity();
    }

    /**
     * Sets {@code key} to {@code value} in {@code map}.
     *
     * @throws IllegalArgumentException when the key is empty or longer than {@link StateStore#maxKeySize()}
     */
    public void put(StateMap map, byte[] key, byte[] value) {
        ensureReadable();
        checkKey(map, key);
        if (value == null) {
            throw new IllegalArgumentException("a value must not be null; use delete");
        }
        log.put(map.id(), key, value);
        apply(map, key, 0, key.length, value, 0, value.length);
    }

    /** Removes {@code key} from {@code map}; true if it was present. */
    public boolean delete(StateMap map, byte[] key) {
        ensureReadable();
        checkKey(map, key);
        if (!reads.contains(map, key)) {
            return false; // nothing to log or to tell the changelog
        }
        log.delete(map.id(), key);
        apply(map, key, 0, key.length, null, 0, -1);
        return true;
    }

    private void checkKey(StateMap map, byte[] key) {
        if (key.length == 0 || key.length > maxKeySize) {
            throw new IllegalArgumentException("a state key must have 1 to " + maxKeySize + " bytes, not " + key.length);
        }
        if (!reads.visible(map)) {
            throw new IllegalStateException(map + " was opened after this transaction began");
        }
    }

    private void apply(StateMap map, byte[] kb, int keyOff, int keyLen, byte[] vb, int valOff, int valLen) {
        try {
            write(map, kb, keyOff, keyLen, vb, valOff, valLen);
        } catch (Env.MapFullException e) {
            growAndReplay(); // the log already holds this write
        }
    }

    private void write(StateMap map, byte[] kb, int keyOff, int keyLen, byte[] vb, int valOff, int valLen) {
        ByteBuffer k = reads.keyBuf;
        k.clear();
        k.put(kb, keyOff, keyLen).flip();
        if (valLen < 0) {
            map.dbi.delete(txn, k);
        } else {
            ByteBuffer v = store.valueBuffer(valLen);
            v.put(vb, valOff, valLen).flip();
            map.dbi.put(txn, k, v);
        }
    }

    /** Grows the map and redoes every logged write in a new LMDB transaction, until they fit. */
    private void growAndReplay() {
        reads.closeCursors();
        while (true) {
            txn.close(); // aborts it unless a failed commit already freed it
            store.releaseRead();
            holdsRead = false;
            store.grow();
            store.acquireRead();
            holdsRead = true;
            txn = store.newWriteTxn();
            reads.txn = txn;
            try {
                log.forEach((mapId, buf, keyOff, keyLen, valOff, valLen) ->
                        write(store.mapById(mapId), buf, keyOff, keyLen, buf, valOff, valLen));
                return;
            } catch (Env.MapFullException e) {
                // still too small: grow again
            }
        }
    }

    /**
     * Commits the writes together with {@code inputPositions} (input name, e.g. topic-partition, to
     * the offset of the next record to process). Positions of names not given keep their committed
     * values. With a {@link Changelog}, its methods are called first; if one throws, nothing is
     * committed and the exception propagates. The transaction is finished either way.
     */
    public void commit(Map<String, Long> inputPositions) {
        ensureReadable();
        for (Map.Entry<String, Long> e : inputPositions.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null
                    || e.getKey().getBytes(StandardCharsets.UTF_8).length > 256) {
                throw new IllegalArgumentException("positions need names of 1 to 256 bytes and offsets: " + e);
            }
        }
        try {
            reads.closeCursors();
            boolean told = false;
            while (true) {
                try {
                    store.writePositions(txn, inputPositions);
                    if (changelog != null && !told) {
                        tellChangelog(inputPositions);
                        told = true;
                    }
                    txn.commit();
                    break;
                } catch (Env.MapFullException e) {
                    growAndReplay();
                }
            }
            store.committed(inputPositions);
        } finally {
            finish();
        }
    }

    private void tellChangelog(Map<String, Long> positions) {
        ByteBuffer[] views = new ByteBuffer[2];
        log.forEachLatest((mapId, buf, keyOff, keyLen, valOff, valLen) -> {
            StateMap map = store.mapById(mapId);
            if (map.derived()) {
                return;
            }
            if (views[0] == null) { // the log's array does not change while it is being read
                views[0] = ByteBuffer.wrap(buf).asReadOnlyBuffer();
                views[1] = ByteBuffer.wrap(buf).asReadOnlyBuffer();
            }
            ByteBuffer k = views[0];
            k.clear();
            k.limit(keyOff + keyLen).position(keyOff);
            ByteBuffer v = null;
            if (valLen >= 0) {
                v = views[1];
                v.clear();
                v.limit(valOff + valLen).position(valOff);
            }
            changelog.change(map.name(), k, v);
        });
        changelog.commit(Map.copyOf(positions));
    }

    /** Discards the writes. Idempotent; nothing of them reaches the store or the changelog. */
    public void abort() {
        if (!finished) {
            checkThread();
            finish();
        }
    }

    /** Aborts the transaction unless it was committed. */
    @Override
    public void close() {
        abort();
    }

    /** Number of puts and deletes so far. */
    public int writes() {
        return log.count();
    }

    private void finish() {
        finished = true;
        try {
            reads.closeCursors();
            txn.close();
        } finally {
            log.clear();
            if (holdsRead) {
                holdsRead = false;
                store.releaseRead();
            }
            store.transactionEnded();
        }
    }

    @Override
    void ensureReadable() {
        checkThread();
        if (finished) {
            throw new IllegalStateException("the transaction has been committed or aborted");
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a state transaction must be used by the thread that began it ("
                    + owner.getName() + "), not " + Thread.currentThread().getName());
        }
    }
}
