package io.sluice.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads, checks and patches the header of a Kafka v2 record batch ("magic 2") that sits at an
 * absolute position in a big-endian {@link ByteBuffer}.
 *
 * <p>Layout (offsets from the batch start, big-endian):
 * <pre>
 *  0 baseOffset int64          27 baseTimestamp int64
 *  8 batchLength int32         35 maxTimestamp int64
 * 12 partitionLeaderEpoch int32 43 producerId int64
 * 16 magic int8 (= 2)          51 producerEpoch int16
 * 17 crc uint32 (CRC-32C of    53 baseSequence int32
 *    bytes 21..end)            57 recordsCount int32
 * 21 attributes int16          61 records...
 * 23 lastOffsetDelta int32
 * </pre>
 * The whole batch is {@code batchLength + 12} bytes. Attributes: bits 0-2 compression codec,
 * bit 3 timestamp type (1 = LogAppendTime), bit 4 transactional, bit 5 control.
 *
 * <p>All methods are static and take absolute positions, so the append path parses headers
 * without allocating. Stateless and thread-safe; the buffers passed in are the caller's concern.
 */
final class BatchHeader {

    static final int BASE_OFFSET = 0;
    static final int BATCH_LENGTH = 8;
    static final int PARTITION_LEADER_EPOCH = 12;
    static final int MAGIC = 16;
    static final int CRC = 17;
    static final int ATTRIBUTES = 21;
    static final int LAST_OFFSET_DELTA = 23;
    static final int BASE_TIMESTAMP = 27;
    static final int MAX_TIMESTAMP = 35;
    static final int PRODUCER_ID = 43;
    static final int PRODUCER_EPOCH = 51;
    static final int BASE_SEQUENCE = 53;
    static final int RECORDS_COUNT = 57;

    /** Size of the fixed header; records start here. */
    static final int HEADER_SIZE = 61;
    /** baseOffset and batchLength, which batchLength does not count. */
    static final int LOG_OVERHEAD = 12;
    static final int MIN_BATCH_LENGTH = HEADER_SIZE - LOG_OVERHEAD;
    static final byte MAGIC_V2 = 2;

    static final int COMPRESSION_MASK = 0x07;
    static final int CODEC_NONE = 0;
    static final int CODEC_GZIP = 1;
    static final int LOG_APPEND_TIME_BIT = 0x08;
    static final int CONTROL_BIT = 0x20;

    private BatchHeader() {
    }

    static long baseOffset(ByteBuffer b, int at) {
        return b.getLong(at + BASE_OFFSET);
    }

    /** The whole batch size including the 12 bytes batchLength does not count. */
    static int sizeInBytes(ByteBuffer b, int at) {
        return b.getInt(at + BATCH_LENGTH) + LOG_OVERHEAD;
    }

    static byte magic(ByteBuffer b, int at) {
        return b.get(at + MAGIC);
    }

    static int crc(ByteBuffer b, int at) {
        return b.getInt(at + CRC);
    }

    static int attributes(ByteBuffer b, int at) {
        return b.getShort(at + ATTRIBUTES) & 0xffff;
    }

    static int lastOffsetDelta(ByteBuffer b, int at) {
        return b.getInt(at + LAST_OFFSET_DELTA);
    }

    static long lastOffset(ByteBuffer b, int at) {
        return baseOffset(b, at) + lastOffsetDelta(b, at);
    }

    static long baseTimestamp(ByteBuffer b, int at) {
        return b.getLong(at + BASE_TIMESTAMP);
    }

    static long maxTimestamp(ByteBuffer b, int at) {
        return b.getLong(at + MAX_TIMESTAMP);
    }

    static long producerId(ByteBuffer b, int at) {
        return b.getLong(at + PRODUCER_ID);
    }

    static short producerEpoch(ByteBuffer b, int at) {
        return b.getShort(at + PRODUCER_EPOCH);
    }

    static int baseSequence(ByteBuffer b, int at) {
        return b.getInt(at + BASE_SEQUENCE);
    }

    static int recordsCount(ByteBuffer b, int at) {
        return b.getInt(at + RECORDS_COUNT);
    }

    static int compression(ByteBuffer b, int at) {
        return attributes(b, at) & COMPRESSION_MASK;
    }

    static boolean isLogAppendTime(ByteBuffer b, int at) {
        return (attributes(b, at) & LOG_APPEND_TIME_BIT) != 0;
    }

    static boolean isControl(ByteBuffer b, int at) {
        return (attributes(b, at) & CONTROL_BIT) != 0;
    }

