package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FileLogTest extends StoreTestBase {

    private static final Map<String, String> SMALL_SEGMENTS = Map.of(LogConfig.SEGMENT_BYTES, "2048",
            LogConfig.INDEX_INTERVAL_BYTES, "200");

    @Test
    void appendAndReadRoundTripAcrossSegmentRolls() throws IOException {
        FileLog log = newLog(SMALL_SEGMENTS);
        List<ByteBuffer> sent = new ArrayList<>();
        long expectedFirst = 0;
        for (int i = 0; i < 100; i++) {
            ByteBuffer b = TestBatches.batch(3, 1_000 + i, 20);
            sent.add(b.duplicate());
            AppendResult r = log.append(b);
            assertEquals(expectedFirst, r.firstOffset());
            assertEquals(expectedFirst + 2, r.lastOffset());
            assertFalse(r.duplicate());
            assertEquals(-1, r.logAppendTime());
            expectedFirst += 3;
        }
        assertEquals(300, log.logEndOffset());
        assertTrue(log.segments().size() > 5, "small segment.bytes must roll: " + log.segments().size());
        try (Stream<Path> files = Files.list(partitionDir())) {
            assertEquals(log.segments().size(), files.filter(p -> p.toString().endsWith(".log")).count());
        }
        assertTrue(Files.exists(partitionDir().resolve("00000000000000000000.log")));

        List<ByteBuffer> read = readAll(log);
        assertEquals(100, read.size());
        assertContiguous(read, 0);
        for (int i = 0; i < 100; i++) {
            // everything but base offset and leader epoch is exactly what the producer sent
            assertEquals(sent.get(i).slice(16, sent.get(i).remaining() - 16), read.get(i).slice(16,
                    read.get(i).remaining() - 16));
            assertEquals(0, read.get(i).getInt(12));
        }
        long sum = 0;
        for (Segment s : log.segments()) {
            sum += s.size();
        }
        assertEquals(sum, log.sizeInBytes());
    }

    @Test
    void readFromAnyOffsetReturnsTheBatchHoldingIt() throws IOException {
        FileLog log = newLog(SMALL_SEGMENTS);
        for (int i = 0; i < 40; i++) {
            log.append(TestBatches.batch(5, 1_000, 20));
        }
        for (long o = 0; o < 200; o++) {
            ByteBuffer b = firstBatch(log.read(o, 1, true));
            assertEquals(o - o % 5, baseOffset(b), "batch holding offset " + o);
        }
        LogSlice end = log.read(200, 1000, true);
        assertEquals(0, end.size());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(201, 1000, true));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 1000, true));
    }

    @Test
    void maxBytesAndMinOneBatch() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.INDEX_INTERVAL_BYTES, "1"));
        int size = TestBatches.batch(2, 1_000, 30).remaining();
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(2, 1_000, 30));
        }
        assertEquals(2 * size, log.read(0, 2 * size + 10, false).size());
        assertEquals(5 * size, log.read(3, 5 * size, false).size());
        assertEquals(2, baseOffset(firstBatch(log.read(3, 5 * size, false))));
        assertEquals(0, log.read(0, size - 1, false).size());
        assertEquals(size, log.read(0, size - 1, true).size());
        assertEquals(size, log.read(0, 0, true).size());
        assertEquals(20 * size, log.read(0, Integer.MAX_VALUE, false).size());
        // from the middle: a jump through the offset index must land on batch boundaries only
        for (int max = size; max < 12 * size; max += 7) {
            LogSlice s = log.read(4, max, false);
            assertEquals((max / size) * size, s.size(), "maxBytes " + max);
            assertContiguous(TestBatches.split(s.readFully()), 4);
        }
    }

    @Test
    void sliceStopsAtSegmentEnd() throws IOException {
        FileLog log = newLog(SMALL_SEGMENTS);
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(3, 1_000, 20));
        }
        Segment first = log.segments().get(0);
        LogSlice s = log.read(0, Integer.MAX_VALUE, false);
        assertEquals(first.size(), s.size());
        Segment second = log.segments().get(1);
        assertEquals(second.baseOffset, first.nextOffset());
        assertEquals(second.baseOffset, baseOffset(firstBatch(log.read(second.baseOffset, 10_000, false))));
    }

    @Test
    void offsetForTimestampFindsTheExactRecord() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(TestBatches.builder().record(1000, "a").record(1005, "b").record(1010, "c").build());
        log.append(TestBatches.builder().record(1020, "d").record(1030, "e").build());
        log.append(TestBatches.builder().record(1015, "f").record(1040, "g").build());
        assertEquals(Optional.of(new OffsetAndTimestamp(0, 1000)), log.offsetForTimestamp(0));
        assertEquals(Optional.of(new OffsetAndTimestamp(0, 1000)), log.offsetForTimestamp(1000));
        assertEquals(Optional.of(new OffsetAndTimestamp(1, 1005)), log.offsetForTimestamp(1001));
        assertEquals(Optional.of(new OffsetAndTimestamp(2, 1010)), log.offsetForTimestamp(1010));
        assertEquals(Optional.of(new OffsetAndTimestamp(3, 1020)), log.offsetForTimestamp(1011));
        assertEquals(Optional.of(new OffsetAndTimestamp(3, 1020)), log.offsetForTimestamp(1016));
        assertEquals(Optional.of(new OffsetAndTimestamp(6, 1040)), log.offsetForTimestamp(1031));
        assertEquals(Optional.empty(), log.offsetForTimestamp(1041));
        assertEquals(Optional.of(new OffsetAndTimestamp(6, 1040)), log.maxTimestamp());
    }

    @Test
    void timestampLookupsUseTheTimeIndexAcrossSegments() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.SEGMENT_BYTES, "4096", LogConfig.INDEX_INTERVAL_BYTES, "100"));
        for (int i = 0; i < 200; i++) {
            TestBatches.Builder b = TestBatches.builder();
            for (int j = 0; j < 4; j++) {
                b.record(10_000 + i * 10L + j * 2, "v" + j);
            }
            log.append(b.build());
        }
        assertTrue(log.segments().size() > 3);
        assertTrue(log.segments().get(0).timeIndex.count() > 2, "time index entries expected");
        for (int i = 0; i < 200; i += 7) {
            for (int j = 0; j < 4; j++) {
                long ts = 10_000 + i * 10L + j * 2;
                assertEquals(Optional.of(new OffsetAndTimestamp(i * 4L + j, ts)), log.offsetForTimestamp(ts));
                // one ms later: the next record
                long nextOffset = j < 3 ? i * 4L + j + 1 : (i + 1) * 4L;
                assertEquals(nextOffset, log.offsetForTimestamp(ts + 1).map(OffsetAndTimestamp::offset).orElse(-1L));
            }
        }
        assertEquals(Optional.of(new OffsetAndTimestamp(799, 10_000 + 1990 + 6)), log.maxTimestamp());
    }

    @Test
    void timestampLookupsInsideGzipAndUndecodableBatches() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(TestBatches.builder().record(1000, "a").record(1001, "b").build());
        log.append(TestBatches.builder().record(2000, "c").record(2005, "d").record(2010, "e").gzip().build());
        log.append(TestBatches.builder().record(3000, "f").record(3005, "g").pretendCodec(3).build());
        assertEquals(Optional.of(new OffsetAndTimestamp(3, 2005)), log.offsetForTimestamp(2003));
        assertEquals(Optional.of(new OffsetAndTimestamp(4, 2010)), log.offsetForTimestamp(2010));
        // lz4 cannot be decoded with the JDK: the batch's base offset and max timestamp stand in
        assertEquals(Optional.of(new OffsetAndTimestamp(5, 3005)), log.offsetForTimestamp(3003));
        assertEquals(Optional.of(new OffsetAndTimestamp(5, 3005)), log.maxTimestamp());
    }

    @Test
    void maxTimestampIsTheFirstRecordWithTheGreatestTimestamp() throws IOException {
        FileLog log = newLog(SMALL_SEGMENTS);
        assertEquals(Optional.empty(), log.maxTimestamp());
        assertEquals(Optional.empty(), log.offsetForTimestamp(0));
        log.append(TestBatches.builder().record(100, "a").build());
        log.append(TestBatches.builder().record(300, "b").record(500, "c").record(200, "d").build());
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(3, 400, 20));
        }
        log.append(TestBatches.builder().record(500, "e").build());
        assertEquals(Optional.of(new OffsetAndTimestamp(2, 500)), log.maxTimestamp());
    }

    @Test
    void segmentMsRollsTheActiveSegment() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.SEGMENT_MS, "1000"));
        log.append(TestBatches.batch(1, 1));
        clock.advance(999);
        log.append(TestBatches.batch(1, 1));
        assertEquals(1, log.segments().size());
        clock.advance(1);
        log.append(TestBatches.batch(1, 1));
        assertEquals(2, log.segments().size());
        assertEquals(2, log.segments().get(1).baseOffset);
        clock.advance(10_000);
        assertEquals(2, log.segments().size(), "an idle log does not roll by itself");
    }

    @Test
    void aFullIndexRollsTheSegment() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.SEGMENT_INDEX_BYTES, "24", LogConfig.INDEX_INTERVAL_BYTES, "0"));
        for (int i = 0; i < 9; i++) {
            log.append(TestBatches.batch(1, i));
        }
        // 24 bytes hold two 8-byte offset entries (and two 12-byte time entries) per segment
        assertEquals(5, log.segments().size());
        assertContiguous(readAll(log), 0);
        assertEquals(Optional.of(new OffsetAndTimestamp(7, 7)), log.offsetForTimestamp(7));
    }

    @Test
    void aRequestLargerThanASegmentIsRefused() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.SEGMENT_BYTES, "1024"));
        RecordTooLargeException e = assertThrows(RecordTooLargeException.class, () -> log.append(
                TestBatches.concat(TestBatches.batch(5, 1, 100), TestBatches.batch(5, 1, 100))));
        assertTrue(e.getMessage().contains("segment.bytes 1024"), e.getMessage());
        assertEquals(0, log.logEndOffset());
    }

    @Test
    void deleteRecordsBeforeMovesTheStartAndDeletesSegments() throws IOException {
        FileLog log = newLog(SMALL_SEGMENTS);
        for (int i = 0; i < 50; i++) {
            log.append(TestBatches.batch(2, 1_000 + i, 20));
        }
        int before = log.segments().size();
        assertEquals(35, log.deleteRecordsBefore(35));
        assertEquals(35, log.logStartOffset());
        assertTrue(log.segments().size() < before);
        Segment first = log.segments().get(0);
        assertTrue(first.baseOffset <= 35 && first.nextOffset() > 35, "first segment holds the start offset");
        assertFalse(Files.exists(partitionDir().resolve("00000000000000000000.log")));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(34, 100, true));
        assertEquals(34, baseOffset(firstBatch(log.read(35, 100, true))), "the batch holding 35 starts at 34");
        assertEquals(35, log.offsetForTimestamp(0).orElseThrow().offset());
        assertEquals(35, log.deleteRecordsBefore(10), "moving back is a no-op");
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(101));
        assertEquals(35, log.append(TestBatches.batch(1, 1)).logStartOffset());

        assertEquals(35, reopen().logStartOffset());
        assertEquals(35, crashAndReopen().logStartOffset());
        FileLog reopened = log();
        assertEquals(101, reopened.logEndOffset());
        assertEquals(101, reopened.deleteRecordsBefore(101));
        assertEquals(0, reopened.read(101, 100, true).size());
        assertEquals(102, reopened.append(TestBatches.batch(1, 1)).lastOffset() + 1);
    }

    @Test
    void invalidBatchesAreRejectedAndNothingIsAppended() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.MAX_MESSAGE_BYTES, "500"));
        log.append(TestBatches.batch(2, 1));
        long size = log.sizeInBytes();

        ByteBuffer badCrc = TestBatches.batch(2, 1);
        badCrc.put(70, (byte) (badCrc.get(70) ^ 1));
        assertRejected(log, TestBatches.concat(TestBatches.batch(1, 1), badCrc), "CRC-32C mismatch");

        ByteBuffer badMagic = TestBatches.batch(2, 1);
        badMagic.put(16, (byte) 1);
        assertRejected(log, badMagic, "magic 1");

        ByteBuffer torn = TestBatches.batch(2, 1);
        assertRejected(log, torn.limit(torn.limit() - 1), "runs past the end");
        assertRejected(log, TestBatches.batch(2, 1).limit(40), "batch header needs 61");

        ByteBuffer shortLength = TestBatches.batch(2, 1);
        shortLength.putInt(8, 40);
        assertRejected(log, shortLength, "below the minimum");

        ByteBuffer noRecords = TestBatches.batch(2, 1);
        noRecords.putInt(57, 0);
        TestBatches.fixCrc(noRecords);
        assertRejected(log, noRecords, "recordsCount 0");

        ByteBuffer badDelta = TestBatches.batch(3, 1);
        badDelta.putInt(23, 1);
        TestBatches.fixCrc(badDelta);
        assertRejected(log, badDelta, "lastOffsetDelta 1");

        assertRejected(log, ByteBuffer.allocate(0), "no record batches");

        RecordTooLargeException tooLarge = assertThrows(RecordTooLargeException.class,
                () -> log.append(TestBatches.batch(2, 1, 600)));
        assertTrue(tooLarge.getMessage().contains("max.message.bytes 500"), tooLarge.getMessage());

        assertEquals(2, log.logEndOffset());
        assertEquals(size, log.sizeInBytes());
        assertEquals(size, Files.size(partitionDir().resolve("00000000000000000000.log")));
    }

    private static void assertRejected(FileLog log, ByteBuffer bytes, String message) {
        InvalidBatchException e = assertThrows(InvalidBatchException.class, () -> log.append(bytes));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void logAppendTimeRewritesTheBatchWithAValidCrc() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"));
        ByteBuffer b = TestBatches.builder().record(5, "a").record(7, "b").build();
        AppendResult r = log.append(b);
        assertEquals(clock.millis(), r.logAppendTime());
        ByteBuffer stored = firstBatch(log.read(0, 1000, true));
        assertEquals(0x08, stored.getShort(21) & 0x08, "timestamp type must be LogAppendTime");
        assertEquals(clock.millis(), stored.getLong(35));
        assertTrue(TestBatches.crcValid(stored));
        assertEquals(Optional.of(new OffsetAndTimestamp(0, clock.millis())), log.offsetForTimestamp(6));
        assertEquals(Optional.of(new OffsetAndTimestamp(0, clock.millis())), log.maxTimestamp());
    }

    @Test
    void batchesMayOccupyMoreOffsetsThanRecords() throws IOException {
        FileLog log = newLog(Map.of());
        AppendResult r = log.append(TestBatches.builder().records(3, 1, 5).extraOffsets(2).build());
        assertEquals(0, r.firstOffset());
        assertEquals(4, r.lastOffset());
        assertEquals(5, log.append(TestBatches.batch(1, 1)).firstOffset());
    }

    @Test
    void severalBatchesInOneRequestGetConsecutiveOffsets() throws IOException {
        FileLog log = newLog(Map.of());
        ByteBuffer request = TestBatches.concat(TestBatches.batch(2, 1), TestBatches.batch(3, 1),
                TestBatches.batch(1, 1));
        int position = request.position();
        AppendResult r = log.append(request);
        assertEquals(position, request.position(), "the caller's buffer position is left alone");
        assertEquals(0, r.firstOffset());
        assertEquals(5, r.lastOffset());
        List<ByteBuffer> batches = readAll(log);
        assertEquals(3, batches.size());
        assertContiguous(batches, 0);
    }

    @Test
    void readsRunConcurrentlyWithAppends() throws Exception {
        FileLog log = newLog(Map.of(LogConfig.SEGMENT_BYTES, "8192", LogConfig.INDEX_INTERVAL_BYTES, "256"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    long end = log.logEndOffset();
                    long offset = 0;
                    while (offset < end) {
                        List<ByteBuffer> batches = TestBatches.split(log.read(offset, 4096, true).readFully());
                        assertFalse(batches.isEmpty());
                        assertContiguous(batches, baseOffset(batches.get(0)));
                        assertTrue(baseOffset(batches.get(0)) <= offset);
                        offset = lastOffset(batches.get(batches.size() - 1)) + 1;
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 3000; i++) {
            log.append(TestBatches.batch(1 + i % 4, i, 16));
        }
        done.set(true);
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError("reader failed", failure.get());
        }
        assertContiguous(readAll(log), 0);
    }

    @Test
    void flushMessagesForcesEveryAppend() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.FLUSH_MESSAGES, "1"));
        log.append(TestBatches.batch(3, 1));
        assertEquals(3, log.recoveryPoint());
        log.append(TestBatches.batch(2, 1));
        assertEquals(5, log.recoveryPoint());
    }

    @Test
    void withoutFlushPolicyTheRecoveryPointWaitsForAFlush() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(TestBatches.batch(3, 1));
        assertEquals(0, log.recoveryPoint());
        log.flush();
        assertEquals(3, log.recoveryPoint());
        String checkpoint = Files.readString(partitionDir().resolve("checkpoint"));
        assertArrayEquals(new String[] {"1", "0", "3"}, checkpoint.split("\n"));
    }

    @Test
    void readOnlyBuffersAreRefused() throws IOException {
        FileLog log = newLog(Map.of());
        assertThrows(IllegalArgumentException.class, () -> log.append(TestBatches.batch(1, 1).asReadOnlyBuffer()));
        assertNotEquals(null, log.config());
    }
}
