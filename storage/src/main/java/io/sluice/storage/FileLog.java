package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * A partition log kept as segment files in one directory.
 *
 * <p>On disk ({@code DIR/topics/NAME/P/}): the segments ({@link Segment}: {@code OFFSET20.log},
 * {@code .index}, {@code .timeindex}), the {@code checkpoint} file (log start offset and recovery
 * point, {@link Checkpoints}), {@code producer.snapshot} ({@link ProducerStateTable}), for
 * compacted topics the key index {@code keys.lmdb/} ({@link CleanerKeyMap}), and transiently
 * segments leaving the log ({@code *.deleted}, {@link SegmentDeleter}) and being compacted
 * ({@code *.cleaned}, {@code cleaner.swap}, {@link SegmentSetSwap}).
 *
 * <p>Thread-safety: appends, rolls, {@link #deleteRecordsBefore} and closing hold the append
 * lock; forcing files, writing checkpoints and deleting segments hold the flush lock (taken after
 * the append lock when both are needed, never the other way round). Reads take no lock: they read
 * the volatile log end offset, then the segment map (concurrent), then the segment's volatile
 * committed size, and so see only whole batches whose append completed ({@link LogReader}).
 * Retention and compaction take the append lock only to change the segment set
 * ({@link #deleteOldest}, {@link #replaceSegments}); a segment leaving it stays readable for the
 * store's {@code file.delete.delay.ms} ({@link SegmentDeleter}). The key index is opened lazily
 * under this object's monitor.
 *
 * <p>Durability: appends reach the OS page cache when they return. They are forced to disk by
 * the topic's {@code flush.messages} / {@code flush.ms} policy, by {@link #flush()}, and by the
 * store's periodic flush, which also writes the checkpoint and producer snapshot.
 */
final class FileLog implements PartitionLog {

    private static final System.Logger LOG = System.getLogger(FileLog.class.getName());

    private enum State { OPEN, CLOSED, DELETED }

    private final String topic;
    private final int partition;
    private final String name;
    private final Path dir;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ProducerStateTable producers; // append lock
    private final SegmentDeleter deleter;
    private final int recoveredSegments;
    private final LogReader reader;
    private CleanerKeyMap keyIndex; // this object's monitor
    private volatile LogConfig config;
    private volatile State state = State.OPEN;
    private volatile Segment active;
    private volatile long logEndOffset;
    private volatile long logStartOffset;
    private volatile long recoveryPoint;
    private volatile long checkpointedRecoveryPoint = -1;
    private volatile long checkpointedStartOffset = -1;
    private volatile long snapshotOffset;
    private volatile long lastFlushMs;
    private volatile long lastCheckpointMs;
    private volatile boolean newFilesSinceFlush;

    private FileLog(String topic, int partition, Path dir, LogConfig config, Clock clock, SegmentDeleter deleter,
                    LogLoader.Loaded loaded) {
        this.topic = topic;
        this.partition = partition;
        this.name = topic + "-" + partition;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.deleter = deleter;
        for (Segment s : loaded.segments()) {
            segments.put(s.baseOffset, s);
        }
        this.active = segments.lastEntry().getValue();
        this.logEndOffset = active.nextOffset();
        this.logStartOffset = loaded.logStartOffset();
        this.recoveryPoint = logEndOffset;
        this.producers = loaded.producers();
        this.snapshotOffset = loaded.snapshotOffset();
        this.recoveredSegments = loaded.recoveredSegments();
        this.lastFlushMs = clock.millis();
        this.lastCheckpointMs = lastFlushMs;
        this.reader = new LogReader(this, segments);
    }

    /**
     * Opens (creating if needed) the log in {@code dir}; see {@link LogLoader} for what recovery
     * does. Segments leaving the log go through {@code deleter}.
     */
    static FileLog open(Path dir, String topic, int partition, LogConfig config, boolean cleanShutdown, Clock clock,
                        SegmentDeleter deleter) throws IOException {
        LogLoader.Loaded loaded = LogLoader.load(dir, topic + "-" + partition, config, cleanShutdown);
        if (!cleanShutdown) {
            // recovery may have cut the log below what the key index saw: rebuild the index on first use
            CleanerKeyMap.invalidate(dir);
        }
        return new FileLog(topic, partition, dir, config, clock, deleter, loaded);
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public long logStartOffset() {
        return logStartOffset;
    }

    @Override
    public long logEndOffset() {
        return logEndOffset;
    }

    @Override
    public long sizeInBytes() {
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.size();
        }
        return total;
    }

    @Override
    public LogConfig config() {
        return config;
    }

    void setConfig(LogConfig newConfig) {
        config = newConfig;
    }

    // ---------------------------------------------------------------- append

    /**
     * {@inheritDoc}
     *
     * <p>If several batches of one request are sequenced and any of them is a duplicate, the
     * whole request is treated as that duplicate (Kafka does the same). A request whose batches
     * together exceed {@code segment.bytes} is refused with {@link RecordTooLargeException}, as
     * it must fit one segment. The buffer must be writable.
     */
    @Override
    public AppendResult append(ByteBuffer batches) throws IOException {
        if (batches.isReadOnly()) {
            throw new IllegalArgumentException("batches must be in a writable buffer: offsets are assigned in place");
        }
        ByteBuffer buf = batches.duplicate().order(ByteOrder.BIG_ENDIAN);
        int start = buf.position();
        int end = buf.limit();
        LogConfig cfg = config;
        CRC32C crc = new CRC32C();
        // CRC checks run before the lock so that producers to one partition check in parallel
        BatchHeader.validateAll(buf, start, end, cfg.maxMessageBytes(), crc);
        int bytes = end - start;
        if (bytes > cfg.segmentBytes()) {
            throw new RecordTooLargeException(name + ": " + bytes + " bytes of batches in one request exceed"
                    + " segment.bytes " + cfg.segmentBytes());
        }
        long first;
        long next;
        long appendTime;
        long startOffset;
        boolean flushNow;
        appendLock.lock();
        try {
            ensureOpen();
            first = logEndOffset;
            ProducerStateTable.Duplicate dup = producers.check(buf, start, end, first);
            if (dup != null) {
                return new AppendResult(dup.firstOffset(), dup.lastOffset(), -1, logStartOffset, true);
            }
            long now = clock.millis();
            long last = first + BatchHeader.offsetSpan(buf, start, end) - 1;
            Segment seg = maybeRoll(cfg, bytes, last, now);
            if (last - seg.baseOffset > Integer.MAX_VALUE) {
                throw new InvalidBatchException("the request's batches span " + (last - first + 1)
                        + " offsets; a request may span at most 2^31");
            }
            appendTime = cfg.logAppendTime() ? now : -1;
            next = first;
            for (int at = start; at < end; at += BatchHeader.sizeInBytes(buf, at)) {
                BatchHeader.rewrite(buf, at, next, appendTime, crc);
                next += BatchHeader.lastOffsetDelta(buf, at) + 1L;
            }
            int position = seg.size();
            seg.write(buf, start, end);
            int interval = cfg.indexIntervalBytes();
            for (int at = start; at < end; ) {
                int size = BatchHeader.sizeInBytes(buf, at);
                seg.onBatch(BatchHeader.baseOffset(buf, at), position + (at - start), size,
                        BatchHeader.maxTimestamp(buf, at), interval);
                at += size;
            }
            producers.apply(buf, start, end);
            seg.commit(position + bytes, next, now);
            logEndOffset = next;
            startOffset = logStartOffset;
            flushNow = next - recoveryPoint >= cfg.flushMessages() || now - lastFlushMs >= cfg.flushMs();
        } finally {
            appendLock.unlock();
        }
        if (flushNow) {
            flush(false);
        }
        return new AppendResult(first, next - 1, appendTime, startOffset, false);
    }

    /**
     * Rolls when the active segment would pass segment.bytes, is older than segment.ms, has a
     * full index, or cannot address the request's offsets relative to its base.
     */
    private Segment maybeRoll(LogConfig cfg, int bytes, long lastOffset, long now) throws IOException {
        Segment seg = active;
        if (seg.size() == 0) {
            return seg;
        }
        String why;
        if (seg.size() > cfg.segmentBytes() - bytes) {
            why = "segment.bytes";
        } else if (now - seg.firstAppendMs() >= cfg.segmentMs()) {
            why = "segment.ms";
        } else if (seg.offsetIndex.isFull(cfg.segmentIndexBytes()) || seg.timeIndex.isFull(cfg.segmentIndexBytes())) {
            why = "segment.index.bytes";
        } else if (lastOffset - seg.baseOffset > Integer.MAX_VALUE) {
            why = "relative offset range";
        } else {
            return seg;
        }
        return roll(why);
    }

    /** Holding the append lock: starts a new active segment at the log end offset. */
    private Segment roll(String why) throws IOException {
        long base = logEndOffset;
        Segment rolled = Segment.create(dir, base);
        active.seal();
        segments.put(base, rolled);
        active = rolled;
        newFilesSinceFlush = true;
        LOG.log(System.Logger.Level.DEBUG, () -> name + ": rolled to segment " + Segment.name(base) + " (" + why + ")");
        return rolled;
    }

    // ---------------------------------------------------------------- reads (LogReader)

    @Override
    public LogSlice read(long offset, int maxBytes, boolean minOneBatch) throws IOException {
        return reader.read(offset, maxBytes, minOneBatch);
    }

    @Override
    public Optional<OffsetAndTimestamp> offsetForTimestamp(long timestamp) throws IOException {
        return reader.offsetForTimestamp(timestamp);
    }

    /** {@inheritDoc} See {@link LogReader#maxTimestamp()} for which record is meant. */
    @Override
    public Optional<OffsetAndTimestamp> maxTimestamp() throws IOException {
        return reader.maxTimestamp();
    }

    // ---------------------------------------------------------------- start offset, flush, close

    @Override
    public long deleteRecordsBefore(long offset) throws IOException {
        appendLock.lock();
        try {
            ensureOpen();
            if (offset > logEndOffset) {
                throw new OffsetOutOfRangeException("cannot delete records before " + offset + " in " + name
                        + ": the log ends at " + logEndOffset);
            }
            if (offset <= logStartOffset) {
                return logStartOffset;
            }
            // a segment goes when the next one starts at or below the new start offset
            deleteOldest(segs -> {
                int n = 0;
                while (n + 1 < segs.size() && segs.get(n + 1).baseOffset <= offset) {
                    n++;
                }
                return new RetentionPolicy.Decision(n, "DeleteRecords");
            }, offset);
            return offset;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Deletes the oldest segments: {@code chooser}, called under the append lock with all
     * segments (oldest first), says how many go and why; if that is all of them the log rolls
     * first and goes on, empty, at the same end offset (as Kafka does). Before any file goes, the
     * log start offset moves durably to the first kept base offset or {@code minStart}, whichever
     * is higher. For retention ({@link RetentionPolicy#apply}) and {@link #deleteRecordsBefore}.
     *
     * @return the number of segments deleted
     */
    int deleteOldest(RetentionPolicy.Chooser chooser, long minStart) throws IOException {
        List<Segment> doomed = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        RetentionPolicy.Decision d;
        appendLock.lock();
        try {
            ensureOpen();
            List<Segment> all = new ArrayList<>(segments.values());
            d = chooser.choose(all);
            if (d.count() == 0 && minStart <= logStartOffset) {
                return 0;
            }
            if (d.count() == all.size()) {
                roll(d.reason());
            }
            long newStart = d.count() == 0 ? minStart
                    : Math.max(minStart, segments.higherKey(all.get(d.count() - 1).baseOffset));
            flushLock.lock();
            try {
                if (newStart > logStartOffset) {
                    logStartOffset = newStart;
                    writeCheckpoint();
                }
                Iterator<Segment> it = segments.values().iterator();
                while (doomed.size() < d.count()) {
                    Segment s = it.next();
                    it.remove();
                    doomed.add(s);
                    files.add(SegmentDeleter.renameForDeletion(s));
                }
                producers.evictBefore(logStartOffset);
            } finally {
                flushLock.unlock();
            }
        } finally {
            appendLock.unlock();
        }
        for (int i = 0; i < doomed.size(); i++) {
            deleter.schedule(doomed.get(i), files.get(i));
        }
        if (!doomed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, name + ": log start offset " + logStartOffset + " (" + d.reason()
                    + "), deleted " + doomed.size() + " segment(s)");
        }
        return doomed.size();
    }

    /**
     * Compaction: replaces the run of segments {@code old} by the cleaned segment {@code swap}
     * installs, unless the log changed meanwhile (closed, or one of them was deleted or replaced).
     * Holds the append and flush locks only for the swap itself; the cleaned files were written
     * without them. If the swap fails after its commit point the log is closed, and the next open
     * finishes the swap.
     *
     * @return false when nothing was replaced; the caller then discards the cleaned files
     */
    boolean replaceSegments(List<Segment> old, SegmentSetSwap swap) throws IOException {
        appendLock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            for (Segment s : old) {
                if (segments.get(s.baseOffset) != s || s == active) {
                    return false;
                }
            }
            flushLock.lock();
            try {
                Segment installed = swap.commit(old, config.indexIntervalBytes());
                segments.put(installed.baseOffset, installed);
                for (Segment s : old.subList(1, old.size())) {
                    segments.remove(s.baseOffset);
                }
                newFilesSinceFlush = true;
            } catch (IOException | RuntimeException e) {
                if (swap.committed()) {
                    LOG.log(System.Logger.Level.ERROR, name + ": segment swap failed after its commit point; closing"
                            + " the log, the next open finishes the swap", e);
                    abandon(State.CLOSED);
                }
                throw e;
            } finally {
                flushLock.unlock();
            }
        } finally {
            appendLock.unlock();
        }
        for (Segment s : old) {
            deleter.schedule(s, s.files().stream().map(SegmentSetSwap::deleted).toList());
        }
        return true;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        flush(true);
    }

    @Override
    public Optional<CompactedIndex> compactedIndex() throws IOException {
        return config.compact() ? Optional.of(keyIndex()) : Optional.empty();
    }

    /** The key index, opened on first use (for compacted topics; the cleaner and queries use it). */
    synchronized CleanerKeyMap keyIndex() throws IOException {
        ensureOpen();
        if (keyIndex == null) {
            keyIndex = CleanerKeyMap.open(this, dir, name);
        }
        return keyIndex;
    }

    private synchronized void closeKeyIndex(boolean clean) throws IOException {
        if (keyIndex != null) {
            keyIndex.close(clean);
        }
    }

    /** Per producer id, the last offset of its last batch (see {@link ProducerStateTable#lastBatchOffsets}). */
    Map<Long, Long> producerLastOffsets() {
        appendLock.lock();
        try {
            return producers.lastBatchOffsets();
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Forces every segment that may hold unforced data and advances the recovery point. With
     * {@code checkpoint}, also writes the producer snapshot and the checkpoint file (the
     * per-append flush policy skips those: a stale checkpoint only means a longer recovery).
     */
    void flush(boolean checkpoint) throws IOException {
        byte[] snapshot = null;
        long snapshotAt = -1;
        if (checkpoint) {
            appendLock.lock();
            try {
                snapshotAt = logEndOffset;
                if (snapshotAt != snapshotOffset) {
                    snapshot = producers.snapshot(snapshotAt);
                }
            } finally {
                appendLock.unlock();
            }
        }
        flushLock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            long target = logEndOffset;
            long rp = recoveryPoint;
            Long from = segments.floorKey(rp);
            boolean newFiles = newFilesSinceFlush;
            newFilesSinceFlush = false;
            boolean dataPending = target > rp;
            for (Segment s : segments.values()) {
                if (dataPending && (from == null || s.baseOffset >= from)) {
                    s.flush();
                } else {
                    // fully forced already; only a roll may have added index entries since
                    s.flushIndexes();
                }
            }
            if (newFiles) {
                Checkpoints.fsyncDirectory(dir);
            }
            if (target > rp) {
                recoveryPoint = target;
            }
            long now = clock.millis();
            lastFlushMs = now;
            if (checkpoint) {
                if (snapshot != null) {
                    Checkpoints.writeAtomically(dir.resolve(ProducerStateTable.SNAPSHOT_FILE), snapshot);
                    snapshotOffset = snapshotAt;
                }
                if (recoveryPoint != checkpointedRecoveryPoint || logStartOffset != checkpointedStartOffset) {
                    writeCheckpoint();
                }
                lastCheckpointMs = now;
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** The store's periodic task: a full flush when there is anything to make durable and it is due. */
    void maybeFlush(long now, long periodicFlushMs) throws IOException {
        if (state != State.OPEN) {
            return;
        }
        long end = logEndOffset;
        boolean unflushed = end > recoveryPoint;
        boolean dirty = unflushed || recoveryPoint != checkpointedRecoveryPoint
                || logStartOffset != checkpointedStartOffset || snapshotOffset != end;
        if (dirty && (now - lastCheckpointMs >= periodicFlushMs
                || (unflushed && now - lastFlushMs >= config.flushMs()))) {
            flush(true);
        }
    }

    private void writeCheckpoint() throws IOException {
        long rp = recoveryPoint;
        long start = logStartOffset;
        Checkpoints.writePartition(dir, new Checkpoints.PartitionCheckpoint(start, rp));
        checkpointedRecoveryPoint = rp;
        checkpointedStartOffset = start;
    }

    /** Flushes everything, writes checkpoint and snapshot, releases the files. Idempotent. */
    void close() throws IOException {
        appendLock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            active.seal();
            try {
                flush(true);
                closeKeyIndex(true);
            } finally {
                flushLock.lock();
                try {
                    state = State.CLOSED;
                    IOException failure = null;
                    for (Segment s : segments.values()) {
                        try {
                            s.close();
                        } catch (IOException e) {
                            if (failure == null) {
                                failure = e;
                            } else {
                                failure.addSuppressed(e);
                            }
                        }
                    }
                    if (failure != null) {
                        throw failure;
                    }
                } finally {
                    flushLock.unlock();
                }
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** Releases the files without flushing or writing anything, as if the process had died. */
    void crashClose() {
        abandon(State.CLOSED);
    }

    /** The topic is being deleted: refuse further use and release the files. */
    void markDeleted() {
        abandon(State.DELETED);
    }

    private void abandon(State newState) {
        appendLock.lock();
        try {
            flushLock.lock();
            try {
                if (state == State.OPEN) {
                    state = newState;
                    segments.values().forEach(Segment::closeQuietly);
                    try {
                        closeKeyIndex(false);
                    } catch (IOException | RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, name + ": releasing the key index failed", e);
                    }
                }
            } finally {
                flushLock.unlock();
            }
        } finally {
            appendLock.unlock();
        }
    }

    void ensureOpen() {
        State s = state;
        if (s == State.CLOSED) {
            throw new IllegalStateException("log " + name + " is closed");
        }
        if (s == State.DELETED) {
            throw new UnknownTopicException("topic '" + topic + "' has been deleted");
        }
    }

    // ---------------------------------------------------------------- for tests and the store

    /** Segments scanned batch by batch when the log was opened (0 after a clean shutdown). */
    int recoveredSegments() {
        return recoveredSegments;
    }

    long recoveryPoint() {
        return recoveryPoint;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    Segment activeSegment() {
        return active;
    }

    Path directory() {
        return dir;
    }

    String name() {
        return name;
    }

    List<Segment> segments() {
        return new ArrayList<>(segments.values());
    }

    @Override
    public String toString() {
        return "FileLog(" + name + ", " + logStartOffset + ".." + logEndOffset + ")";
    }
}
