package io.sluice.storage;

import java.io.IOException;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps a {@link FileLog}'s active segment, the one appends go to, and starts a new one when it
 * is due: when the active segment would pass {@code segment.bytes}, is older than
 * {@code segment.ms}, has a full index ({@code segment.index.bytes}), or cannot address a
 * request's offsets relative to its base; and when retention deletes every segment.
 *
 * <p>Thread-safety: {@link #maybeRoll} and {@link #roll} require the log's append lock, which
 * serializes every change of the active segment. {@link #active} may be read from any thread
 * without a lock (volatile): readers use it to serve fetches at the log end.
 */
final class SegmentRoller {

    // the log's logger, so that logging configured for FileLog still covers rolls
    private static final System.Logger LOG = System.getLogger(FileLog.class.getName());

    private final FileLog log;
    private final ConcurrentSkipListMap<Long, Segment> segments;
    private final LogFlusher flusher;
    private volatile Segment active;

    /** @param active the newest segment of {@code segments} */
    SegmentRoller(FileLog log, ConcurrentSkipListMap<Long, Segment> segments, LogFlusher flusher, Segment active) {
        this.log = log;
        this.segments = segments;
        this.flusher = flusher;
        this.active = active;
    }

    Segment active() {
        return active;
    }

    /**
     * Holding the append lock, before writing {@code bytes} of batches whose last offset is
     * {@code lastOffset}: the segment to write them to, rolled if due. An empty active segment
     * never rolls.
     */
    Segment maybeRoll(LogConfig cfg, int bytes, long lastOffset, long now) throws IOException {
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
    Segment roll(String why) throws IOException {
        long base = log.logEndOffset();
        Segment rolled = Segment.create(log.directory(), base);
        active.seal();
        segments.put(base, rolled);
        active = rolled;
        flusher.filesAdded();
        LOG.log(System.Logger.Level.DEBUG, () -> log.name() + ": rolled to segment " + Segment.name(base)
                + " (" + why + ")");
        return rolled;
    }
}
