package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerStateTest extends StoreTestBase {

    private static ByteBuffer idempotent(long pid, int epoch, int seq, int records) {
        return TestBatches.builder().records(records, 1_000, 10).producer(pid, epoch, seq).build();
    }

    @Test
    void duplicateBatchIsNotAppendedAndGetsItsOriginalOffsets() throws IOException {
        FileLog log = newLog(Map.of());
        assertEquals(0, log.append(idempotent(1, 0, 0, 3)).firstOffset());
        assertEquals(3, log.append(idempotent(1, 0, 3, 2)).firstOffset());
        long size = log.sizeInBytes();

        AppendResult dup = log.append(idempotent(1, 0, 0, 3));
        assertTrue(dup.duplicate());
        assertEquals(0, dup.firstOffset());
        assertEquals(2, dup.lastOffset());
        AppendResult dup2 = log.append(idempotent(1, 0, 3, 2));
        assertTrue(dup2.duplicate());
        assertEquals(3, dup2.firstOffset());
        assertEquals(4, dup2.lastOffset());
        assertEquals(5, log.logEndOffset());
        assertEquals(size, log.sizeInBytes());
        assertFalse(log.append(idempotent(1, 0, 5, 1)).duplicate());
    }

    @Test
    void outOfOrderSequenceIsRejected() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(idempotent(1, 0, 0, 3));
        OutOfOrderSequenceException e = assertThrows(OutOfOrderSequenceException.class,
                () -> log.append(idempotent(1, 0, 5, 1)));
        assertTrue(e.getMessage().contains("expected sequence 3, got 5"), e.getMessage());
        assertEquals(3, log.logEndOffset());
        assertEquals(3, log.append(idempotent(1, 0, 3, 1)).firstOffset());
    }

    @Test
    void olderEpochIsFencedAndNewerEpochMustStartAtZero() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(idempotent(1, 2, 0, 1));
        assertThrows(InvalidProducerEpochException.class, () -> log.append(idempotent(1, 1, 1, 1)));
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(idempotent(1, 3, 5, 1)));
        assertEquals(1, log.logEndOffset());
        assertFalse(log.append(idempotent(1, 3, 0, 1)).duplicate());
        // the new epoch reset the batches: the old epoch's batch is no longer a duplicate but fenced
        assertThrows(InvalidProducerEpochException.class, () -> log.append(idempotent(1, 2, 0, 1)));
    }

    @Test
    void unknownProducersMayStartAnywhere() throws IOException {
        FileLog log = newLog(Map.of());
        assertEquals(0, log.append(idempotent(7, 0, 42, 2)).firstOffset());
        assertEquals(2, log.append(idempotent(8, 5, 1000, 1)).firstOffset());
        assertEquals(3, log.append(idempotent(7, 0, 44, 1)).firstOffset());
    }

    @Test
    void onlyTheLastFiveBatchesAreRecognisedAsDuplicates() throws IOException {
        FileLog log = newLog(Map.of());
        for (int seq = 0; seq < 7; seq++) {
            log.append(idempotent(1, 0, seq, 1));
        }
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(idempotent(1, 0, 1, 1)));
        AppendResult dup = log.append(idempotent(1, 0, 2, 1));
        assertTrue(dup.duplicate());
        assertEquals(2, dup.firstOffset());
    }

    @Test
    void sequencesWrapAroundAtIntMax() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(idempotent(1, 0, Integer.MAX_VALUE - 1, 2));
        assertEquals(2, log.append(idempotent(1, 0, 0, 1)).firstOffset());
        log.append(idempotent(2, 0, Integer.MAX_VALUE, 3));
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(idempotent(2, 0, 0, 1)));
        assertEquals(6, log.append(idempotent(2, 0, 2, 1)).firstOffset());
    }

    @Test
    void aRequestIsAtomic() throws IOException {
        FileLog log = newLog(Map.of());
        ByteBuffer bad = TestBatches.concat(idempotent(1, 0, 0, 2), idempotent(1, 0, 5, 1));
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(bad));
        assertEquals(0, log.logEndOffset());
        AppendResult r = log.append(TestBatches.concat(idempotent(1, 0, 0, 2), idempotent(1, 0, 2, 1),
                TestBatches.batch(1, 1)));
        assertEquals(0, r.firstOffset());
        assertEquals(3, r.lastOffset());
        assertTrue(log.append(idempotent(1, 0, 2, 1)).duplicate());
    }

    @Test
    void stateSurvivesACleanRestart() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(idempotent(1, 0, 0, 3));
        log.append(idempotent(1, 0, 3, 2));
        FileLog reopened = reopen();
        assertStateRestored(reopened, 3);
    }

    @Test
    void stateSurvivesACrashWithoutSnapshot() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(idempotent(1, 0, 0, 3));
        log.append(idempotent(1, 0, 3, 2));
        assertStateRestored(crashAndReopen(), 3);
    }

    @Test
    void stateSurvivesACrashFromSnapshotPlusLaterBatches() throws IOException {
        FileLog log = newLog(Map.of(LogConfig.SEGMENT_BYTES, "1024"));
        log.append(idempotent(1, 0, 0, 3));
        log.append(idempotent(2, 4, 10, 1));
        log.flush(); // writes the producer snapshot
        log.append(idempotent(1, 0, 3, 2));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(2, 1, 20));
        }
        FileLog recovered = crashAndReopen();
        assertStateRestored(recovered, 4);
        assertTrue(recovered.append(idempotent(2, 4, 10, 1)).duplicate());
        assertThrows(InvalidProducerEpochException.class, () -> recovered.append(idempotent(2, 3, 0, 1)));
    }

    /** Producer 1 epoch 0 last wrote sequences 3..4 at {@code offset}..{@code offset + 1}. */
    private static void assertStateRestored(FileLog log, long offset) throws IOException {
        AppendResult dup = log.append(idempotent(1, 0, 3, 2));
        assertTrue(dup.duplicate());
        assertEquals(offset, dup.firstOffset());
        assertEquals(offset + 1, dup.lastOffset());
        assertThrows(OutOfOrderSequenceException.class, () -> log.append(idempotent(1, 0, 7, 1)));
        assertFalse(log.append(idempotent(1, 0, 5, 1)).duplicate());
    }

    @Test
    void deletingRecordsForgetsProducersWithNothingLeft() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(idempotent(1, 0, 0, 3));
        log.append(TestBatches.batch(2, 1));
        log.deleteRecordsBefore(4);
        // producer 1 is unknown again, so any sequence goes
        assertFalse(log.append(idempotent(1, 0, 17, 1)).duplicate());
    }

    @Test
    void nonIdempotentBatchesSkipTheChecks() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(TestBatches.batch(1, 1));
        log.append(TestBatches.batch(1, 1));
        assertEquals(2, log.logEndOffset());
    }
}
