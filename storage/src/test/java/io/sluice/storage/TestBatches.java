package io.sluice.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/** Builds real Kafka v2 record batches (varint records, CRC-32C) for tests. */
final class TestBatches {

    private TestBatches() {
    }

    /** One record: its timestamp, key (may be null) and value (null: a tombstone). */
    record Rec(long timestamp, byte[] key, byte[] value) {
    }

    static Builder builder() {
        return new Builder();
    }

    /** A batch of {@code count} records, all stamped {@code timestamp}, with values of {@code valueSize} bytes. */
    static ByteBuffer batch(int count, long timestamp, int valueSize) {
        return builder().records(count, timestamp, valueSize).build();
    }

    static ByteBuffer batch(int count, long timestamp) {
        return batch(count, timestamp, 10);
    }

    static ByteBuffer concat(ByteBuffer... batches) {
        int size = 0;
        for (ByteBuffer b : batches) {
            size += b.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer b : batches) {
            out.put(b.duplicate());
        }
        return out.flip();
    }

    /** Splits bytes holding whole batches into one buffer per batch. */
    static List<ByteBuffer> split(ByteBuffer bytes) {
        List<ByteBuffer> out = new ArrayList<>();
        int at = bytes.position();
        while (at < bytes.limit()) {
            int size = bytes.getInt(at + 8) + 12;
            out.add(bytes.duplicate().position(at).limit(at + size).slice());
            at += size;
        }
        return out;
    }

    static boolean crcValid(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        ByteBuffer d = batch.duplicate();
        d.position(d.position() + 21);
        crc.update(d);
        return (int) crc.getValue() == batch.getInt(batch.position() + 17);
    }

    static final class Builder {
        private final List<Rec> records = new ArrayList<>();
        private long producerId = -1;
        private short epoch = -1;
        private int baseSequence = -1;
        private int attributes;
        private int extraOffsetDelta;

        Builder record(long timestamp, String value) {
            records.add(new Rec(timestamp, null, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** A record with a string key and value; a null value makes a tombstone. */
        Builder keyed(long timestamp, String key, String value) {
            records.add(new Rec(timestamp, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        Builder keyed(long timestamp, byte[] key, byte[] value) {
            records.add(new Rec(timestamp, key, value));
            return this;
        }

        Builder records(int count, long timestamp, int valueSize) {
            for (int i = 0; i < count; i++) {
                byte[] v = new byte[valueSize];
                for (int j = 0; j < valueSize; j++) {
                    v[j] = (byte) ('a' + (i + j) % 26);
                }
                records.add(new Rec(timestamp, ("k" + i).getBytes(StandardCharsets.UTF_8), v));
            }
            return this;
        }

        Builder producer(long id, int producerEpoch, int sequence) {
            producerId = id;
            epoch = (short) producerEpoch;
            baseSequence = sequence;
            return this;
        }

        Builder gzip() {
            attributes |= 1;
            return this;
        }

        /** Claims a codec the JDK cannot decode while still storing plain records. */
        Builder pretendCodec(int codec) {
            attributes = (attributes & ~7) | codec;
            return this;
        }

        Builder logAppendTimeBit() {
            attributes |= 0x08;
            return this;
        }

        /** Makes lastOffsetDelta exceed recordsCount - 1 by this much (Kafka lets batches skip offsets). */
        Builder extraOffsets(int n) {
            extraOffsetDelta = n;
            return this;
        }

        ByteBuffer build() {
            long baseTs = records.get(0).timestamp();
            long maxTs = Long.MIN_VALUE;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int i = 0; i < records.size(); i++) {
                Rec r = records.get(i);
                maxTs = Math.max(maxTs, r.timestamp());
                writeRecord(body, r, r.timestamp() - baseTs, i == records.size() - 1 ? i + extraOffsetDelta : i);
            }
            byte[] recordBytes = body.toByteArray();
            if ((attributes & 7) == 1) {
                recordBytes = gzip(recordBytes);
            }
            ByteBuffer b = ByteBuffer.allocate(61 + recordBytes.length);
            b.putLong(0).putInt(49 + recordBytes.length).putInt(-1).put((byte) 2).putInt(0)
                    .putShort((short) attributes).putInt(records.size() - 1 + extraOffsetDelta)
                    .putLong(baseTs).putLong(maxTs).putLong(producerId).putShort(epoch).putInt(baseSequence)
                    .putInt(records.size()).put(recordBytes);
            b.flip();
            fixCrc(b);
            return b;
        }

        private static void writeRecord(ByteArrayOutputStream out, Rec r, long tsDelta, int offsetDelta) {
            ByteArrayOutputStream rec = new ByteArrayOutputStream();
            rec.write(0);
            varlong(rec, tsDelta);
            varlong(rec, offsetDelta);
            if (r.key() == null) {
                varlong(rec, -1);
            } else {
                varlong(rec, r.key().length);
                rec.writeBytes(r.key());
            }
            if (r.value() == null) {
                varlong(rec, -1);
            } else {
                varlong(rec, r.value().length);
                rec.writeBytes(r.value());
            }
            varlong(rec, 0);
            varlong(out, rec.size());
            out.writeBytes(rec.toByteArray());
        }

        private static byte[] gzip(byte[] raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    static void fixCrc(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        ByteBuffer d = b.duplicate();
        d.position(b.position() + 21);
        crc.update(d);
        b.putInt(b.position() + 17, (int) crc.getValue());
    }

    static void varlong(ByteArrayOutputStream out, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7fL) != 0) {
            out.write((int) ((z & 0x7f) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
    }
}
