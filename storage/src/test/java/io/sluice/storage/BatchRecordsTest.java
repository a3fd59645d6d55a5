package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding records and rebuilding batches from some of them, as the cleaner does. */
class BatchRecordsTest {

    private static ByteBuffer sample(boolean gzip) {
        TestBatches.Builder b = TestBatches.builder().keyed(1_000, "a", "1").keyed(1_005, "b", null)
                .keyed(1_002, "c", "3").producer(5, 2, 40);
        if (gzip) {
            b.gzip();
        }
        ByteBuffer batch = b.build();
        batch.putLong(0, 100); // as if appended at offset 100
        return batch;
    }

    private static String key(BatchRecords.Record r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    @Test
    void decodesUncompressedAndGzipBatches() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            List<BatchRecords.Record> records = BatchRecords.decode(sample(gzip), 0);
            assertEquals(List.of("a", "b", "c"), records.stream().map(BatchRecordsTest::key).toList());
            assertArrayEquals(new long[] {100, 101, 102}, records.stream().mapToLong(r -> r.offset).toArray());
            assertArrayEquals(new long[] {1_000, 1_005, 1_002}, records.stream().mapToLong(r -> r.timestamp).toArray());
            assertTrue(records.get(1).isTombstone());
            assertNull(records.get(1).value());
            assertEquals("3", KeyedRecords.str(records.get(2).value()));
        }
    }

    @Test
    void aRebuiltBatchKeepsOffsetsProducerFieldsAndCodec() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            ByteBuffer original = sample(gzip);
            List<BatchRecords.Record> records = BatchRecords.decode(original, 0);
            ByteBuffer rebuilt = BatchRecords.rebuild(original, 0, List.of(records.get(2)), -1);
            assertTrue(TestBatches.crcValid(rebuilt));
            assertEquals(100, BatchHeader.baseOffset(rebuilt, 0));
            assertEquals(2, BatchHeader.lastOffsetDelta(rebuilt, 0));
            assertEquals(1, BatchHeader.recordsCount(rebuilt, 0));
            assertEquals(5, BatchHeader.producerId(rebuilt, 0));
            assertEquals(2, BatchHeader.producerEpoch(rebuilt, 0));
            assertEquals(40, BatchHeader.baseSequence(rebuilt, 0));
            assertEquals(gzip ? 1 : 0, BatchHeader.compression(rebuilt, 0));
            assertEquals(1_002, BatchHeader.baseTimestamp(rebuilt, 0));
            assertEquals(1_002, BatchHeader.maxTimestamp(rebuilt, 0), "CreateTime: the kept records' maximum");
            assertFalse(BatchRecords.hasDeleteHorizon(rebuilt, 0));
            List<BatchRecords.Record> again = BatchRecords.decode(rebuilt, 0);
            assertEquals(1, again.size());
            assertEquals(102, again.get(0).offset);
            assertEquals(1_002, again.get(0).timestamp);
            assertEquals("3", KeyedRecords.str(again.get(0).value()));
        }
    }

    @Test
    void aDeleteHorizonBecomesTheBaseTimestampAndRecordTimestampsSurvive() throws IOException {
        ByteBuffer original = sample(false);
        List<BatchRecords.Record> records = BatchRecords.decode(original, 0);
        ByteBuffer rebuilt = BatchRecords.rebuild(original, 0, records.subList(1, 3), 90_000);
        assertTrue(BatchRecords.hasDeleteHorizon(rebuilt, 0));
        assertEquals(90_000, BatchHeader.baseTimestamp(rebuilt, 0));
        assertEquals(1_005, BatchHeader.maxTimestamp(rebuilt, 0));
        List<BatchRecords.Record> again = BatchRecords.decode(rebuilt, 0);
        assertArrayEquals(new long[] {1_005, 1_002}, again.stream().mapToLong(r -> r.timestamp).toArray());
        // rebuilding again without a new horizon keeps the one it has
        ByteBuffer twice = BatchRecords.rebuild(rebuilt, 0, again.subList(0, 1), -1);
        assertTrue(BatchRecords.hasDeleteHorizon(twice, 0));
        assertEquals(90_000, BatchHeader.baseTimestamp(twice, 0));
        assertEquals(1_005, BatchRecords.decode(twice, 0).get(0).timestamp);
    }

    @Test
    void anEmptyRebuildIsAHeaderWithTheOffsetRangeAndLogAppendTimeKeepsItsTime() throws IOException {
        ByteBuffer original = TestBatches.builder().keyed(1_000, "a", "1").keyed(1_001, "b", "2").logAppendTimeBit()
                .build();
        original.putLong(BatchHeader.MAX_TIMESTAMP, 77_000);
        TestBatches.fixCrc(original);
        List<BatchRecords.Record> records = BatchRecords.decode(original, 0);
        ByteBuffer one = BatchRecords.rebuild(original, 0, records.subList(0, 1), -1);
        assertEquals(77_000, BatchHeader.maxTimestamp(one, 0), "LogAppendTime: the batch's own time");
        ByteBuffer empty = BatchRecords.rebuild(original, 0, List.of(), -1);
        assertEquals(BatchHeader.HEADER_SIZE, empty.remaining());
        assertEquals(0, BatchHeader.recordsCount(empty, 0));
        assertEquals(1, BatchHeader.lastOffsetDelta(empty, 0));
        assertEquals(77_000, BatchHeader.baseTimestamp(empty, 0));
        assertTrue(TestBatches.crcValid(empty));
        assertEquals(List.of(), BatchRecords.decode(empty, 0));
    }

    @Test
    void malformedRecordsAreRefused() {
        ByteBuffer b = TestBatches.builder().keyed(1_000, "key", "value").build();
        b.put(BatchHeader.HEADER_SIZE, (byte) 0x7f); // record length far past the batch
        assertThrows(IOException.class, () -> BatchRecords.decode(b, 0));
    }
}