    /**
     * True when the batch takes part in idempotent-producer sequence checks. Control batches
     * (transaction markers) and batches without a sequence are appended without them.
     */
    static boolean isSequenced(ByteBuffer b, int at) {
        return producerId(b, at) >= 0 && baseSequence(b, at) >= 0 && !isControl(b, at);
    }

    /** The number of offsets the batches in {@code [start, end)} take: each one's lastOffsetDelta + 1. */
    static long offsetSpan(ByteBuffer b, int start, int end) {
        long span = 0;
        for (int at = start; at < end; at += sizeInBytes(b, at)) {
            span += lastOffsetDelta(b, at) + 1L;
        }
        return span;
    }

    /** CRC-32C over attributes..end of the batch; leaves the buffer's position and limit as they were. */
    static int computeCrc(ByteBuffer b, int at, int size, CRC32C crc) {
        int position = b.position();
        int limit = b.limit();
        try {
            b.limit(at + size).position(at + ATTRIBUTES);
            crc.reset();
            crc.update(b);
            return (int) crc.getValue();
        } finally {
            b.limit(limit).position(position);
        }
    }

    /**
     * Checks every batch in {@code [start, end)}: complete, sane length, magic 2, CRC, record
     * count and offset range. Nothing is modified.
     *
     * @return the number of batches
     * @throws InvalidBatchException for the first bad batch, naming its byte position
     * @throws RecordTooLargeException when a batch is larger than {@code maxBatchBytes}
     */
    static int validateAll(ByteBuffer b, int start, int end, int maxBatchBytes, CRC32C crc) {
        if (start >= end) {
            throw new InvalidBatchException("no record batches in the request");
        }
        int count = 0;
        int at = start;
        while (at < end) {
            int remaining = end - at;
            if (remaining < HEADER_SIZE) {
                throw invalid(at, start, "only " + remaining + " bytes left, a batch header needs " + HEADER_SIZE);
            }
            int batchLength = b.getInt(at + BATCH_LENGTH);
            if (batchLength < MIN_BATCH_LENGTH) {
                throw invalid(at, start, "batchLength " + batchLength + " is below the minimum " + MIN_BATCH_LENGTH);
            }
            if (batchLength > remaining - LOG_OVERHEAD) {
                throw invalid(at, start, "batchLength " + batchLength + " runs past the end of the request ("
                        + (remaining - LOG_OVERHEAD) + " bytes left)");
            }
            int size = batchLength + LOG_OVERHEAD;
            byte magic = magic(b, at);
            if (magic != MAGIC_V2) {
                throw invalid(at, start, "magic " + magic + " is not supported, only 2");
            }
            if (size > maxBatchBytes) {
                throw new RecordTooLargeException("record batch at byte " + (at - start) + ": the batch is " + size
                        + " bytes, more than max.message.bytes " + maxBatchBytes);
            }
            int actual = computeCrc(b, at, size, crc);
            if (actual != crc(b, at)) {
                throw invalid(at, start, "CRC-32C mismatch: the header says " + Integer.toHexString(crc(b, at))
                        + ", the contents give " + Integer.toHexString(actual));
            }
            int records = recordsCount(b, at);
            int lastOffsetDelta = lastOffsetDelta(b, at);
            if (records < 1) {
                throw invalid(at, start, "recordsCount " + records + " must be at least 1");
            }
            // Kafka is lenient here: the batch occupies lastOffsetDelta + 1 offsets, which may
            // exceed the record count (batches compacted upstream keep their offset range)
            if (lastOffsetDelta < records - 1) {
                throw invalid(at, start, "lastOffsetDelta " + lastOffsetDelta + " is too small for " + records
                        + " records");
            }
            count++;
            at += size;
        }
        return count;
    }

    // messages are built only on failure: the append path must not allocate per batch
    private static InvalidBatchException invalid(int at, int start, String problem) {
        return new InvalidBatchException("record batch at byte " + (at - start) + ": " + problem);
    }

    /**
     * Assigns {@code baseOffset}, clears the leader epoch and, when {@code logAppendTime >= 0},
     * stamps the batch with that time (timestamp type bit and maxTimestamp, which the CRC covers,
     * so the CRC is recomputed).
     */
    static void rewrite(ByteBuffer b, int at, long baseOffset, long logAppendTime, CRC32C crc) {
        b.putLong(at + BASE_OFFSET, baseOffset);
        b.putInt(at + PARTITION_LEADER_EPOCH, 0);
        if (logAppendTime >= 0) {
            b.putShort(at + ATTRIBUTES, (short) (attributes(b, at) | LOG_APPEND_TIME_BIT));
            b.putLong(at + MAX_TIMESTAMP, logAppendTime);
            b.putInt(at + CRC, computeCrc(b, at, sizeInBytes(b, at), crc));
        }
    }
}
