package io.sluice.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One segment of a partition log: a file of whole v2 record batches plus its sparse offset and
 * time indexes.
 *
 * <p>On disk, in the partition directory, named by the segment's base offset as 20 zero-padded
 * digits: {@code OFFSET20.log} (batches back to back, exactly as appended, base offsets rewritten),
 * {@code OFFSET20.index} ({@link OffsetIndex}) and {@code OFFSET20.timeindex} ({@link TimeIndex}).
 *
 * <p>Thread-safety: one appender at a time (the owning log's append lock) calls {@link #write},
 * {@link #onBatch} and {@link #commit}; readers never lock. Bytes become visible to readers only
 * through the volatile committed {@link #size()}, published after they were written and indexed,
 * so a reader that reads the size first never sees a partial batch. Flushing and closing happen
 * under the owning log's flush lock. Positional I/O only: the channel's own position is unused.
 *
 * <p>An interrupted thread doing I/O closes a {@link FileChannel} for everyone; the segment
 * reopens its file when it notices, so one interrupted caller does not break the partition.
 */
final class Segment {

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";

    /** The greatest batch max timestamp in the segment and the base offset of the batch holding it. */
    record MaxTimestamp(long timestamp, long offset) {
        static final MaxTimestamp NONE = new MaxTimestamp(Long.MIN_VALUE, -1);
    }

    final long baseOffset;
    final OffsetIndex offsetIndex;
    final TimeIndex timeIndex;
    private final Path logFile;
    private volatile FileChannel channel;
    private volatile int size;
    private volatile long nextOffset;
    private volatile MaxTimestamp max = MaxTimestamp.NONE;
    private volatile long firstAppendMs = -1;
    private volatile boolean closed;
    /** Set once the files were renamed away (deletion, compaction): the channel must never be reopened by path. */
    private volatile boolean retired;
    // appender-only state, published through commit()
    private long pendingMaxTimestamp = Long.MIN_VALUE;
    private long pendingMaxOffset = -1;
    private int bytesSinceIndexEntry;

    private Segment(Path dir, long baseOffset, FileChannel channel, String extraSuffix) throws IOException {
        this.baseOffset = baseOffset;
        this.logFile = file(dir, baseOffset, LOG_SUFFIX + extraSuffix);
        this.channel = channel;
        this.offsetIndex = new OffsetIndex(file(dir, baseOffset, INDEX_SUFFIX + extraSuffix), baseOffset);
        this.timeIndex = new TimeIndex(file(dir, baseOffset, TIME_INDEX_SUFFIX + extraSuffix), baseOffset);
        this.nextOffset = baseOffset;
        long fileSize = channel.size();
        if (fileSize > Integer.MAX_VALUE) {
            channel.close();
            throw new IOException(logFile + " is larger than 2 GiB, which no segment may be");
        }
        this.size = (int) fileSize;
    }

    /** A new empty segment; leftovers of an older segment with the same base are discarded. */
    static Segment create(Path dir, long baseOffset) throws IOException {
        return create(dir, baseOffset, "");
    }

    /**
     * A new empty segment whose three files carry {@code extraSuffix} after their usual names
     * (the cleaner writes {@code OFFSET20.log.cleaned} and so on, see {@link SegmentSetSwap}).
     */
    static Segment create(Path dir, long baseOffset, String extraSuffix) throws IOException {
        FileChannel ch = FileChannel.open(file(dir, baseOffset, LOG_SUFFIX + extraSuffix), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        Segment s = new Segment(dir, baseOffset, ch, extraSuffix);
        s.offsetIndex.deleteFile();
        s.timeIndex.deleteFile();
        return s;
    }

    /** An existing segment file, not yet loaded: call {@link #loadTrusted} or recover it. */
    static Segment open(Path dir, long baseOffset) throws IOException {
        FileChannel ch = FileChannel.open(file(dir, baseOffset, LOG_SUFFIX), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new Segment(dir, baseOffset, ch, "");
    }

    static Path file(Path dir, long baseOffset, String suffix) {
        return dir.resolve(name(baseOffset) + suffix);
    }

    static String name(long baseOffset) {
        String digits = Long.toString(baseOffset);
        return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
    }

    /** The base offset a segment file name stands for, or -1 when it is not {@code OFFSET20 + suffix}. */
    static long parseBaseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Committed bytes: whole batches readers may see. */
    int size() {
        return size;
    }

    /** The offset after the last committed batch; the base offset when empty. */
    long nextOffset() {
        return nextOffset;
    }

    MaxTimestamp maxTimestamp() {
        return max;
    }

    /**
     * Wall-clock time of the first append, or -1 while empty. For a segment loaded from disk,
     * its file's mtime, which makes segment.ms roll it late rather than early.
     */
    long firstAppendMs() {
        return firstAppendMs;
    }

    FileChannel channel() {
        return channel;
    }

    Path logFile() {
        return logFile;
    }

    /** The log file and both index files, whether or not the index files exist yet. */
    List<Path> files() {
        return List.of(logFile, offsetIndex.file(), timeIndex.file());
    }

    /**
     * The timestamp retention.ms compares with, as Kafka: the greatest record timestamp, or the
     * file's mtime when no batch carries a timestamp (all -1) or the segment is empty.
     */
    long largestTimestamp() throws IOException {
        long ts = max.timestamp();
        return ts >= 0 ? ts : Files.getLastModifiedTime(logFile).toMillis();
    }

    // ---------------------------------------------------------------- append (owning log's append lock)

    /**
     * Writes bytes {@code [from, to)} of {@code src} after the committed end. Readers do not see
     * them before {@link #commit}. On failure the file is cut back to the committed size.
     */
    void write(ByteBuffer src, int from, int to) throws IOException {
        FileChannel ch = channel;
        long at = size;
        src.limit(to).position(from);
        try {
            while (src.hasRemaining()) {
                ch.write(src, at + (src.position() - from));
            }
        } catch (IOException e) {
            cutBackAfterFailedWrite(ch, e);
            throw e;
        }
    }

    /** Indexes one batch just written at {@code position} (or found valid by recovery). */
    void onBatch(long batchBaseOffset, int position, int batchSize, long batchMaxTimestamp, int indexIntervalBytes) {
        if (batchMaxTimestamp > pendingMaxTimestamp) {
            pendingMaxTimestamp = batchMaxTimestamp;
            pendingMaxOffset = batchBaseOffset;
        }
        if (bytesSinceIndexEntry >= indexIntervalBytes) {
            offsetIndex.append(batchBaseOffset, position);
            // the time entry covers every batch up to this indexed one, which load() relies on
            timeIndex.maybeAppend(pendingMaxTimestamp, pendingMaxOffset);
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += batchSize;
    }

    /** Publishes the bytes written so far: readers see batches up to {@code newSize} from now on. */
    void commit(int newSize, long newNextOffset, long nowMs) {
        if (firstAppendMs < 0) {
            firstAppendMs = nowMs;
        }
        if (pendingMaxTimestamp > max.timestamp()) {
            max = new MaxTimestamp(pendingMaxTimestamp, pendingMaxOffset);
        }
        nextOffset = newNextOffset;
        size = newSize;
    }

    /** Called when the segment stops being active: makes the last time index entry hold the maximum. */
    void seal() {
        MaxTimestamp m = max;
        if (m != MaxTimestamp.NONE) {
            timeIndex.maybeAppend(m.timestamp(), m.offset());
        }
    }

    private void cutBackAfterFailedWrite(FileChannel failed, IOException cause) {
        // an interrupted appender would close the fresh channel again: clear the flag while repairing
        boolean interrupted = Thread.interrupted();
        try {
            reopenIfClosed(failed);
            channel.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- loading and recovery (log opening only)

    /**
     * Loads the index files of a segment whose data is trusted (clean shutdown, or fully below
     * the recovery point) and reads the batch headers after the last index entry to learn the
     * next offset and the maximum timestamp.
     *
     * @return false when an index is missing or inconsistent or the tail does not parse; the
     *         caller must then recover the segment
     */
    boolean loadTrusted(int indexIntervalBytes) throws IOException {
        int end = size;
        if (!offsetIndex.load(end) || !timeIndex.load(end)) {
            return false;
        }
        int pos = offsetIndex.lastPosition();
        long next = offsetIndex.count() > 0 ? offsetIndex.lastOffset() : baseOffset;
        long maxTs = timeIndex.lastTimestamp();
        long maxOffset = timeIndex.lastOffset();
        ByteBuffer hdr = ByteBuffer.allocate(BatchHeader.HEADER_SIZE);
        boolean mustMatchIndex = offsetIndex.count() > 0;
        while (pos < end) {
            if (end - pos < BatchHeader.HEADER_SIZE) {
                return false;
            }
            readFully(channel, hdr, pos, BatchHeader.HEADER_SIZE);
            int batchSize = BatchHeader.sizeInBytes(hdr, 0);
            long batchBase = BatchHeader.baseOffset(hdr, 0);
            int delta = BatchHeader.lastOffsetDelta(hdr, 0);
            if (batchSize < BatchHeader.HEADER_SIZE || batchSize > end - pos || delta < 0
                    || BatchHeader.magic(hdr, 0) != BatchHeader.MAGIC_V2 || batchBase < next
                    || (mustMatchIndex && batchBase != next)) {
                // the last index entry must point at the batch it names, or the index is not to be trusted
                return false;
            }
            mustMatchIndex = false;
            long batchMax = BatchHeader.maxTimestamp(hdr, 0);
            if (batchMax > maxTs) {
                maxTs = batchMax;
                maxOffset = batchBase;
            }
            next = batchBase + delta + 1;
            pos += batchSize;
        }
        if (timeIndex.lastOffset() >= next) {
            return false;
        }
        pendingMaxTimestamp = maxTs;
        pendingMaxOffset = maxOffset;
        bytesSinceIndexEntry = end - (offsetIndex.count() > 0 ? offsetIndex.lastPosition() : 0);
        completeLoad(end, next);
        return true;
    }

    /** Forgets the indexes before recovery re-adds every valid batch through {@link #onBatch}. */
    void resetForRecovery() {
        offsetIndex.clear();
        timeIndex.clear();
        pendingMaxTimestamp = Long.MIN_VALUE;
        pendingMaxOffset = -1;
        bytesSinceIndexEntry = 0;
        max = MaxTimestamp.NONE;
    }

    /** Cuts the file at {@code position} (recovery of a torn or corrupt tail). */
    void truncateFile(int position) throws IOException {
        channel.truncate(position);
        channel.force(true);
        size = position;
    }

    /** Publishes the state found by loading or recovery. */
    void completeLoad(int newSize, long newNextOffset) throws IOException {
        commit(newSize, newNextOffset, -1);
        // the file's mtime is the last append, so the segment is at least that old: segment.ms
        // may roll it late after a restart, never early
        firstAppendMs = newSize == 0 ? -1 : Files.getLastModifiedTime(logFile).toMillis();
    }

    // ---------------------------------------------------------------- reads (any thread)

    /**
     * Whole batches starting with the committed batch that holds {@code offset}: at most
     * {@code maxBytes}, or exactly one batch when that alone is larger and {@code minOneBatch}.
     *
     * @return null when no committed batch of this segment ends at or after {@code offset}
     */
    LogSlice read(long offset, int maxBytes, boolean minOneBatch) throws IOException {
        int end = size;
        FileChannel ch = channel;
        try {
            ByteBuffer hdr = ByteBuffer.allocate(BatchHeader.HEADER_SIZE);
            int pos = offsetIndex.floorPosition(offset, end);
            int first = -1;
            int firstSize = 0;
            while (pos < end) {
                readFully(ch, hdr, pos, BatchHeader.LAST_OFFSET_DELTA + 4);
                int batchSize = BatchHeader.sizeInBytes(hdr, 0);
                if (BatchHeader.lastOffset(hdr, 0) >= offset) {
                    first = pos;
                    firstSize = batchSize;
                    break;
                }
                pos += batchSize;
            }
            if (first < 0) {
                return null;
            }
            if (firstSize > maxBytes) {
                return new LogSlice(ch, first, minOneBatch ? firstSize : 0);
            }
            long limit = Math.min(end, (long) first + maxBytes);
            int p = first + firstSize;
            // every indexed position is a batch start, so all bytes before it are whole batches
            int jump = offsetIndex.floorPositionOfPosition(limit);
            if (jump > p) {
                p = jump;
            }
            while (p < limit) {
                readFully(ch, hdr, p, BatchHeader.LOG_OVERHEAD);
                int batchSize = BatchHeader.sizeInBytes(hdr, 0);
                if (p + (long) batchSize > limit) {
                    break;
                }
                p += batchSize;
            }
            return new LogSlice(ch, first, p - first);
        } catch (ClosedChannelException e) {
            reopenIfClosed(ch);
            throw e;
        }
    }

    /**
     * The first committed record with timestamp {@code >= target} and offset {@code >= minOffset},
     * or null when this segment has none.
     */
    OffsetAndTimestamp findByTimestamp(long target, long minOffset) throws IOException {
        int end = size;
        FileChannel ch = channel;
        try {
            long from = timeIndex.offsetBefore(target);
            int pos = Math.max(from < 0 ? 0 : offsetIndex.floorPosition(from, end),
                    offsetIndex.floorPosition(minOffset, end));
            ByteBuffer hdr = ByteBuffer.allocate(BatchHeader.HEADER_SIZE);
            while (pos < end) {
                readFully(ch, hdr, pos, BatchHeader.HEADER_SIZE);
                int batchSize = BatchHeader.sizeInBytes(hdr, 0);
                if (BatchHeader.maxTimestamp(hdr, 0) >= target && BatchHeader.lastOffset(hdr, 0) >= minOffset) {
                    ByteBuffer batch = ByteBuffer.allocate(batchSize);
                    readFully(ch, batch, pos, batchSize);
                    OffsetAndTimestamp found = RecordScanner.firstAtOrAfter(batch, target, minOffset);
                    if (found != null) {
                        return found;
                    }
                }
                pos += batchSize;
            }
            return null;
        } catch (ClosedChannelException e) {
            reopenIfClosed(ch);
            throw e;
        }
    }

    /** The first record carrying this segment's greatest timestamp, or null when the segment is empty. */
    OffsetAndTimestamp maxTimestampRecord() throws IOException {
        MaxTimestamp m = max;
        if (m == MaxTimestamp.NONE) {
            return null;
        }
        OffsetAndTimestamp found = findByTimestamp(m.timestamp(), m.offset());
        return found != null ? found : new OffsetAndTimestamp(m.offset(), m.timestamp());
    }

    /** Reads {@code length} bytes at {@code position} into {@code buf} from index 0 and flips it. */
    static void readFully(FileChannel ch, ByteBuffer buf, long position, int length) throws IOException {
        buf.clear().limit(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new EOFException("segment file ended at " + (position + buf.position()) + " while reading "
                        + length + " bytes at " + position);
            }
        }
        buf.flip();
    }

    // ---------------------------------------------------------------- flush, close, delete (flush lock)

    /** Forces the log file and writes and forces the index entries the index files lack. */
    void flush() throws IOException {
        FileChannel ch = channel;
        try {
            ch.force(false);
        } catch (ClosedChannelException e) {
            reopenIfClosed(ch);
            throw e;
        }
        flushIndexes();
    }

    /** Writes and forces the index entries the index files lack; a no-op when there are none. */
    void flushIndexes() throws IOException {
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Releases the file; cuts off any bytes past the committed size a failed write left behind. */
    void close() throws IOException {
        closed = true;
        FileChannel ch = channel;
        try {
            if (ch.isOpen() && ch.size() > size) {
                ch.truncate(size);
            }
        } finally {
            ch.close();
        }
    }

    /** Releases the file without touching it (crash simulation, topic deletion). */
    void closeQuietly() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a file being abandoned
        }
    }

    /** Closes and removes the segment's files. Reads and sends in flight on it fail. */
    void delete() throws IOException {
        closeQuietly();
        Files.deleteIfExists(logFile);
        offsetIndex.deleteFile();
        timeIndex.deleteFile();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Marks the segment's files as renamed away: reads may go on through the open channel until
     * it is closed, but an interrupt-closed channel is no longer reopened by path (the path may
     * name another segment's file by now).
     */
    void retire() {
        retired = true;
    }

    private synchronized void reopenIfClosed(FileChannel failed) {
        if (!closed && !retired && channel == failed && !failed.isOpen()) {
            try {
                channel = FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                System.getLogger(Segment.class.getName()).log(System.Logger.Level.ERROR,
                        "cannot reopen " + logFile + " after its channel was closed by an interrupt", e);
            }
        }
    }

    @Override
    public String toString() {
        return logFile.toString();
    }
}
