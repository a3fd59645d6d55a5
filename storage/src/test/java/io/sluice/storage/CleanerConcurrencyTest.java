package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.KeyedRecords.Kv;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/** Cleaning while a producer appends and readers fetch and query: nothing is lost or garbled. */
class CleanerConcurrencyTest extends StoreTestBase {

    private static final int BATCHES = 1500;
    private static final int PER_BATCH = 5;
    private static final int KEYS = 150;

    /** What the producer wrote: offset to key and value. */
    private final Map<Long, String[]> written = new ConcurrentHashMap<>();
    /** Per key, the offset of its last write whose append returned. */
    private final Map<String, Long> lastByKey = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean done;
    private boolean toleratesClosedSlices;

    /**
     * With a delete delay, a fetch never sees a segment closed under it. Without one, sending a
     * slice can fail (that is what the delay is for): the reader then fetches again.
     */
    @ParameterizedTest(name = "file.delete.delay.ms={0}")
    @ValueSource(longs = {1_000, 0})
    @Timeout(60)
    void cleaningConcurrentWithAppendsReadsAndQueriesLosesNothing(long deleteDelayMs) throws Exception {
        tweak = o -> o.withCleanerEnabled(false).withFileDeleteDelayMs(deleteDelayMs);
        toleratesClosedSlices = deleteDelayMs == 0;
        FileLog log = newLog(Map.of(LogConfig.CLEANUP_POLICY, "compact", LogConfig.SEGMENT_BYTES, "4096",
                LogConfig.INDEX_INTERVAL_BYTES, "256", LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.01"));
        CompactedIndex index = log.compactedIndex().orElseThrow();
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger fullReads = new AtomicInteger();

        Thread producer = thread("producer", () -> {
            Random rnd = new Random(1);
            for (int i = 0; i < BATCHES; i++) {
                if (i % 100 == 99) {
                    // let the cleaner and the reader finish a round, so all three really interleave
                    int p = passes.get();
                    int r = fullReads.get();
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while ((passes.get() == p || fullReads.get() == r) && !done && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                }
                TestBatches.Builder b = TestBatches.builder();
                String[][] kvs = new String[PER_BATCH][];
                for (int j = 0; j < PER_BATCH; j++) {
                    kvs[j] = new String[] {"k" + rnd.nextInt(KEYS), "v" + i + "." + j};
                    b.keyed(clock.millis(), kvs[j][0], kvs[j][1]);
                }
                AppendResult r = log.append(b.build());
                for (int j = 0; j < PER_BATCH; j++) {
                    written.put(r.firstOffset() + j, kvs[j]);
                }
                for (int j = 0; j < PER_BATCH; j++) {
                    lastByKey.put(kvs[j][0], r.firstOffset() + j);
                }
            }
        });
        Thread cleaner = thread("cleaner", () -> {
            while (!done) {
                store.runCleanerOnce();
                passes.incrementAndGet();
            }
        });
        Thread reader = thread("reader", () -> {
            while (!done) {
                checkFullRead(log);
                fullReads.incrementAndGet();
            }
        });
        Thread querier = thread("querier", () -> {
            Random rnd = new Random(2);
            while (!done) {
                String key = "k" + rnd.nextInt(KEYS);
                long lastWritten = lastByKey.getOrDefault(key, -1L);
                Long at = index.latestOffset(key.getBytes(StandardCharsets.UTF_8)).orElse(null);
                if (lastWritten >= 0) {
                    assertNotNull(at, key);
                    assertTrue(at >= lastWritten, key + " answered " + at + ", written at " + lastWritten);
                    String[] w = written.get(at); // null: appended, not yet recorded by the producer
                    assertTrue(w == null || w[0].equals(key), () -> key + " answered " + at + ", which holds " + w[0]);
                }
            }
        });
        producer.join();
        done = true;
        for (Thread t : List.of(cleaner, reader, querier)) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a concurrent thread failed", failure.get());
        }
        assertTrue(passes.get() >= BATCHES / 100, "the cleaner ran while appends went on: " + passes.get());
        assertTrue(fullReads.get() >= BATCHES / 100, "the reader read the whole log many times: " + fullReads.get());

        // after a last pass, below the active segment every key has exactly its last value
        log.append(KeyedRecords.batch(clock.millis(), "end", "1"));
        store.runCleanerOnce();
        List<Kv> all = KeyedRecords.all(log);
        long end = log.activeSegment().baseOffset;
        Map<String, Long> last = new HashMap<>();
        written.forEach((o, kv) -> last.merge(kv[0], o, Math::max));
        Map<String, Kv> latest = KeyedRecords.latest(all);
        for (Map.Entry<String, Long> e : last.entrySet()) {
            assertEquals(e.getValue(), latest.get(e.getKey()).offset(), e.getKey());
            assertEquals(written.get(e.getValue())[1], latest.get(e.getKey()).value());
            assertEquals(written.get(e.getValue())[1],
                    KeyedRecords.str(index.latestValue(e.getKey().getBytes(StandardCharsets.UTF_8)).orElseThrow()));
        }
        assertEquals(all.stream().filter(r -> r.offset() < end).map(Kv::key).distinct().count(),
                all.stream().filter(r -> r.offset() < end).count(), "one record per key below the active segment");
    }

    /**
     * Reads the whole log, to its end as it is when the reader gets there: every record must be
     * what was written, and every key must show up at or after its last write before the read
     * began (a consumer reading to the end sees each key's latest value; a record it finds gone
     * was superseded by a later one it reaches further on). That later one may have been appended
     * but not yet recorded by the producer when the reader reaches it, so every record is checked
     * against {@link #written} only after the read, waiting for the producer to record it.
     */
    private void checkFullRead(FileLog log) throws Exception {
        Map<String, Long> before = new HashMap<>(lastByKey);
        Map<String, Long> seen = new HashMap<>();
        // offset -> key and value as read, checked once the read is done
        Map<Long, String[]> read = new HashMap<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            LogSlice slice = log.read(offset, 64 * 1024, true);
            ByteBuffer bytes;
            try {
                bytes = slice.readFully();
            } catch (ClosedChannelException e) {
                if (!toleratesClosedSlices) {
                    throw e;
                }
                continue; // its segment was replaced and closed at once: fetch the offset again
            }
            for (ByteBuffer batch : TestBatches.split(bytes)) {
                assertTrue(TestBatches.crcValid(batch));
                for (BatchRecords.Record r : BatchRecords.decode(batch.slice(), 0)) {
                    read.put(r.offset, new String[] {new String(r.key(), StandardCharsets.UTF_8),
                            StandardCharsets.UTF_8.decode(r.value()).toString()});
                }
                offset = lastOffset(batch) + 1;
            }
        }
        // Each record read was appended, so its append returns and the producer records it soon:
        // check and count every one, including those the producer had not recorded yet. Skipping
        // those would be wrong: one may be a later write of a key whose last write before the read
        // began was compacted away because of it, and that key would then look lost.
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Map.Entry<Long, String[]> e : read.entrySet()) {
            String[] w;
            while ((w = written.get(e.getKey())) == null && failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (w == null) {
                assertTrue(failure.get() != null, "offset " + e.getKey() + " was read but never recorded as written");
                return; // another thread failed: the producer may never record it
            }
            assertEquals(w[0], e.getValue()[0], "key at " + e.getKey());
            assertEquals(w[1], e.getValue()[1], "value at " + e.getKey());
            seen.merge(w[0], e.getKey(), Math::max);
        }
        for (Map.Entry<String, Long> e : before.entrySet()) {
            assertTrue(seen.getOrDefault(e.getKey(), -1L) >= e.getValue(), e.getKey() + " lost: last written at "
                    + e.getValue() + ", read " + seen.get(e.getKey()));
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread thread(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                done = true;
            }
        }, name);
        t.start();
        return t;
    }
}
