package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One cleaning pass over a compacted partition: rewrites groups of closed segments into
 * {@code OFFSET20.*.cleaned} files ({@link SegmentSetSwap} installs them), keeping per key only
 * the latest record as the {@link CleanerKeyMap} knows it.
 *
 * <p>Per batch, with Kafka's rules:
 * <ul>
 * <li>control and transactional batches (none are written yet) and batches the JDK cannot
 *     decode (snappy, lz4, zstd) are copied unchanged;</li>
 * <li>a record is dropped when it has no key (Kafka's cleaner drops those too), or when the key
 *     index holds a later record of its key (the cleaner forces the log to disk before it swaps
 *     the result in, so a record is never dropped for one that a crash could still take away);</li>
 * <li>a tombstone (null value) stays until its batch's delete horizon has passed: the first pass
 *     that keeps a tombstone stamps its batch with {@code now + delete.retention.ms} (attribute
 *     bit 6, base timestamp = horizon); a later pass after that time drops it, unless an
 *     undecodable batch came before it in this pass (it might hold an older value of the key,
 *     which the tombstone must keep hiding);</li>
 * <li>a batch left without records is dropped, except the last batch of a producer the log
 *     still tracks (kept header-only so the producer's sequence and epoch survive) and the batch
 *     that ends at the pass's upper bound (kept so that a fetch in the gap before the active
 *     segment still gets a batch to move past; Kafka keeps both too);</li>
 * <li>a batch that keeps all its records and needs no horizon is copied byte for byte; any
 *     other is rebuilt by {@link BatchRecords#rebuild}, keeping its offsets.</li>
 * </ul>
 *
 * <p>Thread-safety: one instance per pass, used by the cleaner thread only. The source segments
 * are closed (no appends); if one is deleted meanwhile its read fails and the pass stops.
 */
final class SegmentRewriter {

    private static final int READ_BUFFER_BYTES = 1 << 20;
    private static final int WRITE_BUFFER_BYTES = 1 << 20;

    /** What rewriting one group produced. */
    static final class Result {
        boolean changed;
        long bytesIn;
        long bytesOut;
        long recordsRemoved;
        final List<BatchRecords.Record> removedTombstones = new ArrayList<>();
    }

    private final Path dir;
    private final CleanerKeyMap map;
    private final LogConfig config;
    private final long now;
    private final long upperBound;
    private final Map<Long, Long> producerLastOffsets;
    private final BooleanSupplier stopping;
    private boolean seenUndecodable;
    private long nextHorizonMs = Long.MAX_VALUE;
    private ByteBuffer readBuf = ByteBuffer.allocate(READ_BUFFER_BYTES);

    /**
     * @param upperBound          the first offset not cleaned in this pass
     * @param producerLastOffsets per producer id, the last offset of its last batch
     */
    SegmentRewriter(Path dir, CleanerKeyMap map, LogConfig config, long now, long upperBound,
                    Map<Long, Long> producerLastOffsets, BooleanSupplier stopping) {
        this.dir = dir;
        this.map = map;
        this.config = config;
        this.now = now;
        this.upperBound = upperBound;
        this.producerLastOffsets = producerLastOffsets;
        this.stopping = stopping;
    }

    /** The earliest future delete horizon of a tombstone kept so far in this pass, or {@link Long#MAX_VALUE}. */
    long nextHorizonMs() {
        return nextHorizonMs;
    }

    /**
     * Writes the cleaned form of {@code group} (consecutive closed segments) to
     * {@code FIRST_BASE.*.cleaned}, forced to disk. On failure the cleaned files are removed.
     */
    Result rewrite(List<Segment> group) throws IOException {
        long base = group.get(0).baseOffset;
        Result result = new Result();
        Segment out = Segment.create(dir, base, SegmentSetSwap.CLEANED_SUFFIX);
        boolean ok = false;
        try {
            Output o = new Output(out);
            for (Segment seg : group) {
                result.bytesIn += seg.size();
                copySegment(seg, o, result);
            }
            o.drain();
            out.seal();
            out.flush();
            result.bytesOut = out.size();
            if (group.size() > 1) {
                result.changed = true; // merged: the segment set changes even if no record does
            }
            ok = true;
            return result;
        } finally {
            out.closeQuietly();
            if (!ok) {
                SegmentSetSwap.discardCleaned(dir, base);
            }
        }
    }

    private void copySegment(Segment seg, Output out, Result result) throws IOException {
        FileChannel ch = seg.channel();
        int end = seg.size();
        int pos = 0;
        while (pos < end) {
            if (stopping.getAsBoolean()) {
                throw new IOException("the cleaner is stopping");
            }
            int want = Math.min(readBuf.capacity(), end - pos);
            Segment.readFully(ch, readBuf, pos, want);
            int at = 0;
            while (at + BatchHeader.LOG_OVERHEAD <= want && at + BatchHeader.sizeInBytes(readBuf, at) <= want) {
                int size = BatchHeader.sizeInBytes(readBuf, at);
                ByteBuffer kept = filter(readBuf, at, size, result);
                if (kept != null) {
                    out.add(kept);
                }
                at += size;
            }
            if (at == 0) {
                // one batch larger than the buffer: grow it to that batch and read again
                int size = BatchHeader.sizeInBytes(readBuf, 0);
                if (size <= readBuf.capacity() || size > end - pos) {
                    throw new IOException(seg + ": batch at byte " + pos + " claims " + size + " bytes");
                }
                readBuf = ByteBuffer.allocate(size);
                continue;
            }
            pos += at;
        }
        if (readBuf.capacity() > READ_BUFFER_BYTES) {
            readBuf = ByteBuffer.allocate(READ_BUFFER_BYTES);
        }
    }

    /** The batch at {@code buf[at, at + size)} as it goes to the cleaned segment, or null to drop it. */
    private ByteBuffer filter(ByteBuffer buf, int at, int size, Result result) {
        ByteBuffer original = buf.slice(at, size);
        if (BatchHeader.isControl(buf, at) || BatchRecords.isTransactional(buf, at)) {
            return original; // transactions are not supported yet; keep their batches whole
        }
        if (!BatchRecords.decodable(buf, at)) {
            map.warnUndecodable(BatchHeader.compression(buf, at));
            seenUndecodable = true;
            return original;
        }
        List<BatchRecords.Record> records;
        try {
            records = BatchRecords.decode(buf, at);
        } catch (IOException e) {
            seenUndecodable = true; // unknown keys, as for a codec we cannot read
            return original;
        }
        long[] latest = map.latest(records);
        boolean hasHorizon = BatchRecords.hasDeleteHorizon(buf, at);
        long horizon = hasHorizon ? BatchHeader.baseTimestamp(buf, at) : -1;
        List<BatchRecords.Record> kept = new ArrayList<>(records.size());
        boolean keptTombstone = false;
        for (int i = 0; i < records.size(); i++) {
            BatchRecords.Record r = records.get(i);
            if (!r.hasKey() || superseded(r, latest[i])) {
                continue;
            }
            if (r.isTombstone()) {
                if (hasHorizon && now >= horizon && !seenUndecodable) {
                    result.removedTombstones.add(r);
                    continue;
                }
                keptTombstone = true;
            }
            kept.add(r);
        }
        boolean stamp = keptTombstone && !hasHorizon;
        long batchHorizon = stamp ? now + config.deleteRetentionMs() : horizon;
        if (keptTombstone && batchHorizon > now) {
            nextHorizonMs = Math.min(nextHorizonMs, batchHorizon);
        }
        if (kept.size() == records.size() && !stamp) {
            return original;
        }
        result.changed = true;
        result.recordsRemoved += records.size() - kept.size();
        if (kept.isEmpty()) {
            long pid = BatchHeader.producerId(buf, at);
            long lastOffset = BatchHeader.lastOffset(buf, at);
            Long producersLast = pid >= 0 ? producerLastOffsets.get(pid) : null;
            boolean retain = lastOffset + 1 == upperBound || (producersLast != null && producersLast == lastOffset);
            return retain ? BatchRecords.rebuild(buf, at, kept, -1) : null;
        }
        return BatchRecords.rebuild(buf, at, kept, stamp ? batchHorizon : -1);
    }

    private boolean superseded(BatchRecords.Record r, long entry) {
        if (entry == CleanerKeyMap.ABSENT) {
            return false;
        }
        long latestOffset = entry < 0 ? -(entry + 1) : entry;
        return latestOffset > r.offset;
    }

    /** Buffers cleaned batches and appends them to the segment in large writes, indexing each. */
    private final class Output {
        private final Segment seg;
        private final ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        /** Per buffered batch: base offset, position in buf, size, max timestamp, last offset. */
        private final List<long[]> batches = new ArrayList<>();

        Output(Segment seg) {
            this.seg = seg;
        }

        void add(ByteBuffer batch) throws IOException {
            int size = batch.remaining();
            if (size > buf.remaining()) {
                drain();
            }
            if (size > buf.capacity()) {
                write(batch.duplicate(), List.of(describe(batch, 0)));
                return;
            }
            batches.add(describe(batch, buf.position()));
            buf.put(batch.duplicate());
        }

        private long[] describe(ByteBuffer batch, int position) {
            int p = batch.position();
            return new long[] {BatchHeader.baseOffset(batch, p), position, batch.remaining(),
                    BatchHeader.maxTimestamp(batch, p), BatchHeader.lastOffset(batch, p)};
        }

        void drain() throws IOException {
            if (buf.position() > 0) {
                buf.flip();
                write(buf, batches);
                buf.clear();
                batches.clear();
            }
        }

        private void write(ByteBuffer src, List<long[]> described) throws IOException {
            int start = seg.size();
            int from = src.position();
            int to = src.limit();
            seg.write(src, from, to);
            long next = seg.nextOffset();
            for (long[] b : described) {
                seg.onBatch(b[0], start + (int) b[1], (int) b[2], b[3], config.indexIntervalBytes());
                next = b[4] + 1;
            }
            seg.commit(start + (to - from), next, now);
        }
    }
}
