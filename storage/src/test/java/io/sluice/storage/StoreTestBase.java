package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A store in a temp directory with a hand-driven clock and no background flush unless asked. */
abstract class StoreTestBase {

    static final String TOPIC = "t";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();
    FileLogStore store;
    long flushIntervalMs = 3_600_000;
    /** Adjusts the options {@link #open()} uses (retention, deletion delay, cleaner). */
    UnaryOperator<FileLogStore.Options> tweak = o -> o;

    FileLogStore open() throws IOException {
        store = FileLogStore.open(dir, tweak.apply(FileLogStore.Options.defaults().withFlushIntervalMs(flushIntervalMs)
                .withClock(clock)));
        return store;
    }

    @AfterEach
    void closeStore() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    /** Opens the store and creates topic {@link #TOPIC} with one partition. */
    FileLog newLog(Map<String, String> overrides) throws IOException {
        open().createTopic(TOPIC, 1, overrides);
        return log();
    }

    FileLog log() {
        return (FileLog) store.log(TOPIC, 0);
    }

    FileLog reopen() throws IOException {
        store.close();
        open();
        return log();
    }

    /** Stops the store as kill -9 would (nothing flushed, no marker) and opens it again. */
    FileLog crashAndReopen() throws IOException {
        store.crashClose();
        open();
        return log();
    }

    Path partitionDir() {
        return dir.resolve("topics").resolve(TOPIC).resolve("0");
    }

    /** Every batch from the log start to the end, following slices across segments. */
    static List<ByteBuffer> readAll(PartitionLog log) throws IOException {
        List<ByteBuffer> out = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogSlice slice = log.read(offset, Integer.MAX_VALUE, true);
            assertTrue(slice.size() > 0, "empty slice at " + offset);
            for (ByteBuffer b : TestBatches.split(slice.readFully())) {
                out.add(b);
                offset = lastOffset(b) + 1;
            }
        }
        return out;
    }

    static ByteBuffer firstBatch(LogSlice slice) throws IOException {
        return TestBatches.split(slice.readFully()).get(0);
    }

    static long baseOffset(ByteBuffer batch) {
        return batch.getLong(batch.position());
    }

    static long lastOffset(ByteBuffer batch) {
        return baseOffset(batch) + batch.getInt(batch.position() + 23);
    }

    /** Checks offsets are contiguous from {@code start}, and every CRC. */
    static void assertContiguous(List<ByteBuffer> batches, long start) {
        long expected = start;
        for (ByteBuffer b : batches) {
            assertEquals(expected, baseOffset(b), "batch offsets must be contiguous");
            assertTrue(TestBatches.crcValid(b), "CRC of batch at " + expected);
            expected = lastOffset(b) + 1;
        }
    }
}
