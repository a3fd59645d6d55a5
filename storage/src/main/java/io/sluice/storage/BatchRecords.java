package io.sluice.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Decodes the records of a v2 batch and rebuilds a batch from some of them: what the key index
 * and the cleaner need. The produce and fetch paths never use it.
 *
 * <p>Record layout (varints zigzag-encoded, as in Kafka): length varint, then {@code length}
 * bytes: attributes int8, timestampDelta varlong, offsetDelta varint, key length varint (-1 =
 * null) + key, value length varint (-1 = null, a tombstone) + value, header count varint +
 * headers. The part from the key length on is called the record's tail here and is copied
 * verbatim when a batch is rebuilt.
 *
 * <p>Only uncompressed and gzip batches can be decoded with the JDK; {@link #decodable} says so
 * for a batch, and callers keep snappy, lz4 and zstd batches as they are.
 *
 * <p>Rebuilding follows Kafka's cleaner: the batch keeps its base offset, lastOffsetDelta (so the
 * producer's last sequence stays {@code baseSequence + lastOffsetDelta}), partition leader epoch,
 * producer id, epoch, base sequence, compression codec and timestamp type; records keep their
 * offset deltas. The base timestamp becomes the delete horizon when the batch has one (attribute
 * bit 6) and else the first kept record's timestamp, each record's timestamp delta is recomputed
 * against it, and the max timestamp is the kept records' maximum (CreateTime) or the batch's own
 * (LogAppendTime). The CRC is recomputed.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchRecords {

    /** Attribute bit 6: baseTimestamp holds the delete horizon (KIP-534). */
    static final int DELETE_HORIZON_BIT = 0x40;
    static final int TRANSACTIONAL_BIT = 0x10;

    /** One decoded record. Key and tail point into {@link #buf}; offsets are absolute. */
    static final class Record {
        final byte[] buf;
        final int attributes;
        final long timestamp;
        final long offset;
        final int offsetDelta;
        final int keyPos;
        final int keyLen;
        final int valuePos;
        final int valueLen;
        final int tailPos;
        final int end;

        Record(byte[] buf, int attributes, long timestamp, long offset, int offsetDelta, int keyPos, int keyLen,
               int valuePos, int valueLen, int tailPos, int end) {
            this.buf = buf;
            this.attributes = attributes;
            this.timestamp = timestamp;
            this.offset = offset;
            this.offsetDelta = offsetDelta;
            this.keyPos = keyPos;
            this.keyLen = keyLen;
            this.valuePos = valuePos;
            this.valueLen = valueLen;
            this.tailPos = tailPos;
            this.end = end;
        }

        boolean hasKey() {
            return keyLen >= 0;
        }

        /** A copy of the key, or null. */
        byte[] key() {
            return keyLen < 0 ? null : Arrays.copyOfRange(buf, keyPos, keyPos + keyLen);
        }

        boolean keyEquals(byte[] other) {
            return keyLen == other.length && Arrays.equals(buf, keyPos, keyPos + keyLen, other, 0, other.length);
        }

        boolean isTombstone() {
            return valueLen < 0;
        }

        /** A read-only view of the value, or null for a tombstone. */
        ByteBuffer value() {
            return valueLen < 0 ? null : ByteBuffer.wrap(buf, valuePos, valueLen).slice().asReadOnlyBuffer();
        }
    }

    private BatchRecords() {
    }

    /** True when the records of the batch at {@code at} can be decoded with the JDK (no compression, or gzip). */
    static boolean decodable(ByteBuffer b, int at) {
        int codec = BatchHeader.compression(b, at);
        return codec == BatchHeader.CODEC_NONE || codec == BatchHeader.CODEC_GZIP;
    }

    static boolean hasDeleteHorizon(ByteBuffer b, int at) {
        return (BatchHeader.attributes(b, at) & DELETE_HORIZON_BIT) != 0;
    }

    static boolean isTransactional(ByteBuffer b, int at) {
        return (BatchHeader.attributes(b, at) & TRANSACTIONAL_BIT) != 0;
    }

    /**
     * The records of the whole batch at {@code at}, which must be {@link #decodable}.
     *
     * @throws IOException when the records do not parse (a CRC-valid batch with bad records)
     */
    static List<Record> decode(ByteBuffer b, int at) throws IOException {
        int size = BatchHeader.sizeInBytes(b, at);
        byte[] raw = new byte[size - BatchHeader.HEADER_SIZE];
        b.get(at + BatchHeader.HEADER_SIZE, raw);
        if (BatchHeader.compression(b, at) == BatchHeader.CODEC_GZIP) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 8192)) {
                raw = in.readAllBytes();
            }
        }
        long baseOffset = BatchHeader.baseOffset(b, at);
        long baseTimestamp = BatchHeader.baseTimestamp(b, at);
        int count = BatchHeader.recordsCount(b, at);
        List<Record> out = new ArrayList<>(Math.max(0, Math.min(count, 1 << 16)));
        int[] pos = {0};
        for (int i = 0; i < count; i++) {
            int length = varint(raw, pos);
            int start = pos[0];
            int end = start + length;
            if (length < 3 || end > raw.length) {
                throw new IOException("record " + i + " of the batch at offset " + baseOffset + " has length "
                        + length);
            }
            int attributes = raw[pos[0]++];
            long tsDelta = varlong(raw, pos);
            int offsetDelta = varint(raw, pos);
            int tailPos = pos[0];
            int keyLen = varint(raw, pos);
            int keyPos = pos[0];
            pos[0] += Math.max(keyLen, 0);
            int valueLen = pos[0] <= end ? varint(raw, pos) : -2;
            int valuePos = pos[0];
            if (keyLen < -1 || valueLen < -1 || valuePos + Math.max(valueLen, 0) > end) {
                throw new IOException("record " + i + " of the batch at offset " + baseOffset + " is malformed");
            }
            out.add(new Record(raw, attributes, baseTimestamp + tsDelta, baseOffset + offsetDelta, offsetDelta,
                    keyPos, keyLen, valuePos, valueLen, tailPos, end));
            pos[0] = end;
        }
        return out;
    }

    /**
     * A new batch like the one at {@code at} holding only {@code kept} (records decoded from it,
     * in order; may be empty, which gives a header-only batch as Kafka keeps for a producer's
     * last batch).
     *
     * @param deleteHorizonMs the delete horizon to stamp, or -1 to keep the batch's own (if any)
     */
    static ByteBuffer rebuild(ByteBuffer b, int at, List<Record> kept, long deleteHorizonMs) {
        int attributes = BatchHeader.attributes(b, at);
        boolean horizon = deleteHorizonMs >= 0 || (attributes & DELETE_HORIZON_BIT) != 0;
        long horizonMs = deleteHorizonMs >= 0 ? deleteHorizonMs : BatchHeader.baseTimestamp(b, at);
        long originalMax = BatchHeader.maxTimestamp(b, at);
        long baseTs;
        long maxTs;
        if (kept.isEmpty()) {
            baseTs = originalMax;
            maxTs = originalMax;
            horizon = false;
        } else {
            baseTs = horizon ? horizonMs : kept.get(0).timestamp;
            long m = Long.MIN_VALUE;
            for (Record r : kept) {
                m = Math.max(m, r.timestamp);
            }
            maxTs = BatchHeader.isLogAppendTime(b, at) ? originalMax : m;
        }
        attributes = horizon ? attributes | DELETE_HORIZON_BIT : attributes & ~DELETE_HORIZON_BIT;
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 + kept.size() * 32);
        byte[] scratch = new byte[32];
        for (Record r : kept) {
            int n = 0;
            scratch[n++] = (byte) r.attributes;
            n = putVarlong(scratch, n, r.timestamp - baseTs);
            n = putVarlong(scratch, n, r.offsetDelta);
            int length = n + (r.end - r.tailPos);
            byte[] len = new byte[10];
            int lenBytes = putVarlong(len, 0, length);
            body.write(len, 0, lenBytes);
            body.write(scratch, 0, n);
            body.write(r.buf, r.tailPos, r.end - r.tailPos);
        }
        byte[] records = body.toByteArray();
        if (BatchHeader.compression(b, at) == BatchHeader.CODEC_GZIP && !kept.isEmpty()) {
            records = gzip(records);
        }
        ByteBuffer out = ByteBuffer.allocate(BatchHeader.HEADER_SIZE + records.length).order(ByteOrder.BIG_ENDIAN);
        out.putLong(BatchHeader.baseOffset(b, at))
                .putInt(BatchHeader.HEADER_SIZE + records.length - BatchHeader.LOG_OVERHEAD)
                .putInt(b.getInt(at + BatchHeader.PARTITION_LEADER_EPOCH))
                .put(BatchHeader.MAGIC_V2)
                .putInt(0)
                .putShort((short) attributes)
                .putInt(BatchHeader.lastOffsetDelta(b, at))
                .putLong(baseTs)
                .putLong(maxTs)
                .putLong(BatchHeader.producerId(b, at))
                .putShort(BatchHeader.producerEpoch(b, at))
                .putInt(BatchHeader.baseSequence(b, at))
                .putInt(kept.size())
                .put(records);
        out.flip();
        out.putInt(BatchHeader.CRC, BatchHeader.computeCrc(out, 0, out.limit(), new CRC32C()));
        return out;
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }

    private static int putVarlong(byte[] dst, int at, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7fL) != 0) {
            dst[at++] = (byte) ((z & 0x7f) | 0x80);
            z >>>= 7;
        }
        dst[at++] = (byte) z;
        return at;
    }

    private static int varint(byte[] b, int[] pos) throws IOException {
        long v = varlong(b, pos);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IOException("varint out of range: " + v);
        }
        return (int) v;
    }

    private static long varlong(byte[] b, int[] pos) throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IOException("records end early");
            }
            int x = b[pos[0]++] & 0xff;
            raw |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IOException("varlong longer than 10 bytes");
    }
}
