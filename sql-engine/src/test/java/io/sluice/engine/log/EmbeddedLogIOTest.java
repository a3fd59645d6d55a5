package io.sluice.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.FileLogStore;
import io.sluice.storage.LogSlice;
import io.sluice.storage.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over a file log store in a temp directory, plus what only the embedded log does. */
class EmbeddedLogIOTest extends LogIOContractTests {

    @TempDir
    Path dir;

    private FileLogStore store;
    private final Set<String> appendsHeard = ConcurrentHashMap.newKeySet();

    @Override
    protected LogIO open() throws Exception {
        store = FileLogStore.open(dir.resolve("logs"));
        return new EmbeddedLogIO(store, (topic, partition) -> appendsHeard.add(topic + "-" + partition));
    }

    @Override
    protected void release() throws Exception {
        store.close();
    }

    @Test
    void theAppendListenerHearsEveryPartitionWritten() {
        String t = topic();
        io.createTopic(t, 3, Map.of());
        try (LogWriter w = io.writer()) {
            w.append(OutRecord.of(t, 0, bytes("a"), bytes("1")));
            w.append(OutRecord.of(t, 2, bytes("b"), bytes("2")));
            w.flush();
        }
        assertEquals(Set.of(t + "-0", t + "-2"), appendsHeard);
    }

    @Test
    void appendsByOthersWakeReadersWhenTold() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        TopicPartition tp = new TopicPartition(t, 0);
        EmbeddedLogIO embedded = (EmbeddedLogIO) io;
        try (LogReader r = io.reader()) {
            r.assign(Map.of(tp, LogReader.LATEST));
            CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
                sleep(300);
                try {
                    // as the broker's produce path would: straight into the store, then tell the engine
                    BatchCodec.Builder b = new BatchCodec.Builder(ByteBuffer.allocate(256), 1 << 20);
                    b.tryAppend(42L, bytes("k"), bytes("from outside"), List.of());
                    store.log(t, 0).append(b.build());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                embedded.appended(t, 0);
            });
            List<InRecord> got = r.poll(PATIENCE);
            assertEquals(1, got.size());
            assertEquals("from outside", str(got.get(0).value()));
            assertEquals(42L, got.get(0).timestamp());
            broker.get(10, TimeUnit.SECONDS);
        }
        assertTrue(appendsHeard.isEmpty(), "appended() is for others' appends: the listener is not called");
    }

    @Test
    void consecutiveAppendsToAPartitionShareABatch() throws Exception {
        String t = topic();
        io.createTopic(t, 2, Map.of());
        // no linger timer in the way: only a full batch or the flush writes
        try (EmbeddedLogIO slow = new EmbeddedLogIO(store, null, EmbeddedLogIO.Options.defaults().withLingerMs(600_000));
             LogWriter w = slow.writer()) {
            for (int i = 0; i < 10_000; i++) {
                w.append(OutRecord.of(t, i % 2, bytes("k" + i), new byte[100]));
            }
            w.flush();
        }
        // 5,000 records of ~115 bytes (575 KB) per partition, in batches of at most 512 KiB
        assertEquals(2, batches(store.log(t, 0)));
        assertEquals(2, batches(store.log(t, 1)));

        String t2 = topic() + "-nolinger";
        io.createTopic(t2, 1, Map.of());
        try (EmbeddedLogIO eager = new EmbeddedLogIO(store, null, EmbeddedLogIO.Options.defaults().withLingerMs(0));
             LogWriter w = eager.writer()) {
            CompletableFuture<Long> f = null;
            for (int i = 0; i < 10; i++) {
                f = w.append(OutRecord.of(t2, 0, bytes("k" + i), bytes("v")));
            }
            assertTrue(f.isDone(), "linger 0 writes at once");
        }
        assertEquals(10, batches(store.log(t2, 0)));
    }

    @Test
    void actionsOnFuturesOfFullBatchesMayAppendToTheSamePartition() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        // batches of one or two records, so appends keep filling and writing batches, and every
        // write runs actions that append again while the outer append is still in progress
        List<CompletableFuture<Long>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (EmbeddedLogIO tiny = new EmbeddedLogIO(store, null, EmbeddedLogIO.Options.defaults().withBatchBytes(150));
             LogWriter w = tiny.writer()) {
            for (int i = 0; i < 100; i++) {
                CompletableFuture<Long> f = w.append(OutRecord.of(t, 0, null, bytes("outer-" + i)));
                all.add(f);
                int n = i;
                f.thenRun(() -> all.add(w.append(OutRecord.of(t, 0, null, bytes("inner-" + n)))));
            }
            w.flush();
            w.flush(); // the inner appends made during the first flush
            for (CompletableFuture<Long> f : all) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally(), "every append was written");
            }
        }
        assertEquals(200, all.size());
        assertEquals(200, io.endOffset(new TopicPartition(t, 0)));
        assertEquals(200, java.util.Set.copyOf(all.stream().map(CompletableFuture::join).toList()).size(),
                "200 distinct offsets");
    }

    @Test
    void aSmallPollLimitReturnsTheRestNextTime() {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        write(t, 0, 25);
        try (EmbeddedLogIO small = new EmbeddedLogIO(store, null, EmbeddedLogIO.Options.defaults().withMaxPollRecords(10));
             LogReader r = small.reader()) {
            r.assign(earliest(t, 1));
            assertEquals(10, r.poll(Duration.ZERO).size());
            List<InRecord> next = r.poll(Duration.ZERO);
            assertEquals(10, next.size());
            assertEquals(10, next.get(0).offset(), "the rest of the batch, not skipped");
            assertEquals(5, r.poll(Duration.ZERO).size());
            assertEquals(25, r.position(new TopicPartition(t, 0)));
        }
    }

    private static int batches(PartitionLog log) throws Exception {
        int count = 0;
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogSlice s = log.read(offset, Integer.MAX_VALUE, true);
            for (MutableRecordBatch b : MemoryRecords.readableRecords(s.readFully()).batches()) {
                count++;
                offset = b.nextOffset();
            }
        }
        return count;
    }
}
