package io.sluice.storage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The read side of a {@link FileLog}: fetch slices and timestamp look-ups over its segment map.
 *
 * <p>Thread-safety: takes no lock. It reads the log's volatile end offset, then the concurrent
 * segment map, then a segment's volatile committed size, so it sees only whole batches whose
 * append completed. A segment that leaves the log while being read (retention, compaction)
 * keeps its channel open for the store's {@code file.delete.delay.ms}; a read that meets it
 * closed anyway looks the offset up again in the current map. A read that finds no batch at or
 * after its offset in a segment moves to the next segment only if the one it read is still in the
 * map; otherwise it looks the offset up again too, since compaction puts the merged segment at the
 * base of the first segment it replaces, so the old segments' successor in the map may lie past
 * records the merged segment still holds ({@link SegmentRemover#replaceSegments} installs the
 * merged segment before it removes the old ones, oldest first, so that the map never lacks a
 * retained record and a segment still in it has its true successor after it).
 */
final class LogReader {

    private final FileLog log;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    /**
     * Test hook: runs when a read found no batch ending at or after its offset in the segment it
     * looked at, before it looks for the segment that follows (null: none).
     */
    volatile Runnable onSegmentMiss;

    LogReader(FileLog log, ConcurrentSkipListMap<Long, Segment> segments) {
        this.log = log;
        this.segments = segments;
    }

    LogSlice read(long offset, int maxBytes, boolean minOneBatch) throws IOException {
        log.ensureOpen();
        long end = log.logEndOffset();
        long start = log.logStartOffset();
        if (offset < start || offset > end) {
            throw outOfRange(offset, start, end);
        }
        if (offset == end) {
            Segment a = log.activeSegment();
            return new LogSlice(a.channel(), a.size(), 0);
        }
        Map.Entry<Long, Segment> e = segments.floorEntry(offset);
        if (e == null) {
            throw outOfRange(offset, log.logStartOffset(), log.logEndOffset());
        }
        Segment seg = e.getValue();
        int retries = 0;
        while (true) {
            LogSlice slice;
            try {
                slice = seg.read(offset, maxBytes, minOneBatch);
            } catch (ClosedChannelException ex) {
                log.ensureOpen();
                if (seg.isClosed() && offset < log.logStartOffset()) {
                    throw outOfRange(offset, log.logStartOffset(), log.logEndOffset());
                }
                // a segment that left the log (compaction, retention) after we found it: look again
                Map.Entry<Long, Segment> again = segments.floorEntry(offset);
                if (!seg.isClosed() || again == null || again.getValue() == seg || ++retries > 3) {
                    throw ex;
                }
                seg = again.getValue();
                continue;
            }
            if (slice != null) {
                return slice;
            }
            // the offset lies past this segment's batches: in a gap, or in the next segment
            Runnable hook = onSegmentMiss;
            if (hook != null) {
                hook.run();
            }
            Map.Entry<Long, Segment> higher = segments.higherEntry(seg.baseOffset);
            // checked after the look-up: a segment never returns to the map, so if seg is still
            // in it now, it was when higherEntry ran, and higher is then its true successor
            if (segments.get(seg.baseOffset) != seg) {
                // seg left the log while we read it. Compaction may have merged it with the
                // segments after it into one at a base at or below seg's, so the segment after
                // seg's base may lie past retained records: look the offset up again instead
                Map.Entry<Long, Segment> again = segments.floorEntry(offset);
                if (again == null) {
                    throw outOfRange(offset, log.logStartOffset(), log.logEndOffset());
                }
                seg = again.getValue();
                continue;
            }
            if (higher == null) {
                return new LogSlice(seg.channel(), seg.size(), 0);
            }
            seg = higher.getValue();
        }
    }

    private OffsetOutOfRangeException outOfRange(long offset, long start, long end) {
        return new OffsetOutOfRangeException("offset " + offset + " is out of range for " + log.name()
                + ": valid offsets are " + start + " to " + end);
    }

    Optional<OffsetAndTimestamp> offsetForTimestamp(long timestamp) throws IOException {
        log.ensureOpen();
        long start = log.logStartOffset();
        for (Segment s : segments.values()) {
            if (s.nextOffset() <= start || s.maxTimestamp().timestamp() < timestamp) {
                continue;
            }
            OffsetAndTimestamp found = s.findByTimestamp(timestamp, start);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /**
     * The record with the greatest timestamp, as {@link PartitionLog#maxTimestamp()}.
     *
     * <p>Of records sharing the greatest timestamp, the first. For batches the JDK cannot
     * decompress (snappy, lz4, zstd) the offset is the batch's base offset. Segments wholly
     * below the log start offset are not considered; a record below it that shares a batch
     * with later ones still is (as in Kafka).
     */
    Optional<OffsetAndTimestamp> maxTimestamp() throws IOException {
        log.ensureOpen();
        Segment best = null;
        long bestTs = Long.MIN_VALUE;
        long start = log.logStartOffset();
        for (Segment s : segments.values()) {
            Segment.MaxTimestamp m = s.maxTimestamp();
            if (s.nextOffset() > start && m != Segment.MaxTimestamp.NONE && (best == null || m.timestamp() > bestTs)) {
                best = s;
                bestTs = m.timestamp();
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.maxTimestampRecord());
    }
}
