package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The key index of a compacted partition in LMDB: for each key, the offset of its latest record
 * and whether that record is a tombstone. The cleaner decides with it which records are
 * superseded, and {@link CompactedIndex} answers from it, so neither needs a scan or a heap map.
 *
 * <p>On disk: {@code DIR/topics/NAME/P/keys.lmdb/} ({@code data.mdb}, {@code lock.mdb}, and
 * {@code clean-shutdown} while the index is closed and trusted). Two LMDB databases:
 * <ul>
 * <li>{@code keys}: key {@code 0x00 + key bytes} (keys up to 510 bytes) or {@code 0x01 +
 *     SHA-256(key)}; value int64 big-endian {@code offset}, or {@code -(offset + 1)} when the
 *     record is a tombstone;</li>
 * <li>{@code meta}: ASCII name to int64: {@code format} (1), {@code indexedUpTo} (every record
 *     below it is in {@code keys}), {@code cleanedUpTo} (the cleaner's first dirty offset),
 *     {@code nextHorizonMs} (earliest delete horizon of a kept tombstone, for the cleaner) and
 *     {@code prunedBelow} (entries below it were pruned).</li>
 * </ul>
 *
 * <p>Maintenance is lazy, from {@code indexedUpTo} to the log end: by the cleaner thread on each
 * of its ticks and before cleaning, and by a query before it answers. Appends never touch LMDB,
 * so the produce path is as fast as for any topic. Batches that cannot be decoded (snappy, lz4,
 * zstd) are skipped, with one log line per partition.
 *
 * <p>Durability: commits do not sync ({@code MDB_NOSYNC}): they are cheap, and the index can
 * always be rebuilt from the log. {@link #close} syncs and writes {@code clean-shutdown}; the
 * index is trusted on open only with that marker, which is deleted before the first write, so
 * after any crash (or if the directory is missing or unreadable) it is wiped and rebuilt by
 * scanning the log. The map starts at {@value #INITIAL_MAP_SIZE} bytes and doubles whenever a
 * write finds it full.
 *
 * <p>Thread-safety: writes (catch-up, cleaner updates) are serialized by a lock; reads run in
 * LMDB read transactions concurrently with them. Every transaction holds the read side of a
 * read-write lock whose write side resizing and closing take, as LMDB requires no live
 * transaction for either.
 */
final class CleanerKeyMap implements CompactedIndex {

    static final String DIR_NAME = "keys.lmdb";
    static final String CLEAN_MARKER = "clean-shutdown";
    static final long INITIAL_MAP_SIZE = 4L << 20;
    /** Value of {@link #latest} for a key without an entry. */
    static final long ABSENT = Long.MIN_VALUE;

    private static final long FORMAT = 1;
    private static final int READ_CHUNK_BYTES = 1 << 20;
    private static final int PUTS_PER_TXN = 20_000;
    private static final byte[] META_FORMAT = ascii("format");
    private static final byte[] META_INDEXED = ascii("indexedUpTo");
    private static final byte[] META_CLEANED = ascii("cleanedUpTo");
    private static final byte[] META_HORIZON = ascii("nextHorizonMs");
    private static final byte[] META_PRUNED = ascii("prunedBelow");

    private static final System.Logger LOG = System.getLogger(CleanerKeyMap.class.getName());

    private final FileLog log;
    private final Path envDir;
    private final String name;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantReadWriteLock envLock = new ReentrantReadWriteLock();
    private Env<byte[]> env;
    private Dbi<byte[]> keys;
    private Dbi<byte[]> meta;
    private long mapSize;
    private int maxRawKey;
    private volatile boolean closed;
    private volatile long indexedUpTo;
    private volatile long cleanedUpTo;
    private volatile long nextHorizonMs;
    private volatile long prunedBelow;
    private volatile boolean warnedUndecodable;

    private CleanerKeyMap(FileLog log, Path partitionDir, String name) {
        this.log = log;
        this.envDir = partitionDir.resolve(DIR_NAME);
        this.name = name;
    }

    /** Opens the index of {@code log}, wiping it first unless it was closed cleanly. */
    static CleanerKeyMap open(FileLog log, Path partitionDir, String name) throws IOException {
        LmdbLibrary.ensureLoadable();
        CleanerKeyMap m = new CleanerKeyMap(log, partitionDir, name);
        Path marker = m.envDir.resolve(CLEAN_MARKER);
        boolean trusted = Files.exists(marker);
        if (!trusted && Files.exists(m.envDir)) {
            LOG.log(System.Logger.Level.INFO, name + ": key index was not closed cleanly; rebuilding it from the log");
        }
        try {
            if (!trusted) {
                FileLogStore.deleteRecursively(m.envDir);
            }
            m.openEnv();
        } catch (IOException | RuntimeException e) { // LmdbException is a RuntimeException
            LOG.log(System.Logger.Level.WARNING, name + ": key index unreadable (" + e + "); rebuilding it", e);
            m.closeEnvQuietly();
            FileLogStore.deleteRecursively(m.envDir);
            m.openEnv();
        }
        if (m.indexedUpTo > log.logEndOffset()) {
            // the log lost a tail the index had seen (it cannot with the marker, but be sure)
            m.closeEnvQuietly();
            FileLogStore.deleteRecursively(m.envDir);
            m.openEnv();
        }
        // from the first write on, only a clean close makes the index trustworthy again
        Files.deleteIfExists(marker);
        Checkpoints.fsyncDirectory(m.envDir);
        return m;
    }

    /** Marks the index of the partition in {@code partitionDir} as untrusted (the log was not closed cleanly). */
    static void invalidate(Path partitionDir) throws IOException {
        Files.deleteIfExists(partitionDir.resolve(DIR_NAME).resolve(CLEAN_MARKER));
    }

    private void openEnv() throws IOException {
        Files.createDirectories(envDir);
        long fileSize = Files.exists(envDir.resolve("data.mdb")) ? Files.size(envDir.resolve("data.mdb")) : 0;
        env = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(Math.max(INITIAL_MAP_SIZE, fileSize * 2))
                .setMaxDbs(2).setMaxReaders(512)
                .open(envDir.toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NORDAHEAD);
        mapSize = env.info().mapSize;
        maxRawKey = env.getMaxKeySize() - 1;
        keys = env.openDbi("keys", DbiFlags.MDB_CREATE);
        meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
        closed = false;
        long format;
        try (Txn<byte[]> txn = env.txnRead()) {
            format = metaLong(txn, META_FORMAT, -1);
            indexedUpTo = metaLong(txn, META_INDEXED, 0);
            cleanedUpTo = metaLong(txn, META_CLEANED, 0);
            nextHorizonMs = metaLong(txn, META_HORIZON, Long.MAX_VALUE);
            prunedBelow = metaLong(txn, META_PRUNED, 0);
        }
        if (format == -1) {
            write(txn -> meta.put(txn, META_FORMAT, longBytes(FORMAT)));
        } else if (format != FORMAT) {
            throw new IOException("key index format " + format + " is not " + FORMAT);
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public Optional<Long> latestOffset(byte[] key) throws IOException {
        catchUp();
        long v = latest(key);
        if (v == ABSENT || v < 0) {
            return Optional.empty();
        }
        return v < log.logStartOffset() ? Optional.empty() : Optional.of(v);
    }

    @Override
    public Optional<ByteBuffer> latestValue(byte[] key) throws IOException {
        Optional<Long> offset = latestOffset(key);
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        long o = offset.get();
        LogSlice slice;
        try {
            slice = log.read(o, 1, true);
        } catch (OffsetOutOfRangeException e) {
            return Optional.empty(); // retention took it meanwhile
        }
        if (slice.size() == 0) {
            return Optional.empty();
        }
        ByteBuffer batch = slice.readFully(); // starts with the batch holding the offset
        if (!BatchRecords.decodable(batch, 0)) {
            return Optional.empty();
        }
        for (BatchRecords.Record r : BatchRecords.decode(batch, 0)) {
            if (r.offset == o) {
                return r.keyEquals(key) && !r.isTombstone() ? Optional.of(r.value()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The raw entry of {@code key}: offset, {@code -(offset + 1)} for a tombstone, or {@link #ABSENT}. */
    long latest(byte[] key) {
        byte[] k = encodeKey(key);
        envLock.readLock().lock();
        try {
            ensureOpen();
            try (Txn<byte[]> txn = env.txnRead()) {
                byte[] v = keys.get(txn, k);
                return v == null ? ABSENT : ByteBuffer.wrap(v).getLong();
            }
        } finally {
            envLock.readLock().unlock();
        }
    }

    /** The raw entries (see {@link #latest}) of the keyed records, in one read transaction; ABSENT for keyless ones. */
    long[] latest(List<BatchRecords.Record> records) {
        long[] out = new long[records.size()];
        envLock.readLock().lock();
        try {
            ensureOpen();
            try (Txn<byte[]> txn = env.txnRead()) {
                for (int i = 0; i < out.length; i++) {
                    BatchRecords.Record r = records.get(i);
                    byte[] v = r.hasKey() ? keys.get(txn, encodeKey(r.key())) : null;
                    out[i] = v == null ? ABSENT : ByteBuffer.wrap(v).getLong();
                }
            }
        } finally {
            envLock.readLock().unlock();
        }
        return out;
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * Indexes every record from {@code indexedUpTo} to the current log end.
     *
     * @return the offset up to which the index now covers the log
     */
    long catchUp() throws IOException {
        ensureOpen();
        if (indexedUpTo >= log.logEndOffset()) {
            return indexedUpTo;
        }
        writeLock.lock();
        try {
            ensureOpen();
            long next = Math.max(indexedUpTo, log.logStartOffset());
            long end = log.logEndOffset();
            List<byte[][]> puts = new ArrayList<>();
            while (next < end) {
                LogSlice slice;
                try {
                    slice = log.read(next, READ_CHUNK_BYTES, true);
                } catch (OffsetOutOfRangeException e) {
                    next = Math.max(next, log.logStartOffset()); // retention moved the start meanwhile
                    continue;
                }
                if (slice.size() == 0) {
                    break;
                }
                ByteBuffer buf = slice.readFully();
                for (int at = 0; at < buf.limit(); at += BatchHeader.sizeInBytes(buf, at)) {
                    long last = BatchHeader.lastOffset(buf, at);
                    if (last >= next) {
                        index(buf, at, next, puts);
                        next = last + 1;
                    }
                }
                if (puts.size() >= PUTS_PER_TXN) {
                    commitPuts(puts, next);
                }
            }
            commitPuts(puts, Math.max(next, indexedUpTo));
            return indexedUpTo;
        } finally {
            writeLock.unlock();
        }
    }

    private void index(ByteBuffer buf, int at, long from, List<byte[][]> puts) {
        if (BatchHeader.isControl(buf, at)) {
            return;
        }
        if (!BatchRecords.decodable(buf, at)) {
            warnUndecodable(BatchHeader.compression(buf, at));
            return;
        }
        try {
            for (BatchRecords.Record r : BatchRecords.decode(buf, at)) {
                if (r.offset >= from && r.hasKey()) {
                    long v = r.isTombstone() ? -(r.offset + 1) : r.offset;
                    puts.add(new byte[][] {encodeKey(r.key()), longBytes(v)});
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": records of the batch at offset "
                    + BatchHeader.baseOffset(buf, at) + " do not parse; not indexing them: " + e.getMessage());
        }
    }

    /** Logs, once per partition, that batches of this codec are neither indexed nor compacted. */
    void warnUndecodable(int codec) {
        if (!warnedUndecodable) {
            warnedUndecodable = true;
            LOG.log(System.Logger.Level.WARNING, name + ": batches compressed with codec " + codec + " (snappy,"
                    + " lz4 or zstd) cannot be decoded with the JDK: they are kept as they are by compaction and"
                    + " their keys are not indexed");
        }
    }

    private void commitPuts(List<byte[][]> puts, long upTo) {
        write(txn -> {
            for (byte[][] p : puts) {
                keys.put(txn, p[0], p[1]);
            }
            meta.put(txn, META_INDEXED, longBytes(upTo));
        });
        indexedUpTo = upTo;
        puts.clear();
    }

    /** Drops the entries of tombstones the cleaner removed, unless a newer record of the key came meanwhile. */
    void removeTombstones(List<BatchRecords.Record> removed) {
        if (removed.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            write(txn -> {
                for (BatchRecords.Record r : removed) {
                    byte[] k = encodeKey(r.key());
                    byte[] v = keys.get(txn, k);
                    if (v != null && ByteBuffer.wrap(v).getLong() == -(r.offset + 1)) {
                        keys.delete(txn, k);
                    }
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes entries whose record lies below {@code logStart} (retention, DeleteRecords), in bounded transactions. */
    void pruneBelow(long logStart) {
        if (logStart <= prunedBelow) {
            return;
        }
        writeLock.lock();
        try {
            // bounded transactions, each resuming at the key where the last stopped; a transaction
            // retried after growing the map recomputes its result, so only committed progress counts
            byte[] from = null;
            boolean more = true;
            while (more) {
                byte[] start = from;
                byte[][] resume = new byte[1][];
                write(txn -> {
                    resume[0] = null;
                    try (Cursor<byte[]> c = keys.openCursor(txn)) {
                        boolean ok = start == null ? c.first() : c.get(start, GetOp.MDB_SET_RANGE);
                        int seen = 0;
                        while (ok && seen++ < PUTS_PER_TXN) {
                            long v = ByteBuffer.wrap(c.val()).getLong();
                            if ((v < 0 ? -(v + 1) : v) < logStart) {
                                c.delete();
                            }
                            ok = c.next();
                        }
                        resume[0] = ok ? c.key() : null;
                    }
                    if (resume[0] == null) {
                        meta.put(txn, META_PRUNED, longBytes(logStart));
                    }
                });
                from = resume[0];
                more = from != null;
            }
            prunedBelow = logStart;
        } finally {
            writeLock.unlock();
        }
    }

    long cleanedUpTo() {
        return cleanedUpTo;
    }

    /** The earliest delete horizon of a tombstone kept by the last cleaning, {@link Long#MAX_VALUE} if none. */
    long nextHorizonMs() {
        return nextHorizonMs;
    }

    void saveCleanerState(long newCleanedUpTo, long newNextHorizonMs) {
        writeLock.lock();
        try {
            write(txn -> {
                meta.put(txn, META_CLEANED, longBytes(newCleanedUpTo));
                meta.put(txn, META_HORIZON, longBytes(newNextHorizonMs));
            });
            cleanedUpTo = newCleanedUpTo;
            nextHorizonMs = newNextHorizonMs;
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} in a write transaction, growing the map and retrying when it is full. */
    private void write(Consumer<Txn<byte[]>> work) {
        while (true) {
            envLock.readLock().lock();
            try {
                ensureOpen();
                try (Txn<byte[]> txn = env.txnWrite()) {
                    work.accept(txn);
                    txn.commit();
                    return;
                } catch (Env.MapFullException e) {
                    // fall through: grow, then redo the whole transaction (it was aborted)
                }
            } finally {
                envLock.readLock().unlock();
            }
            envLock.writeLock().lock();
            try {
                ensureOpen();
                mapSize *= 2;
                env.setMapSize(mapSize);
                LOG.log(System.Logger.Level.DEBUG, () -> name + ": key index map grown to " + mapSize + " bytes");
            } finally {
                envLock.writeLock().unlock();
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Closes the index. With {@code clean}, syncs it and writes the marker that lets the next open
     * trust it; without (crash simulation, topic deletion), just releases it.
     */
    void close(boolean clean) throws IOException {
        writeLock.lock();
        try {
            envLock.writeLock().lock();
            try {
                if (closed) {
                    return;
                }
                if (clean) {
                    env.sync(true);
                }
                closeEnvQuietly();
                if (clean) {
                    Checkpoints.writeAtomically(envDir.resolve(CLEAN_MARKER), new byte[0]);
                }
            } finally {
                envLock.writeLock().unlock();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void closeEnvQuietly() {
        closed = true;
        if (env != null && !env.isClosed()) {
            try {
                env.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + ": closing the key index failed", e);
            }
        }
    }

    private void ensureOpen() {
        log.ensureOpen();
        if (closed) {
            throw new IllegalStateException("the key index of " + name + " is closed");
        }
    }

    long indexedUpTo() {
        return indexedUpTo;
    }

    /** The LMDB map size now (it doubles when full). */
    long mapSize() {
        return mapSize;
    }

    // ---------------------------------------------------------------- encoding

    private byte[] encodeKey(byte[] key) {
        if (key.length <= maxRawKey) {
            byte[] k = new byte[key.length + 1];
            System.arraycopy(key, 0, k, 1, key.length);
            return k;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            byte[] k = new byte[digest.length + 1];
            k[0] = 1;
            System.arraycopy(digest, 0, k, 1, digest.length);
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private long metaLong(Txn<byte[]> txn, byte[] k, long dflt) {
        byte[] v = meta.get(txn, k);
        return v == null ? dflt : ByteBuffer.wrap(v).getLong();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
