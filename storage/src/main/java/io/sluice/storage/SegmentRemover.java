package io.sluice.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes segments out of a {@link FileLog}: the oldest ones (retention, DeleteRecords), moving the
 * log start offset past them, or a run of them that compaction replaces by its cleaned copy.
 * Either way the segments leave the segment map at once and go to the {@link SegmentDeleter},
 * which keeps them readable for {@code file.delete.delay.ms}.
 *
 * <p>Thread-safety: any thread may call both methods. They hold the log's append lock to decide
 * and its flush lock (taken second, as everywhere in the log) to change the segment map, write
 * the checkpoint and rename files, so appends, rolls and flushes never see a half-changed log;
 * reads see the concurrent map before or after each single change and retry on a segment closed
 * under them ({@link LogReader}). Scheduling the deletions happens after both locks are released.
 */
final class SegmentRemover {

    // the log's logger, so that logging configured for FileLog still covers deletions and swaps
    private static final System.Logger LOG = System.getLogger(FileLog.class.getName());

    private final FileLog log;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final ProducerStateTable producers; // the log's append lock
    private final ReentrantLock appendLock;
    private final ReentrantLock flushLock;
    private final SegmentRoller roller;
    private final LogFlusher flusher;
    private final SegmentDeleter deleter;

    SegmentRemover(FileLog log, ConcurrentSkipListMap<Long, Segment> segments, ProducerStateTable producers,
                   ReentrantLock appendLock, ReentrantLock flushLock, SegmentRoller roller, LogFlusher flusher,
                   SegmentDeleter deleter) {
        this.log = log;
        this.segments = segments;
        this.producers = producers;
        this.appendLock = appendLock;
        this.flushLock = flushLock;
        this.roller = roller;
        this.flusher = flusher;
        this.deleter = deleter;
    }

    /**
     * Deletes the oldest segments: {@code chooser}, called under the append lock with all
     * segments (oldest first), says how many go and why; if that is all of them the log rolls
     * first and goes on, empty, at the same end offset (as Kafka does). Before any file goes, the
     * log start offset moves durably to the first kept base offset or {@code minStart}, whichever
     * is higher.
     *
     * @return the number of segments deleted
     */
    int deleteOldest(RetentionPolicy.Chooser chooser, long minStart) throws IOException {
        List<Segment> doomed = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        RetentionPolicy.Decision d;
        appendLock.lock();
        try {
            log.ensureOpen();
            List<Segment> all = new ArrayList<>(segments.values());
            d = chooser.choose(all);
            if (d.count() == 0 && minStart <= log.logStartOffset()) {
                return 0;
            }
            if (d.count() == all.size()) {
                roller.roll(d.reason());
            }
            long newStart = d.count() == 0 ? minStart
                    : Math.max(minStart, segments.higherKey(all.get(d.count() - 1).baseOffset));
            flushLock.lock();
            try {
                if (newStart > log.logStartOffset()) {
                    log.moveStartOffset(newStart);
                    flusher.writeCheckpoint();
                }
                Iterator<Segment> it = segments.values().iterator();
                while (doomed.size() < d.count()) {
                    Segment s = it.next();
                    it.remove();
                    doomed.add(s);
                    files.add(SegmentDeleter.renameForDeletion(s));
                }
                producers.evictBefore(log.logStartOffset());
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
            LOG.log(System.Logger.Level.INFO, log.name() + ": log start offset " + log.logStartOffset() + " ("
                    + d.reason() + "), deleted " + doomed.size() + " segment(s)");
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
            if (!log.isOpen()) {
                return false;
            }
            for (Segment s : old) {
                if (segments.get(s.baseOffset) != s || s == roller.active()) {
                    return false;
                }
            }
            flushLock.lock();
            try {
                Segment installed = swap.commit(old, log.config().indexIntervalBytes());
                // LogReader relies on this order: the merged segment goes in first, then the old
                // ones go, oldest first, so no retained record is ever missing from the map and a
                // segment still in the map has its true successor after it
                segments.put(installed.baseOffset, installed);
                for (Segment s : old.subList(1, old.size())) {
                    segments.remove(s.baseOffset);
                }
                flusher.filesAdded();
            } catch (IOException | RuntimeException e) {
                if (swap.committed()) {
                    LOG.log(System.Logger.Level.ERROR, log.name() + ": segment swap failed after its commit point;"
                            + " closing the log, the next open finishes the swap", e);
                    // both locks are reentrant: closing takes them again
                    log.crashClose();
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
}
