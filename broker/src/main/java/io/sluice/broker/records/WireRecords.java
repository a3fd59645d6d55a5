package io.sluice.broker.records;

import io.sluice.storage.LogSlice;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;

/** Conversions between the protocol's record fields and the storage layer's bytes. */
public final class WireRecords {

    private WireRecords() {
    }

    /**
     * The bytes of a produce request's records field, as a view (no copy) positioned at the first batch.
     *
     * @return the buffer, or null when the request carried no records
     * @throws IllegalArgumentException for records that are not held in memory (never sent by clients)
     */
    public static ByteBuffer bytesOf(BaseRecords records) {
        if (records == null) {
            return null;
        }
        if (records instanceof MemoryRecords m) {
            return m.buffer().duplicate();
        }
        throw new IllegalArgumentException("unexpected records type " + records.getClass().getSimpleName());
    }

    /** Response records that are transferred straight from the segment file. */
    public static BaseRecords fromSlice(LogSlice slice) {
        return slice.size() == 0 ? MemoryRecords.EMPTY : new SliceRecords(slice);
    }

    /** Response records holding {@code bytes} (for tests and small in-memory answers). */
    public static BaseRecords fromBytes(ByteBuffer bytes) {
        return MemoryRecords.readableRecords(bytes);
    }

    /** No records. */
    public static BaseRecords empty() {
        return MemoryRecords.EMPTY;
    }

    /**
     * The index (within the request) of the first record that has no key, or -1 when every record
     * has one. Decompresses compressed batches; meant for compacted topics only, which refuse
     * keyless records.
     */
    public static int firstKeylessRecord(ByteBuffer batches) {
        int index = 0;
        for (RecordBatch batch : MemoryRecords.readableRecords(batches.duplicate()).batches()) {
            if (batch.isControlBatch()) {
                continue;
            }
            try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
                while (it.hasNext()) {
                    if (!it.next().hasKey()) {
                        return index;
                    }
                    index++;
                }
            }
        }
        return -1;
    }

    /** What {@link #forEachRecord} hands out: a record's offset, key and value (null for a tombstone). */
    public interface RecordVisitor {
        void visit(long offset, byte[] key, byte[] value);
    }

    /** Visits every data record of the whole batches in {@code batches}, in offset order. */
    public static void forEachRecord(ByteBuffer batches, RecordVisitor visitor) {
        for (RecordBatch batch : MemoryRecords.readableRecords(batches.duplicate()).batches()) {
            if (batch.isControlBatch()) {
                continue;
            }
            try (CloseableIterator<Record> it = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
                while (it.hasNext()) {
                    Record r = it.next();
                    visitor.visit(r.offset(), bytes(r.key()), r.hasValue() ? bytes(r.value()) : null);
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** One uncompressed v2 batch of keyed records (a null value is a tombstone), ready to append. */
    public static ByteBuffer batchOf(long timestamp, List<Map.Entry<byte[], byte[]>> keyValues) {
        SimpleRecord[] records = new SimpleRecord[keyValues.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(timestamp, keyValues.get(i).getKey(), keyValues.get(i).getValue());
        }
        return MemoryRecords.withRecords(Compression.NONE, records).buffer();
    }

    /** The size of a records field in bytes; 0 for null. */
    public static int sizeOf(BaseRecords records) {
        return records == null ? 0 : records.sizeInBytes();
    }
}
