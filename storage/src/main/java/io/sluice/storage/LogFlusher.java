package io.sluice.storage;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durability side of a {@link FileLog}: forces its segments to disk, advances the recovery
 * point, and writes the {@code checkpoint} file ({@link Checkpoints}) and {@code producer.snapshot}
 * ({@link ProducerStateTable}). Decides when the topic's {@code flush.messages} / {@code flush.ms}
 * policy and the store's periodic flush are due.
 *
 * <p>Thread-safety: shares the log's append and flush locks and follows its order (append lock
 * before flush lock, never the other way round). {@link #flush} and {@link #maybeFlush} may be
 * called from any thread, holding the append lock or not: they take the append lock only to copy
 * the producer state, release it, then force files under the flush lock (reentrant, so a caller
 * already holding it, such as {@link FileLog#close}, is fine). {@link #writeCheckpoint} requires
 * the caller to hold the flush lock. {@link #dueAfterAppend} and {@link #filesAdded} are called
 * with the append lock held. The bookkeeping is in volatile fields, so the periodic check reads it
 * without a lock.
 */
final class LogFlusher {

    private final FileLog log;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final ProducerStateTable producers; // the log's append lock
    private final ReentrantLock appendLock;
    private final ReentrantLock flushLock;
    private final Clock clock;
    private volatile long recoveryPoint;
    private volatile long checkpointedRecoveryPoint = -1;
    private volatile long checkpointedStartOffset = -1;
    private volatile long snapshotOffset;
    private volatile long lastFlushMs;
    private volatile long lastCheckpointMs;
    /** Set by a roll (append lock), taken by a flush (flush lock): atomic so no roll's flag is lost. */
    private final AtomicBoolean newFilesSinceFlush = new AtomicBoolean();

    /**
     * @param recoveryPoint  the offset below which everything is on disk (the log end once loaded:
     *                       recovery forces what it keeps)
     * @param snapshotOffset the log end offset the producer snapshot on disk was taken at
     */
    LogFlusher(FileLog log, ConcurrentSkipListMap<Long, Segment> segments, ProducerStateTable producers,
               ReentrantLock appendLock, ReentrantLock flushLock, Clock clock, long recoveryPoint,
               long snapshotOffset) {
        this.log = log;
        this.segments = segments;
        this.producers = producers;
        this.appendLock = appendLock;
        this.flushLock = flushLock;
        this.clock = clock;
        this.recoveryPoint = recoveryPoint;
        this.snapshotOffset = snapshotOffset;
        this.lastFlushMs = clock.millis();
        this.lastCheckpointMs = lastFlushMs;
    }

    long recoveryPoint() {
        return recoveryPoint;
    }

    /**
     * Under the append lock, right after an append moved the log end to {@code end}: whether the
     * topic's {@code flush.messages} or {@code flush.ms} asks for a flush now.
     */
    boolean dueAfterAppend(long end, long now, LogConfig cfg) {
        return end - recoveryPoint >= cfg.flushMessages() || now - lastFlushMs >= cfg.flushMs();
    }

    /**
     * A segment file was created (roll, compaction swap): the next flush must also force the
     * directory, or the file could vanish in a power loss although its data was forced.
     */
    void filesAdded() {
        newFilesSinceFlush.set(true);
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
                snapshotAt = log.logEndOffset();
                if (snapshotAt != snapshotOffset) {
                    snapshot = producers.snapshot(snapshotAt);
                }
            } finally {
                appendLock.unlock();
            }
        }
        flushLock.lock();
        try {
            if (!log.isOpen()) {
                return;
            }
            long target = log.logEndOffset();
            long rp = recoveryPoint;
            Long from = segments.floorKey(rp);
            boolean newFiles = newFilesSinceFlush.getAndSet(false);
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
                Checkpoints.fsyncDirectory(log.directory());
            }
            if (target > rp) {
                recoveryPoint = target;
            }
            long now = clock.millis();
            lastFlushMs = now;
            if (checkpoint) {
                if (snapshot != null) {
                    Checkpoints.writeAtomically(log.directory().resolve(ProducerStateTable.SNAPSHOT_FILE), snapshot);
                    snapshotOffset = snapshotAt;
                }
                if (recoveryPoint != checkpointedRecoveryPoint || log.logStartOffset() != checkpointedStartOffset) {
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
        if (!log.isOpen()) {
            return;
        }
        long end = log.logEndOffset();
        boolean unflushed = end > recoveryPoint;
        boolean dirty = unflushed || recoveryPoint != checkpointedRecoveryPoint
                || log.logStartOffset() != checkpointedStartOffset || snapshotOffset != end;
        if (dirty && (now - lastCheckpointMs >= periodicFlushMs
                || (unflushed && now - lastFlushMs >= log.config().flushMs()))) {
            flush(true);
        }
    }

    /**
     * Holding the flush lock: writes the log start offset and recovery point. Also called on its
     * own when the start offset moves, which must be durable before any segment file goes.
     */
    void writeCheckpoint() throws IOException {
        long rp = recoveryPoint;
        long start = log.logStartOffset();
        Checkpoints.writePartition(log.directory(), new Checkpoints.PartitionCheckpoint(start, rp));
        checkpointedRecoveryPoint = rp;
        checkpointedStartOffset = start;
    }
}
