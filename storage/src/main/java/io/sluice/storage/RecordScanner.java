package io.sluice.storage;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;

/**
 * Walks the records inside one v2 batch to find the first record at or after a timestamp.
 * Only timestamp lookups use it; the append and fetch paths never look inside batches.
 *
 * <p>Record layout (all varints zigzag-encoded as in Kafka): length varint, attributes int8,
 * timestampDelta varlong, offsetDelta varint, key length varint + key, value length varint +
 * value, header count varint + headers. Only the first three fields after the length are
 * decoded; the rest of each record is skipped by its length.
 *
 * <p>Uncompressed and gzip batches are decoded (gzip with the JDK's {@link GZIPInputStream}).
 * Snappy, lz4 and zstd cannot be decoded with the JDK alone, so for those (and for records that
 * fail to parse) the answer falls back to the batch level: the batch's base offset (or the
 * lower bound given) with the batch's max timestamp, when that max timestamp qualifies.
 *
 * <p>Stateless and thread-safe.
 */
final class RecordScanner {

    private RecordScanner() {
    }

    /**
     * The first record of {@code batch} (a whole batch from position 0) whose timestamp is
     * {@code >= target} and whose offset is {@code >= minOffset}, or null when there is none.
     */
    static OffsetAndTimestamp firstAtOrAfter(ByteBuffer batch, long target, long minOffset) {
        long maxTimestamp = BatchHeader.maxTimestamp(batch, 0);
        long baseOffset = BatchHeader.baseOffset(batch, 0);
        if (maxTimestamp < target || BatchHeader.lastOffset(batch, 0) < minOffset) {
            return null;
        }
        OffsetAndTimestamp fallback = new OffsetAndTimestamp(Math.max(baseOffset, minOffset), maxTimestamp);
        int codec = BatchHeader.compression(batch, 0);
        if ((codec != BatchHeader.CODEC_NONE && codec != BatchHeader.CODEC_GZIP) || !batch.hasArray()) {
            return fallback;
        }
        int size = BatchHeader.sizeInBytes(batch, 0);
        InputStream in = new ByteArrayInputStream(batch.array(), batch.arrayOffset() + BatchHeader.HEADER_SIZE,
                size - BatchHeader.HEADER_SIZE);
        try {
            if (codec == BatchHeader.CODEC_GZIP) {
                in = new BufferedInputStream(new GZIPInputStream(in), 8192);
            }
            return scan(new Reader(in), batch, target, minOffset);
        } catch (IOException e) {
            // a CRC-valid batch whose records do not parse: answer at batch level rather than fail the lookup
            return fallback;
        }
    }

    private static OffsetAndTimestamp scan(Reader in, ByteBuffer batch, long target, long minOffset)
            throws IOException {
        long baseOffset = BatchHeader.baseOffset(batch, 0);
        long baseTimestamp = BatchHeader.baseTimestamp(batch, 0);
        long maxTimestamp = BatchHeader.maxTimestamp(batch, 0);
        boolean logAppendTime = BatchHeader.isLogAppendTime(batch, 0);
        int count = BatchHeader.recordsCount(batch, 0);
        for (int i = 0; i < count; i++) {
            int length = in.varint();
            if (length < 3) {
                throw new IOException("record length " + length);
            }
            long consumedBefore = in.consumed;
            in.readByte(); // attributes, unused by any v2 record
            long timestampDelta = in.varlong();
            int offsetDelta = in.varint();
            long rest = length - (in.consumed - consumedBefore);
            if (rest < 0) {
                throw new IOException("record fields overrun its length");
            }
            in.skip(rest);
            // with LogAppendTime every record carries the batch's (broker) time
            long timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
            long offset = baseOffset + offsetDelta;
            if (timestamp >= target && offset >= minOffset) {
                return new OffsetAndTimestamp(offset, timestamp);
            }
        }
        return null;
    }

    /** Varint decoding over a stream, counting bytes so a record's remainder can be skipped. */
    private static final class Reader {
        private final InputStream in;
        long consumed;

        Reader(InputStream in) {
            this.in = in;
        }

        int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("records end early");
            }
            consumed++;
            return b;
        }

        int varint() throws IOException {
            int raw = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = readByte();
                raw |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new IOException("varint longer than 5 bytes");
        }

        long varlong() throws IOException {
            long raw = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = readByte();
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw new IOException("varlong longer than 10 bytes");
        }

        void skip(long n) throws IOException {
            in.skipNBytes(n);
            consumed += n;
        }
    }
}
