package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An interrupted caller closes a FileChannel for every thread; the log must carry on regardless. */
class InterruptTest extends StoreTestBase {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedReadDoesNotBreakTheLog() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(TestBatches.batch(3, 1));
        Thread.currentThread().interrupt();
        assertThrows(ClosedByInterruptException.class, () -> log.read(0, 1000, true).readFully());
        assertTrue(Thread.interrupted());
        assertEquals(3, TestBatches.split(log.read(0, 1000, true).readFully()).get(0).getInt(57));
        assertEquals(3, log.append(TestBatches.batch(1, 1)).firstOffset());
    }

    @Test
    void anInterruptedAppendLeavesNothingBehind() throws IOException {
        FileLog log = newLog(Map.of());
        log.append(TestBatches.batch(3, 1));
        long size = log.sizeInBytes();
        Thread.currentThread().interrupt();
        assertThrows(ClosedByInterruptException.class, () -> log.append(TestBatches.batch(2, 1)));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(3, log.logEndOffset());
        assertEquals(size, Files.size(partitionDir().resolve("00000000000000000000.log")));
        assertEquals(3, log.append(TestBatches.batch(2, 1)).firstOffset());
        assertContiguous(readAll(log), 0);
        assertEquals(5, reopen().logEndOffset());
    }
}
