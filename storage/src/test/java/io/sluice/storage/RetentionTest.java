package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** cleanup.policy=delete: retention by time and by size, the log start offset, gentle deletion. */
class RetentionTest extends StoreTestBase {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static Map<String, String> config(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of(LogConfig.SEGMENT_BYTES, "1024",
                LogConfig.INDEX_INTERVAL_BYTES, "100"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(partitionDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void segmentsOlderThanRetentionMsGoAndTheStartOffsetMovesDurably() throws IOException {
        FileLog log = newLog(config(LogConfig.RETENTION_MS, Long.toString(DAY)));
        long now = clock.millis();
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(3, now - 3 * DAY + i, 50));
        }
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(3, now - HOUR, 50));
        }
        List<Segment> before = log.segments();
        int expired = 0;
        while (before.get(expired).maxTimestamp().timestamp() < now - DAY) {
            expired++;
        }
        assertTrue(expired >= 2 && expired < before.size() - 1, "a few expired segments: " + expired);
        long expectedStart = before.get(expired).baseOffset;

        assertEquals(expired, store.runRetentionOnce());
        assertEquals(expectedStart, log.logStartOffset());
        assertEquals(180, log.logEndOffset());
        assertEquals(before.size() - expired, log.segments().size());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(expectedStart - 1, 1000, true));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(0, 1000, true));
        List<ByteBuffer> kept = readAll(log);
        assertContiguous(kept, expectedStart);
        assertEquals(0, store.runRetentionOnce(), "nothing more is due");

        FileLog reopened = reopen();
        assertEquals(expectedStart, reopened.logStartOffset());
        assertEquals(180, reopened.logEndOffset());
        assertEquals(kept, readAll(reopened));
        assertTrue(files(".deleted").isEmpty(), "closing the store deletes what was waiting");
        FileLog afterCrash = crashAndReopen();
        assertEquals(expectedStart, afterCrash.logStartOffset(), "the start offset is in the checkpoint");
    }

    @Test
    void anExpiredActiveSegmentIsRolledSoTheLogEndsEmptyAtTheSameOffset() throws IOException {
        FileLog log = newLog(config(LogConfig.RETENTION_MS, Long.toString(DAY)));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(3, clock.millis() - 2 * DAY, 50));
        }
        int segments = log.segments().size();
        assertEquals(segments, store.runRetentionOnce());
        assertEquals(60, log.logStartOffset());
        assertEquals(60, log.logEndOffset());
        assertEquals(1, log.segments().size());
        assertEquals(60, log.segments().get(0).baseOffset);
        assertEquals(0, log.sizeInBytes());
        assertEquals(0, log.read(60, 1000, true).size());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(59, 1000, true));
        assertEquals(0, store.runRetentionOnce(), "an empty active segment is never deleted");
        assertEquals(60, log.append(TestBatches.batch(1, clock.millis(), 10)).firstOffset());

        FileLog reopened = reopen();
        assertEquals(60, reopened.logStartOffset());
        assertEquals(61, reopened.logEndOffset());
    }

    @Test
    void theClockDecidesWhatHasExpired() throws IOException {
        FileLog log = newLog(config(LogConfig.RETENTION_MS, Long.toString(HOUR)));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(3, clock.millis(), 50));
        }
        assertEquals(0, store.runRetentionOnce());
        clock.advance(HOUR);
        assertEquals(0, store.runRetentionOnce(), "retention.ms must be exceeded, not reached");
        clock.advance(1);
        assertTrue(store.runRetentionOnce() > 0);
        assertEquals(60, log.logStartOffset());
        assertEquals(60, log.logEndOffset());
    }

    @Test
    void retentionBytesDeletesOldestWholeSegmentsWhileTheRestStaysAtOrAboveTheLimit() throws IOException {
        long limit = 3000;
        FileLog log = newLog(config(LogConfig.RETENTION_BYTES, Long.toString(limit)));
        for (int i = 0; i < 60; i++) {
            log.append(TestBatches.batch(3, clock.millis(), 50));
        }
        List<Segment> before = log.segments();
        long diff = log.sizeInBytes() - limit;
        int expected = 0;
        while (diff - before.get(expected).size() >= 0) {
            diff -= before.get(expected).size();
            expected++;
        }
        assertTrue(expected > 2);
        assertEquals(expected, store.runRetentionOnce());
        assertEquals(before.get(expected).baseOffset, log.logStartOffset());
        assertTrue(log.sizeInBytes() >= limit);
        assertTrue(log.sizeInBytes() - log.segments().get(0).size() < limit, "one more would go below the limit");
        assertContiguous(readAll(log), log.logStartOffset());
    }

    @Test
    void retentionBytesZeroEmptiesTheLogIncludingTheActiveSegment() throws IOException {
        FileLog log = newLog(config(LogConfig.RETENTION_BYTES, "0"));
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.batch(3, clock.millis(), 50));
        }
        store.runRetentionOnce();
        assertEquals(30, log.logStartOffset());
        assertEquals(30, log.logEndOffset());
    }

    @Test
    void minusOneKeepsEverythingAndCompactOnlyTopicsAreNotDeletedFrom() throws IOException {
        open();
        store.createTopic("keep", 1, config(LogConfig.RETENTION_MS, "-1", LogConfig.RETENTION_BYTES, "-1"));
        store.createTopic("compacted", 1, config(LogConfig.CLEANUP_POLICY, "compact", LogConfig.RETENTION_MS, "1",
                LogConfig.RETENTION_BYTES, "0"));
        for (String t : List.of("keep", "compacted")) {
            for (int i = 0; i < 20; i++) {
                store.log(t, 0).append(TestBatches.batch(3, 1_000, 50));
            }
        }
        assertEquals(0, store.runRetentionOnce());
        assertEquals(0, store.log("keep", 0).logStartOffset());
        assertEquals(0, store.log("compacted", 0).logStartOffset());
    }

    @Test
    @Timeout(20)
    void theBackgroundTaskRunsEveryRetentionCheckInterval() throws Exception {
        tweak = o -> o.withRetentionCheckIntervalMs(20).withFileDeleteDelayMs(0);
        FileLog log = newLog(config(LogConfig.RETENTION_MS, Long.toString(DAY)));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(3, clock.millis() - 2 * DAY, 50));
        }
        while (log.logStartOffset() < 60) {
            Thread.sleep(10);
        }
        assertEquals(60, log.logEndOffset());
        // The log start moves before the task renames the segments it dropped: wait for both.
        List<java.nio.file.Path> expected = List.of(partitionDir().resolve("00000000000000000060.log"));
        long deadline = System.currentTimeMillis() + 10_000;
        while ((!files(".log").equals(expected) || !files(".deleted").isEmpty())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, files(".log"));
        assertEquals(List.of(), files(".deleted"));
    }

    @Test
    void aDeletedSegmentStaysReadableForTheDeleteDelay() throws IOException {
        FileLog log = newLog(config(LogConfig.RETENTION_MS, Long.toString(DAY)));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(3, clock.millis() - 2 * DAY, 50));
        }
        LogSlice inFlight = log.read(0, 100_000, true);
        ByteBuffer expected = inFlight.readFully();
        store.runRetentionOnce();
        assertTrue(files(".log").stream().noneMatch(p -> p.getFileName().toString().startsWith(Segment.name(0))));
        assertTrue(files(".log.deleted").size() > 1, "renamed, not yet deleted");
        assertTrue(store.maintenance().deleter().pendingCount() > 0);
        assertEquals(expected, inFlight.readFully(), "a fetch already holding the slice still completes");
        store.close();
        assertTrue(files(".deleted").isEmpty());
    }

    @Test
    void withNoDelayTheFilesGoAtOnce() throws IOException {
        tweak = o -> o.withFileDeleteDelayMs(0);
        FileLog log = newLog(config(LogConfig.RETENTION_MS, Long.toString(DAY)));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(3, clock.millis() - 2 * DAY, 50));
        }
        LogSlice inFlight = log.read(0, 100_000, true);
        store.runRetentionOnce();
        assertTrue(files(".deleted").isEmpty());
        assertEquals(1, files(".log").size());
        assertThrows(IOException.class, inFlight::readFully);
    }

    @Test
    void deleteRecordsAlsoDeletesGentlyAndLeftoversGoOnOpen() throws IOException {
        FileLog log = newLog(config());
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(3, clock.millis(), 50));
        }
        log.deleteRecordsBefore(40);
        assertFalse(files(".deleted").isEmpty());
        FileLog reopened = crashAndReopen();
        assertTrue(files(".deleted").isEmpty(), "a crash leaves .deleted files; the next open removes them");
        assertEquals(40, reopened.logStartOffset());
        assertTrue(lastOffset(readAll(reopened).get(0)) >= 40);
        assertThrows(OffsetOutOfRangeException.class, () -> reopened.read(39, 1000, true));
    }
}
