package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.KeyedRecords.Kv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fetch that lands in a gap at the end of a compacted segment moves on to the next segment;
 * if compaction merges that segment with its successors in between, the fetch must still find
 * every retained record. Deterministic: the swap runs from the reader's own hook, exactly between
 * "no batch here" and "look at the next segment".
 */
class ReadDuringSwapTest extends StoreTestBase {

    private static final long SEGMENT_MS = 1_000;
    private static final String BIG = "v".repeat(1_400);

    private void roll(FileLog log, String... kvs) throws IOException {
        clock.advance(SEGMENT_MS);
        log.append(KeyedRecords.batch(clock.millis(), kvs));
    }

    private static List<Long> bases(FileLog log) {
        return log.segments().stream().map(s -> s.baseOffset).toList();
    }

    @ParameterizedTest(name = "file.delete.delay.ms={0}")
    @ValueSource(longs = {60_000, 0})
    void aReadInAGapAtASegmentsEndFindsTheNextRecordWhenCompactionMergesTheSegmentsAfterIt(long deleteDelayMs)
            throws IOException {
        tweak = o -> o.withCleanerEnabled(false).withFileDeleteDelayMs(deleteDelayMs);
        // segment.bytes keeps the two big segments apart in the first pass and lets them merge in the second
        FileLog log = newLog(Map.of(LogConfig.CLEANUP_POLICY, "compact", LogConfig.SEGMENT_MS,
                Long.toString(SEGMENT_MS), LogConfig.SEGMENT_BYTES, "4096", LogConfig.MIN_CLEANABLE_DIRTY_RATIO,
                "0.01"));
        log.append(KeyedRecords.batch(clock.millis(), "a", BIG)); // 0
        log.append(KeyedRecords.batch(clock.millis(), "x", BIG)); // 1, superseded by 2
        roll(log, "x", BIG);                                      // 2
        log.append(KeyedRecords.batch(clock.millis(), "b", "1")); // 3
        roll(log, "c", "1");                                      // 4, active
        assertEquals(List.of(0L, 2L, 4L), bases(log));

        // first pass: [0] and [2] are cleaned apart; x@1 goes with its batch, leaving a gap at offset 1
        assertEquals(1, store.runCleanerOnce());
        assertEquals(List.of(0L, 2L, 4L), bases(log));
        assertEquals(1, log.segments().get(0).nextOffset(), "segment 0 now ends before offset 1");
        assertEquals(2, baseOffset(firstBatch(log.read(1, Integer.MAX_VALUE, true))), "no swap: 1 reads as 2");

        // second pass, run just as the fetch at 1 found nothing in segment 0: 0, 2 and 4 merge into one segment
        AtomicBoolean swapped = new AtomicBoolean();
        log.reader().onSegmentMiss = () -> {
            if (swapped.compareAndSet(false, true)) {
                try {
                    roll(log, "d", "1"); // 5: closes segment 4 so that it is cleanable
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertEquals(1, store.runCleanerOnce());
                assertEquals(List.of(0L, 5L), bases(log), "the second pass merged segments 0, 2 and 4");
            }
        };
        LogSlice slice = log.read(1, Integer.MAX_VALUE, true);
        log.reader().onSegmentMiss = null;
        assertTrue(swapped.get(), "the swap ran during the read");

        List<ByteBuffer> batches = TestBatches.split(slice.readFully());
        assertFalse(batches.isEmpty());
        assertEquals(2, baseOffset(batches.get(0)), "the fetch at 1 must return x@2, not skip the merged segment");
        assertEquals(List.of("a", "x", "b", "c", "d"), KeyedRecords.all(log).stream().map(Kv::key).toList());
    }
}
