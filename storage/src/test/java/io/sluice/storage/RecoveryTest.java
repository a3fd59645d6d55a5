package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryTest extends StoreTestBase {

    private static final Map<String, String> SMALL_SEGMENTS = Map.of(LogConfig.SEGMENT_BYTES, "2048",
            LogConfig.INDEX_INTERVAL_BYTES, "200");

    private FileLog fill(Map<String, String> overrides, int batches) throws IOException {
        FileLog log = newLog(overrides);
        for (int i = 0; i < batches; i++) {
            log.append(TestBatches.batch(3, 1_000 + i * 10L, 20));
        }
        return log;
    }

    @Test
    void cleanReopenReusesIndexesAndKeepsOffsets() throws IOException {
        FileLog log = fill(SMALL_SEGMENTS, 60);
        long end = log.logEndOffset();
        Optional<OffsetAndTimestamp> at = log.offsetForTimestamp(1_255);
        List<ByteBuffer> before = readAll(log);
        store.close();
        Path index = partitionDir().resolve("00000000000000000000.index");
        byte[] indexBytes = Files.readAllBytes(index);
        byte[] timeIndexBytes = Files.readAllBytes(partitionDir().resolve("00000000000000000000.timeindex"));
        assertTrue(indexBytes.length > 0);
        assertTrue(Files.exists(dir.resolve(".clean-shutdown")));

        open();
        FileLog reopened = log();
        assertFalse(Files.exists(dir.resolve(".clean-shutdown")), "the marker goes once the store is open");
        assertEquals(0, reopened.recoveredSegments());
        assertEquals(end, reopened.logEndOffset());
        assertEquals(before, readAll(reopened));
        assertEquals(at, reopened.offsetForTimestamp(1_255));
        assertEquals(log.segments().size(), reopened.segments().size());
        assertEquals(60 * 3, reopened.append(TestBatches.batch(1, 1)).firstOffset());
        store.close();
        assertArrayEquals(indexBytes, Files.readAllBytes(index));
        assertArrayEquals(timeIndexBytes,
                Files.readAllBytes(partitionDir().resolve("00000000000000000000.timeindex")));
    }

    @Test
    void crashRecoversEverythingThatReachedTheFiles() throws IOException {
        FileLog log = fill(SMALL_SEGMENTS, 60);
        List<ByteBuffer> before = readAll(log);
        FileLog recovered = crashAndReopen();
        assertEquals(log.segments().size(), recovered.recoveredSegments(), "nothing was flushed: scan all");
        assertEquals(180, recovered.logEndOffset());
        assertEquals(before, readAll(recovered));
        assertEquals(Optional.of(new OffsetAndTimestamp(3 * 30, 1_300)), recovered.offsetForTimestamp(1_300));
        assertEquals(180, recovered.recoveryPoint(), "recovered data is forced at once");
        assertEquals(180, recovered.append(TestBatches.batch(1, 1)).firstOffset());
    }

    @Test
    void flushedSegmentsAreTrustedAfterACrash() throws IOException {
        FileLog log = fill(SMALL_SEGMENTS, 60);
        log.flush();
        log.append(TestBatches.batch(3, 5_000, 20));
        FileLog recovered = crashAndReopen();
        assertEquals(1, recovered.recoveredSegments(), "only the segment past the recovery point is scanned");
        assertEquals(183, recovered.logEndOffset());
        assertContiguous(readAll(recovered), 0);
    }

    @Test
    void tornTailIsCutOff() throws IOException {
        FileLog log = fill(Map.of(), 10);
        List<ByteBuffer> before = readAll(log);
        store.crashClose();
        Path file = partitionDir().resolve("00000000000000000000.log");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 7);
        }
        open();
        FileLog recovered = log();
        assertEquals(27, recovered.logEndOffset());
        assertEquals(before.subList(0, 9), readAll(recovered));
        assertEquals(27, recovered.append(TestBatches.batch(2, 1)).firstOffset());
        assertEquals(10, readAll(recovered).size());
        assertContiguous(readAll(recovered), 0);
    }

    @Test
    void corruptLastBatchIsCutOff() throws IOException {
        FileLog log = fill(Map.of(), 10);
        List<ByteBuffer> before = readAll(log);
        store.crashClose();
        Path file = partitionDir().resolve("00000000000000000000.log");
        flipByte(file, Files.size(file) - 5);
        open();
        FileLog recovered = log();
        assertEquals(27, recovered.logEndOffset());
        assertEquals(before.subList(0, 9), readAll(recovered));
        assertEquals(27, recovered.append(TestBatches.batch(3, 1)).firstOffset());
        assertContiguous(readAll(recovered), 0);
    }

    @Test
    void corruptionInAnEarlierSegmentDropsTheSegmentsAfterIt() throws IOException {
        FileLog log = fill(SMALL_SEGMENTS, 60);
        List<Segment> segments = log.segments();
        assertTrue(segments.size() >= 4);
        Segment victim = segments.get(1);
        long victimBase = victim.baseOffset;
        Path victimFile = victim.logFile();
        store.crashClose();
        // the second batch of the second segment
        int firstSize = TestBatches.batch(3, 1, 20).remaining();
        flipByte(victimFile, firstSize + 70);
        open();
        FileLog recovered = log();
        assertEquals(victimBase + 3, recovered.logEndOffset());
        assertEquals(2, recovered.segments().size());
        for (int i = 2; i < segments.size(); i++) {
            assertFalse(Files.exists(segments.get(i).logFile()), "later segment must be deleted");
        }
        assertContiguous(readAll(recovered), 0);
        assertEquals(victimBase + 3, recovered.append(TestBatches.batch(1, 1)).firstOffset());
    }

    @Test
    void wrongOffsetsAreTreatedAsCorruption() throws IOException {
        fill(Map.of(), 5);
        store.crashClose();
        Path file = partitionDir().resolve("00000000000000000000.log");
        int size = TestBatches.batch(3, 1, 20).remaining();
        // the fourth batch claims offset 0 again: offsets must never go backwards
        ByteBuffer zero = ByteBuffer.allocate(8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(zero, 3L * size);
        }
        open();
        assertEquals(9, log().logEndOffset());
    }

    @Test
    void missingIndexIsRebuiltAfterCleanShutdown() throws IOException {
        FileLog log = fill(SMALL_SEGMENTS, 60);
        List<ByteBuffer> before = readAll(log);
        store.close();
        Files.delete(partitionDir().resolve("00000000000000000000.index"));
        Files.writeString(partitionDir().resolve("00000000000000000000.timeindex"), "garbage");
        open();
        FileLog reopened = log();
        assertTrue(reopened.recoveredSegments() >= 1);
        assertEquals(before, readAll(reopened));
        assertEquals(Optional.of(new OffsetAndTimestamp(30, 1_100)), reopened.offsetForTimestamp(1_095));
        assertTrue(Files.size(partitionDir().resolve("00000000000000000000.index")) > 0);
    }

    @Test
    void strayFilesAreRemovedOnOpen() throws IOException {
        fill(Map.of(), 3);
        store.crashClose();
        Files.writeString(partitionDir().resolve("checkpoint.tmp"), "x");
        Files.writeString(partitionDir().resolve("00000000000000099999.index"), "x");
        open();
        assertFalse(Files.exists(partitionDir().resolve("checkpoint.tmp")));
        assertFalse(Files.exists(partitionDir().resolve("00000000000000099999.index")));
        assertEquals(9, log().logEndOffset());
    }

    @Test
    void periodicFlushWritesTheCheckpoint() throws Exception {
        flushIntervalMs = 20;
        FileLog log = fill(Map.of(), 4);
        Path checkpoint = partitionDir().resolve("checkpoint");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (log.recoveryPoint() < 12 || !Files.exists(checkpoint)
                || !Files.readString(checkpoint).equals("1\n0\n12\n")) {
            assertTrue(System.nanoTime() < deadline, "the background flush never wrote the checkpoint");
            clock.advance(20);
            Thread.sleep(5);
        }
        assertTrue(Files.exists(partitionDir().resolve("producer.snapshot")));
    }

    @Test
    void aSecondStoreCannotOpenTheSameDirectory() throws IOException {
        open();
        IOException e = assertThrows(IOException.class, () -> FileLogStore.open(dir));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }

    @Test
    void closedStoreRefusesWork() throws IOException {
        FileLog log = newLog(Map.of());
        store.close();
        assertThrows(IllegalStateException.class, () -> store.log(TOPIC, 0));
        assertThrows(IllegalStateException.class, () -> store.topics());
        assertThrows(IllegalStateException.class, () -> log.append(TestBatches.batch(1, 1)));
        assertThrows(IllegalStateException.class, () -> log.read(0, 10, true));
        store.close();
    }

    @Test
    void manyPartitionsRecoverTogether() throws IOException {
        open().createTopic("multi", 4, SMALL_SEGMENTS);
        List<Long> ends = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            PartitionLog log = store.log("multi", p);
            for (int i = 0; i <= p * 5; i++) {
                log.append(TestBatches.batch(2, i, 30));
            }
            ends.add(log.logEndOffset());
        }
        store.crashClose();
        open();
        for (int p = 0; p < 4; p++) {
            assertEquals(ends.get(p), store.log("multi", p).logEndOffset());
        }
    }

    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            ch.write(one, position);
        }
    }
}
