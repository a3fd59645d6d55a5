package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
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
 * <p>This class appends, keeps the offsets, owns the segment map and the locks, and opens and
 * closes the log. The rest is done by helpers that share its segment map and locks:
 * {@link LogReader} (reads), {@link SegmentRoller} (the active segment and when to roll it),
 * {@link SegmentRemover} (segments leaving the log: retention, DeleteRecords, compaction) and
 * {@link LogFlusher} (forcing files, recovery point, checkpoint and producer snapshot).
 *
 * <p>Thread-safety: appends, rolls ({@link SegmentRoller}), {@link #deleteRecordsBefore} and
 * closing hold the append lock; forcing files, writing checkpoints ({@link LogFlusher}) and
 * deleting segments ({@link SegmentRemover}) hold the flush lock (taken after the append lock
 * when both are needed, never the other way round, in this class and its helpers alike). Reads
 * take no lock: they read the volatile log end offset, then the segment map (concurrent), then
 * the segment's volatile committed size, and so see only whole batches whose append completed
 * ({@link LogReader}). Retention and compaction take the append lock only to change the segment
 * set ({@link #deleteOldest}, {@link #replaceSegments}); a segment leaving it stays readable for
 * the store's {@code file.delete.delay.ms} ({@link SegmentDeleter}). The key index is opened
 * lazily under this object's monitor.
 *
 * <p>Durability: appends reach the OS page cache when they return. They are forced to disk by
 * the topic's {@code flush.messages} / {@code flush.ms} policy, by {@link #flush()}, and by the
 * store's periodic flush, which also writes the checkpoint and producer snapshot (all three
 * through {@link LogFlusher}).
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
    private final int recoveredSegments;
    private final LogReader reader;
    private final LogFlusher flusher;
    private final SegmentRoller roller;
    private final SegmentRemover remover;
    private CleanerKeyMap keyIndex; // this object's monitor
    private volatile LogConfig config;
    private volatile State state = State.OPEN;
    private volatile long logEndOffset;
    private volatile long logStartOffset;

    private FileLog(String topic, int partition, Path dir, LogConfig config, Clock clock, SegmentDeleter deleter,
                    LogLoader.Loaded loaded) {
        this.topic = topic;
        this.partition = partition;
        this.name = topic + "-" + partition;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        for (Segment s : loaded.segments()) {
            segments.put(s.baseOffset, s);
        }
        Segment newest = segments.lastEntry().getValue();
        this.logEndOffset = newest.nextOffset();
        this.logStartOffset = loaded.logStartOffset();
        this.producers = loaded.producers();
        this.recoveredSegments = loaded.recoveredSegments();
        this.reader = new LogReader(this, segments);
        // LogLoader forces what it recovers, so the recovery point of an opened log is its end
        this.flusher = new LogFlusher(this, segments, producers, appendLock, flushLock, clock, logEndOffset,
                loaded.snapshotOffset());
        this.roller = new SegmentRoller(this, segments, flusher, newest);
        this.remover = new SegmentRemover(this, segments, producers, appendLock, flushLock, roller, flusher, deleter);
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
            Segment seg = roller.maybeRoll(cfg, bytes, last, now);
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
            flushNow = flusher.dueAfterAppend(next, now, cfg);
        } finally {
            appendLock.unlock();
        }
        if (flushNow) {
            flusher.flush(false);
        }
        return new AppendResult(first, next - 1, appendTime, startOffset, false);
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
     * Deletes the oldest segments as {@code chooser} says, moving the log start offset to at least
     * {@code minStart}; see {@link SegmentRemover#deleteOldest}. For retention
     * ({@link RetentionPolicy#apply}) and {@link #deleteRecordsBefore}.
     *
     * @return the number of segments deleted
     */
    int deleteOldest(RetentionPolicy.Chooser chooser, long minStart) throws IOException {
        return remover.deleteOldest(chooser, minStart);
    }

    /**
     * Compaction: swaps the cleaned segment in for the run {@code old}; see
     * {@link SegmentRemover#replaceSegments}.
     *
     * @return false when nothing was replaced; the caller then discards the cleaned files
     */
    boolean replaceSegments(List<Segment> old, SegmentSetSwap swap) throws IOException {
        return remover.replaceSegments(old, swap);
    }

    /** Holding the append and flush locks ({@link SegmentRemover}): the new, higher log start offset. */
    void moveStartOffset(long offset) {
        logStartOffset = offset;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        flusher.flush(true);
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

    /** See {@link LogFlusher#flush}: without {@code checkpoint}, only forces the files (the cleaner's flush). */
    void flush(boolean checkpoint) throws IOException {
        flusher.flush(checkpoint);
    }

    /** The store's periodic task: see {@link LogFlusher#maybeFlush}. */
    void maybeFlush(long now, long periodicFlushMs) throws IOException {
        flusher.maybeFlush(now, periodicFlushMs);
    }

    /** Flushes everything, writes checkpoint and snapshot, releases the files. Idempotent. */
    void close() throws IOException {
        appendLock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            roller.active().seal();
            try {
                flusher.flush(true);
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
        return flusher.recoveryPoint();
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /** The read side (tests set its hook). */
    LogReader reader() {
        return reader;
    }

    Segment activeSegment() {
        return roller.active();
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
