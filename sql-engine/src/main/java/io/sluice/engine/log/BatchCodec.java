package io.sluice.engine.log;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Kafka v2 record batches for {@link EmbeddedLogIO}, built and read with kafka-clients' record
 * classes. The only class of the engine that uses {@code org.apache.kafka.common.record.internal}
 * (not a public API of kafka-clients, so it may change with any kafka-clients upgrade).
 */
final class BatchCodec {

    private static final org.apache.kafka.common.header.Header[] NO_HEADERS = new org.apache.kafka.common.header.Header[0];

    private BatchCodec() {
    }

    /**
     * One batch being built for one partition: uncompressed, CreateTime, no producer id (the
     * embedded path has no retries to deduplicate), base offset 0 (the log assigns offsets).
     * Not thread-safe.
     */
    static final class Builder {
        private final MemoryRecordsBuilder builder;

        /**
         * @param buffer   where to build (cleared; grown by reallocation when too small)
         * @param maxBytes the batch's size limit; the first record is always taken, whatever its size
         */
        Builder(ByteBuffer buffer, int maxBytes) {
            buffer.clear();
            this.builder = new MemoryRecordsBuilder(buffer, RecordBatch.MAGIC_VALUE_V2, Compression.NONE,
                    TimestampType.CREATE_TIME, 0L, RecordBatch.NO_TIMESTAMP, RecordBatch.NO_PRODUCER_ID,
                    RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false, false,
                    RecordBatch.NO_PARTITION_LEADER_EPOCH, maxBytes);
        }

        /**
         * Adds the record if the batch has room for it (an empty batch always has).
         *
         * @param timestamp epoch milliseconds, at least 0
         * @return false, with nothing added, when the record would take the batch over its limit
         */
        boolean tryAppend(long timestamp, byte[] key, byte[] value, List<Header> headers) {
            org.apache.kafka.common.header.Header[] hs = headers.isEmpty() ? NO_HEADERS : headers.toArray(NO_HEADERS);
            if (!builder.hasRoomFor(timestamp, key, value, hs)) {
                return false;
            }
            builder.append(timestamp, key, value, hs);
            return true;
        }

        int records() {
            return builder.numRecords();
        }

        /** True when no further record fits. */
        boolean isFull() {
            return builder.isFull();
        }

        /** Closes the batch; returns its bytes (position 0, writable) for {@code PartitionLog.append}. */
        ByteBuffer build() {
            return builder.build().buffer();
        }

        /** The buffer the batch was built in (possibly a larger one than given), to be reused after {@link #build()}. */
        ByteBuffer buffer() {
            return builder.buffer();
        }
    }

    /**
     * Reads the records of whole batches, as {@code PartitionLog.read} returns them, appending to
     * {@code out} those at or after offset {@code from}, at most {@code max} of them. Records of
     * control batches (transaction markers) are skipped.
     *
     * @param buf the batches, from position to limit; a trailing partial batch is ignored
     * @return the offset to read from next: one past the last record taken, or past the last
     *         batch when every record was taken or skipped; {@code from} when nothing was there
     */
    static long decode(ByteBuffer buf, String topic, int partition, long from, int max, List<InRecord> out) {
        long next = from;
        int room = max;
        for (MutableRecordBatch batch : MemoryRecords.readableRecords(buf).batches()) {
            if (batch.lastOffset() < from) {
                continue;
            }
            if (!batch.isControlBatch()) {
                for (Record r : batch) {
                    long offset = r.offset();
                    if (offset < from) {
                        continue;
                    }
                    if (room == 0) {
                        return offset;
                    }
                    out.add(new InRecord(topic, partition, offset, r.timestamp(), r.hasKey() ? bytes(r.key()) : null,
                            r.hasValue() ? bytes(r.value()) : null, Header.listOf(r.headers())));
                    room--;
                }
            }
            next = Math.max(next, batch.nextOffset());
        }
        return next;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
