package io.sluice.storage.state;

import io.sluice.storage.LmdbLibrary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The local state of one task (one query, one input partition): named maps of byte[] keys to
 * byte[] values in one LMDB environment, changed by one {@link StateTransaction} at a time whose
 * commit also records the input positions it consumed, and read concurrently through
 * {@link StateSnapshot}s. The engine sees maps, transactions and snapshots, never LMDB.
 *
 * <p>On disk, in the store's own directory: LMDB's {@code data.mdb} and {@code lock.mdb}, and
 * {@code owner.lock}, locked while a process has the store open (one process per store: LMDB can
 * grow a map safely only within one). Inside {@code data.mdb}, one LMDB named database per map
 * and the internal database described by {@link StateMeta} (format, committed positions). Map
 * names starting with {@code __} are reserved.
 *
 * <p>Crash consistency: LMDB commits are atomic (copy-on-write pages, then a meta page switch), and
 * the positions are written in the same transaction as the state, so the store reopens with the
 * state of exactly its last commit visible on disk and that commit's positions: processing the
 * input from {@link #positions()} on gives the state the uninterrupted run would have. Whether that
 * last commit survives a machine crash, not only a killed process, depends on
 * {@link StateStoreOptions#syncOnCommit()}.
 *
 * <p>Map size: starts at {@link StateStoreOptions#initialMapSize()} (or twice the existing file)
 * and doubles when a transaction begins with it three quarters full or a write finds it full; it
 * is address space only, the file grows with the data. Growing needs no transaction open in the
 * process, so it waits for open snapshots: a read-write lock whose read side every LMDB
 * transaction holds and whose write side growing and closing take.
 *
 * <p>Thread-safety: {@link #map}, {@link #snapshot}, {@link #positions} and the getters may be
 * called from any thread; {@link #begin} too, but one transaction may be open at a time and it
 * stays on the thread that began it (the task's thread). {@link #close} waits for open snapshots
 * and transactions of other threads.
 */
public final class StateStore implements AutoCloseable {

    private static final String OWNER_LOCK = "owner.lock";

    private final Path dir;
    private final StateStoreOptions options;
    private final FileChannel lockChannel;
    private final FileLock ownerLock;
    private final Env<ByteBuffer> env;
    private final StateMeta meta;
    private final int maxKeySize;
    private final long pageSize;
    private final ReentrantReadWriteLock envLock = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<String, StateMap> maps = new ConcurrentHashMap<>();
    private final Object mapOpening = new Object();
    private volatile StateMap[] byId = new StateMap[0];
    private volatile long mapSeq;
    private volatile long mapSize;
    private volatile Map<String, Long> positions;
    private volatile boolean closed;
    private final ConcurrentLinkedQueue<ByteBuffer> readerKeyBufs = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Thread> writer = new AtomicReference<>();
    // the writer's buffers, reused by every transaction
    private final OpLog opLog = new OpLog();
    private final ByteBuffer writerKeyBuf;
    private ByteBuffer valueBuf = ByteBuffer.allocateDirect(4096);

    private StateStore(Path dir, StateStoreOptions options, FileChannel lockChannel, FileLock ownerLock,
            Env<ByteBuffer> env) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.ownerLock = ownerLock;
        this.env = env;
        this.maxKeySize = env.getMaxKeySize();
        this.pageSize = env.stat().pageSize;
        this.mapSize = env.info().mapSize;
        this.writerKeyBuf = ByteBuffer.allocateDirect(maxKeySize);
        this.meta = new StateMeta(env);
    }

    /** Opens the store in {@code dir} with default options, creating it if absent. */
    public static StateStore open(Path dir) throws IOException {
        return open(dir, StateStoreOptions.DEFAULTS);
    }

    /**
     * Opens the store in {@code dir}, creating it if absent, and every map it holds.
     *
     * @throws IOException when the directory cannot be used, or another process has the store open
     * @throws StateStoreException when LMDB cannot open it (corrupt, another format)
     */
    public static StateStore open(Path dir, StateStoreOptions options) throws IOException {
        LmdbLibrary.ensureLoadable();
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        StateStore store = null;
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("state store " + dir + " is open elsewhere");
            }
            Path data = dir.resolve("data.mdb");
            long fileSize = Files.exists(data) ? Files.size(data) : 0;
            EnvFlags[] flags = options.syncOnCommit()
                    ? new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NORDAHEAD}
                    : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NORDAHEAD, EnvFlags.MDB_NOSYNC};
            Env<ByteBuffer> env;
            try {
                env = Env.create(DirectBufferProxy.INSTANCE)
                        .setMapSize(Math.max(options.initialMapSize(), 2 * fileSize))
                        .setMaxDbs(options.maxMaps() + 1).setMaxReaders(options.maxReaders())
                        .open(dir.toFile(), flags);
            } catch (LmdbException e) {
                throw new StateStoreException("cannot open the LMDB environment in " + dir + ": " + e.getMessage(), e);
            }
            try {
                store = new StateStore(dir, options, ch, lock, env);
                store.load();
            } catch (RuntimeException e) {
                env.close();
                throw e instanceof StateStoreException ? e : new StateStoreException("cannot open " + dir + ": " + e, e);
            }
            return store;
        } finally {
            if (store == null) {
                ch.close();
            }
        }
    }

    /** Starts rebuilding the store in {@code dir} from a changelog; see {@link StateRestore}. */
    public static StateRestore restore(Path dir, StateStoreOptions options) {
        return new StateRestore(dir, options);
    }

    private void load() {
        for (byte[] name : env.getDbiNames()) {
            String n = new String(name, StandardCharsets.UTF_8);
            if (!n.equals(StateMeta.NAME)) {
                register(n, env.openDbi(name));
            }
        }
        positions = meta.load(env, dir);
    }

    /**
     * The map named {@code name}, created empty if absent. Opening a new map from the thread of
     * the open transaction is refused (LMDB would deadlock); open maps before beginning one.
     */
    public StateMap map(String name) {
        StateMap m = maps.get(name);
        if (m != null) {
            return m;
        }
        if (name == null || name.isEmpty() || name.startsWith("__") || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("a map name has 1 to 255 bytes and does not start with __: " + name);
        }
        if (writer.get() == Thread.currentThread()) {
            throw new IllegalStateException("open map " + name + " before beginning the transaction");
        }
        synchronized (mapOpening) {
            m = maps.get(name);
            if (m != null) {
                return m;
            }
            if (byId.length >= options.maxMaps()) {
                throw new StateStoreException("state store " + dir + " already has " + byId.length + " maps");
            }
            acquireRead();
            try {
                return register(name, env.openDbi(name, DbiFlags.MDB_CREATE));
            } finally {
                releaseRead();
            }
        }
    }

    /**
     * The map named {@code name} (as {@link #map}), marked as derived from other maps (e.g. an
     * index of them): written and committed like any other, but its writes are never reported to
     * the {@link Changelog}, so a store restored from the changelog has it empty and whoever
     * derives it must rebuild it (as {@link WindowedMap#open} does). The mark holds while the
     * store is open; call this on every open.
     */
    public StateMap derivedMap(String name) {
        StateMap m = map(name);
        m.markDerived();
        return m;
    }

    private StateMap register(String name, Dbi<ByteBuffer> dbi) {
        StateMap[] ids = byId;
        StateMap m = new StateMap(this, name, ids.length, mapSeq + 1, dbi);
        StateMap[] grown = Arrays.copyOf(ids, ids.length + 1);
        grown[ids.length] = m;
        byId = grown;
        mapSeq = m.openedSeq(); // before publishing: whoever sees the handle may use it
        maps.put(name, m);
        return m;
    }

    /** The names of the store's maps. */
    public Set<String> mapNames() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(maps.keySet()));
    }

    /**
     * Begins the store's write transaction, on this thread.
     *
     * @throws IllegalStateException when a transaction is open (one writer per store)
     */
    public StateTransaction begin() {
        ensureOpen();
        if (!writer.compareAndSet(null, Thread.currentThread())) {
            throw new IllegalStateException("state store " + dir + " already has an open transaction on "
                    + writer.get().getName());
        }
        try {
            acquireRead();
            EnvInfo info = env.info();
            if ((info.lastPageNumber + 1) * pageSize > info.mapSize - info.mapSize / 4) {
                releaseRead();
                grow();
                acquireRead();
            }
            try {
                return new StateTransaction(this, newWriteTxn(), writerKeyBuf, mapSeq, opLog, options.changelog());
            } catch (RuntimeException e) {
                releaseRead();
                throw e;
            }
        } catch (RuntimeException e) {
            writer.set(null);
            throw e;
        }
    }

    /** A consistent read-only view of the last commit, for any thread. Close it promptly. */
    public StateSnapshot snapshot() {
        ensureOpen();
        ByteBuffer keyBuf = readerKeyBufs.poll();
        if (keyBuf == null) {
            keyBuf = ByteBuffer.allocateDirect(maxKeySize);
        }
        long seq = mapSeq;
        acquireRead();
        try {
            return new StateSnapshot(this, keyBuf, seq, env.txnRead());
        } catch (RuntimeException e) {
            releaseRead();
            readerKeyBufs.offer(keyBuf);
            throw e;
        }
    }

    /** The committed input positions (input name to next offset), sorted by name. */
    public Map<String, Long> positions() {
        return positions;
    }

    /** The longest key LMDB accepts (511 bytes with its default build). */
    public int maxKeySize() {
        return maxKeySize;
    }

    /** The current LMDB map size in bytes (it grows; the file holds only what is used). */
    public long mapSize() {
        return mapSize;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Closes the store: waits for other threads' snapshots and transaction, syncs and releases
     * the directory. Idempotent.
     *
     * @throws IllegalStateException when this thread's transaction is still open
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (writer.get() == Thread.currentThread()) {
            throw new IllegalStateException("commit or abort the open transaction before closing the store");
        }
        envLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                env.sync(true);
            } finally {
                env.close();
            }
        } finally {
            envLock.writeLock().unlock();
            try {
                ownerLock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    // ---------------------------------------------------------------- for transactions and snapshots

    Txn<ByteBuffer> newWriteTxn() {
        return env.txnWrite();
    }

    StateMap mapById(int id) {
        return byId[id];
    }

    /** The writer's value buffer, at least {@code len} bytes, cleared. */
    ByteBuffer valueBuffer(int len) {
        if (valueBuf.capacity() < len) {
            valueBuf = ByteBuffer.allocateDirect(Math.max(len, 2 * valueBuf.capacity()));
        }
        valueBuf.clear();
        return valueBuf;
    }

    void writePositions(Txn<ByteBuffer> txn, Map<String, Long> pos) {
        meta.write(txn, pos);
    }

    void committed(Map<String, Long> pos) {
        if (!pos.isEmpty()) {
            Map<String, Long> merged = new TreeMap<>(positions);
            merged.putAll(pos);
            positions = Collections.unmodifiableMap(merged);
        }
    }

    void transactionEnded() {
        writer.set(null);
    }

    void snapshotClosed(ByteBuffer keyBuf) {
        try {
            releaseRead();
        } finally {
            readerKeyBufs.offer(keyBuf);
        }
    }

    void acquireRead() {
        envLock.readLock().lock();
        if (closed) {
            envLock.readLock().unlock();
            throw new IllegalStateException("state store " + dir + " is closed");
        }
    }

    void releaseRead() {
        envLock.readLock().unlock();
    }

    /** Doubles the map size; waits until no LMDB transaction is open in the process. */
    void grow() {
        envLock.writeLock().lock();
        try {
            ensureOpen();
            env.setMapSize(2 * env.info().mapSize);
            mapSize = env.info().mapSize;
        } finally {
            envLock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("state store " + dir + " is closed");
        }
    }

    @Override
    public String toString() {
        return "StateStore[" + dir + "]";
    }
}
