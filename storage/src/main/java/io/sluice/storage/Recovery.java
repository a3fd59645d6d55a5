package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Validates a segment batch by batch after an unclean stop, cuts it at the first batch that is
 * torn or corrupt and rebuilds its indexes from the batches that remain.
 *
 * <p>A batch is valid when its header is complete, its length is sane and lies within the file,
 * its magic is 2, its CRC-32C matches, and its base offset is not below the end of the batch
 * before it. Everything after the first invalid batch is dropped: a crash tears only the tail,
 * and bytes after a bad batch cannot be trusted to be batches at all.
 *
 * <p>Runs while the log is being opened, before anyone else can see the segment; not thread-safe.
 */
final class Recovery {

    /** What a segment scan found. */
    record Result(long nextOffset, int validBytes, long truncatedBytes, String reason) {
        boolean truncated() {
            return truncatedBytes > 0;
        }
    }

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocate(64 * 1024);

    /**
     * Scans {@code segment} from its start and truncates it after its last valid batch.
     *
     * @param minBaseOffset the lowest base offset its first batch may have (the end of the
     *                      segment before it)
     */
    Result recover(Segment segment, long minBaseOffset, int indexIntervalBytes) throws IOException {
        segment.resetForRecovery();
        FileChannel ch = segment.channel();
        long fileSize = ch.size();
        long next = Math.max(minBaseOffset, segment.baseOffset);
        int pos = 0;
        String reason = null;
        while (pos < fileSize) {
            reason = check(ch, pos, fileSize, next, segment.baseOffset);
            if (reason != null) {
                break;
            }
            int size = BatchHeader.sizeInBytes(buf, 0);
            segment.onBatch(BatchHeader.baseOffset(buf, 0), pos, size, BatchHeader.maxTimestamp(buf, 0),
                    indexIntervalBytes);
            next = BatchHeader.lastOffset(buf, 0) + 1;
            pos += size;
        }
        long truncated = fileSize - pos;
        if (truncated > 0) {
            segment.truncateFile(pos);
        }
        segment.completeLoad(pos, next);
        return new Result(next, pos, truncated, reason);
    }

    /** Reads the batch at {@code pos} into {@link #buf}; returns why it is invalid, or null. */
    private String check(FileChannel ch, int pos, long fileSize, long minBase, long segmentBase) throws IOException {
        long left = fileSize - pos;
        if (left < BatchHeader.HEADER_SIZE) {
            return "torn batch header (" + left + " bytes)";
        }
        Segment.readFully(ch, buf, pos, BatchHeader.HEADER_SIZE);
        int batchLength = buf.getInt(BatchHeader.BATCH_LENGTH);
        if (batchLength < BatchHeader.MIN_BATCH_LENGTH) {
            return "batchLength " + batchLength + " below the minimum";
        }
        int size = batchLength + BatchHeader.LOG_OVERHEAD;
        if (size > left) {
            return "torn batch (" + size + " bytes declared, " + left + " in the file)";
        }
        if (BatchHeader.magic(buf, 0) != BatchHeader.MAGIC_V2) {
            return "magic " + BatchHeader.magic(buf, 0);
        }
        long base = BatchHeader.baseOffset(buf, 0);
        int delta = BatchHeader.lastOffsetDelta(buf, 0);
        if (base < minBase || delta < 0) {
            return "offset " + base + " (+" + delta + ") does not follow " + (minBase - 1);
        }
        if (base + delta - segmentBase > Integer.MAX_VALUE) {
            return "offset " + (base + delta) + " too far above the segment's base " + segmentBase;
        }
        if (buf.capacity() < size) {
            buf = ByteBuffer.allocate(Math.max(size, buf.capacity() * 2));
        }
        Segment.readFully(ch, buf, pos, size);
        if (BatchHeader.computeCrc(buf, 0, size, crc) != BatchHeader.crc(buf, 0)) {
            return "CRC-32C mismatch in batch at offset " + base;
        }
        return null;
    }
}
