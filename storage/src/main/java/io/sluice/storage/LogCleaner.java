package io.sluice.storage;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Log compaction for every partition whose {@code cleanup.policy} contains {@code compact}: one
 * background thread for the whole store (run by {@link LogMaintenance}), or {@link #runOnce}.
 *
 * <p>Each run first brings every compacted partition's key index ({@link CleanerKeyMap}) up to
 * the log end, then cleans, dirtiest first, each partition that is due:
 * <ul>
 * <li>the <em>cleanable</em> segments are the closed ones, from the log start up to (not
 *     including) the active segment or the first segment after the last cleaned offset whose
 *     largest timestamp is newer than {@code now - min.compaction.lag.ms};</li>
 * <li>the dirty ratio is the size of the cleanable segments at or after the last cleaned offset
 *     over the size of all cleanable segments (Kafka's definition); a partition is due when
 *     it has dirty bytes and the ratio is at least {@code min.cleanable.dirty.ratio}, or when a
 *     tombstone's delete horizon has passed.</li>
 * </ul>
 * Cleaning a partition: index caught up, then the cleanable segments in groups of at most
 * {@code segment.bytes} (and index sizes within {@code segment.index.bytes}, offsets within
 * 2^31 of the group's base) are rewritten by {@link SegmentRewriter} without any lock. Before
 * each group is swapped in by {@link FileLog#replaceSegments} (which holds the log's locks only
 * for the renames), the log is forced to disk: every record the index pointed at when the
 * rewriter dropped an older one lay below the log end, so after the force a crash can no longer
 * take the newer record while the older one is already gone. A group of one segment that nothing
 * changes is left alone. The last cleaned offset and the next delete horizon are kept in the key index.
 *
 * <p>Thread-safety: runs are serialized by a lock (the background thread and callers of
 * {@link #runOnce} never clean at the same time); everything else they touch is the logs',
 * which are thread-safe.
 */
final class LogCleaner {

    private static final System.Logger LOG = System.getLogger(LogCleaner.class.getName());

    /** A partition found due for cleaning. */
    private record Plan(FileLog log, CleanerKeyMap map, double dirtyRatio) {
    }

    private final Supplier<List<FileLog>> logs;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopping;
    /** Test hook: simulate a crash after this many file operations of the next swap (-1: never). */
    volatile int crashAfterSwapOps = -1;

    LogCleaner(Supplier<List<FileLog>> logs, Clock clock) {
        this.logs = logs;
        this.clock = clock;
    }

    /** Makes a run in progress give up at its next batch. */
    void stop() {
        stopping = true;
    }

    /**
     * Cleans every compacted partition that is due.
     *
     * @return the number of partitions cleaned
     */
    int runOnce() {
        running.lock();
        try {
            long now = clock.millis();
            List<Plan> due = new ArrayList<>();
            for (FileLog log : logs.get()) {
                if (stopping) {
                    return 0;
                }
                if (!log.isOpen() || !log.config().compact()) {
                    continue;
                }
                try {
                    CleanerKeyMap map = log.keyIndex();
                    map.catchUp();
                    Plan p = assess(log, map, now);
                    if (p != null) {
                        due.add(p);
                    }
                } catch (IOException | RuntimeException e) {
                    failed(log, e);
                }
            }
            due.sort(Comparator.comparingDouble(Plan::dirtyRatio).reversed());
            int cleaned = 0;
            for (Plan p : due) {
                if (stopping) {
                    break;
                }
                try {
                    if (clean(p.log, p.map, now)) {
                        cleaned++;
                    }
                } catch (IOException | RuntimeException e) {
                    failed(p.log, e);
                }
            }
            return cleaned;
        } finally {
            running.unlock();
        }
    }

    private void failed(FileLog log, Exception e) {
        if (log.isOpen() && !stopping) {
            LOG.log(System.Logger.Level.WARNING, "cleaning " + log + " failed; it is tried again on the next run", e);
        }
    }

    /** The first offset the cleaner must not touch: the active segment or the first segment within the lag. */
    private static long cleanableEnd(List<Segment> segments, long firstDirty, LogConfig config, long now)
            throws IOException {
        long lag = config.minCompactionLagMs();
        for (int i = 0; i < segments.size() - 1; i++) {
            Segment s = segments.get(i);
            if (lag > 0 && s.baseOffset >= firstDirty && s.largestTimestamp() > now - lag) {
                return s.baseOffset;
            }
        }
        return segments.get(segments.size() - 1).baseOffset;
    }

    private static Plan assess(FileLog log, CleanerKeyMap map, long now) throws IOException {
        List<Segment> segments = log.segments();
        long start = log.logStartOffset();
        long firstDirty = Math.max(map.cleanedUpTo(), start);
        long end = cleanableEnd(segments, firstDirty, log.config(), now);
        long clean = 0;
        long dirty = 0;
        for (Segment s : segments) {
            if (s.baseOffset >= end) {
                break;
            }
            if (s.nextOffset() > start) {
                if (s.baseOffset >= firstDirty) {
                    dirty += s.size();
                } else {
                    clean += s.size();
                }
            }
        }
        double ratio = dirty + clean == 0 ? 0 : (double) dirty / (dirty + clean);
        boolean horizonDue = map.nextHorizonMs() <= now;
        boolean due = (dirty > 0 && ratio >= log.config().minCleanableDirtyRatio()) || horizonDue;
        return due ? new Plan(log, map, ratio) : null;
    }

    /** Cleans one partition; false when it had nothing to clean or changed under the cleaner. */
    private boolean clean(FileLog log, CleanerKeyMap map, long now) throws IOException {
        LogConfig config = log.config();
        map.catchUp();
        long start = log.logStartOffset();
        List<Segment> segments = log.segments();
        long end = cleanableEnd(segments, Math.max(map.cleanedUpTo(), start), config, now);
        List<Segment> cleanable = new ArrayList<>();
        for (Segment s : segments) {
            if (s.baseOffset >= end) {
                break;
            }
            if (s.nextOffset() > start || !cleanable.isEmpty()) {
                cleanable.add(s);
            }
        }
        if (cleanable.isEmpty()) {
            return false;
        }
        Map<Long, Long> producers = log.producerLastOffsets();
        SegmentRewriter rewriter = new SegmentRewriter(log.directory(), map, config, now, end, producers,
                () -> stopping);
        long in = 0;
        long out = 0;
        long removed = 0;
        int swapped = 0;
        for (List<Segment> group : group(cleanable, config, end)) {
            SegmentRewriter.Result r = rewriter.rewrite(group);
            long base = group.get(0).baseOffset;
            if (!r.changed) {
                SegmentSetSwap.discardCleaned(log.directory(), base);
                continue;
            }
            // the records that made the rewriter drop older ones must be on disk before those go
            log.flush(false);
            List<Long> bases = group.stream().map(s -> s.baseOffset).toList();
            SegmentSetSwap swap = new SegmentSetSwap(log.directory(), base, bases, crashAfterSwapOps);
            if (!log.replaceSegments(group, swap)) {
                SegmentSetSwap.discardCleaned(log.directory(), base);
                LOG.log(System.Logger.Level.DEBUG, () -> log + " changed while being cleaned; trying again later");
                return false;
            }
            map.removeTombstones(r.removedTombstones);
            in += r.bytesIn;
            out += r.bytesOut;
            removed += r.recordsRemoved;
            swapped += group.size();
        }
        map.saveCleanerState(end, rewriter.nextHorizonMs());
        map.pruneBelow(log.logStartOffset());
        if (swapped > 0) {
            long fin = in;
            long fout = out;
            long frem = removed;
            int fsw = swapped;
            LOG.log(System.Logger.Level.INFO, () -> log + ": compacted " + fsw + " segment(s) below offset " + end
                    + ", " + fin + " -> " + fout + " bytes, " + frem + " record(s) removed");
        }
        return true;
    }

    /**
     * Consecutive segments grouped so that each group fits one segment: total size within
     * {@code segment.bytes}, each index within {@code segment.index.bytes}, and every offset of the
     * group within 2^31 of its base (the next segment's base, or {@code end}, bounds the last offset).
     */
    static List<List<Segment>> group(List<Segment> segments, LogConfig config, long end) {
        List<List<Segment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            List<Segment> g = new ArrayList<>();
            Segment first = segments.get(i);
            g.add(first);
            long bytes = first.size();
            long index = (long) first.offsetIndex.count() * OffsetIndex.ENTRY_BYTES;
            long timeIndex = (long) first.timeIndex.count() * TimeIndex.ENTRY_BYTES;
            int j = i + 1;
            while (j < segments.size()) {
                Segment s = segments.get(j);
                long bound = (j + 1 < segments.size() ? segments.get(j + 1).baseOffset : end) - 1;
                long nextIndex = index + (long) s.offsetIndex.count() * OffsetIndex.ENTRY_BYTES;
                long nextTimeIndex = timeIndex + (long) s.timeIndex.count() * TimeIndex.ENTRY_BYTES;
                if (bytes + s.size() > config.segmentBytes() || nextIndex > config.segmentIndexBytes()
                        || nextTimeIndex > config.segmentIndexBytes() || bound - first.baseOffset > Integer.MAX_VALUE) {
                    break;
                }
                g.add(s);
                bytes += s.size();
                index = nextIndex;
                timeIndex = nextTimeIndex;
                j++;
            }
            groups.add(g);
            i = j;
        }
        return groups;
    }
}
