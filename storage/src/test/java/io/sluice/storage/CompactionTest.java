package io.sluice.storage;

import static io.sluice.storage.KeyedRecords.Kv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cleanup.policy=compact: what the cleaner keeps, tombstones, lag, dirty ratio, and the key index. */
class CompactionTest extends StoreTestBase {

    private static final long HOUR = 3_600_000L;
    /** Segments roll by time: every {@link #roll} makes a new one, whatever its size. */
    private static final long SEGMENT_MS = 1_000;

    @BeforeEach
    void noBackgroundCleaner() {
        tweak = o -> o.withCleanerEnabled(false);
    }

    private static Map<String, String> compact(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of(LogConfig.CLEANUP_POLICY, "compact",
                LogConfig.SEGMENT_MS, Long.toString(SEGMENT_MS), LogConfig.INDEX_INTERVAL_BYTES, "100",
                LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.01", LogConfig.DELETE_RETENTION_MS, Long.toString(HOUR)));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Appends {@code kvs} after moving the clock past segment.ms, so they start a new segment. */
    private void roll(PartitionLog log, String... kvs) throws IOException {
        clock.advance(SEGMENT_MS);
        log.append(KeyedRecords.batch(clock.millis(), kvs));
    }

    /** What compaction must leave: records at or past {@code end}, and below it the latest of each key. */
    private static List<Kv> expectedAfterCleaning(List<Kv> before, long end) {
        Map<String, Kv> latest = KeyedRecords.latest(before);
        List<Kv> out = new ArrayList<>();
        for (Kv r : before) {
            if (r.offset() >= end || latest.get(r.key()).offset() == r.offset()) {
                out.add(r);
            }
        }
        return out;
    }

    private static String value(CompactedIndex index, String key) throws IOException {
        return index.latestValue(key.getBytes(StandardCharsets.UTF_8)).map(KeyedRecords::str).orElse(null);
    }

    private static Long offset(CompactedIndex index, String key) throws IOException {
        return index.latestOffset(key.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** 5 segments of 40 batches with 2 records each over 20 keys, then an active segment. */
    private FileLog fillWithOverwrites() throws IOException {
        FileLog log = newLog(compact());
        int n = 0;
        for (int seg = 0; seg < 5; seg++) {
            clock.advance(SEGMENT_MS);
            for (int i = 0; i < 40; i++, n++) {
                log.append(KeyedRecords.batch(clock.millis(), "k" + (n * 7 % 20), "v" + n, "k" + ((n * 7 + 3) % 20),
                        "w" + n));
            }
        }
        roll(log, "k0", "final");
        return log;
    }

    @Test
    void onlyTheLatestRecordOfEachKeyRemainsWithItsOffsetAndOrder() throws IOException {
        FileLog log = fillWithOverwrites();
        List<Kv> before = KeyedRecords.all(log);
        long end = log.activeSegment().baseOffset;
        long logEnd = log.logEndOffset();
        int segmentsBefore = log.segments().size();

        assertEquals(1, store.runCleanerOnce());
        List<Kv> after = KeyedRecords.all(log);
        assertEquals(expectedAfterCleaning(before, end), after);
        assertEquals(20, after.size(), "k1..k19 below the active segment, and k0 in it");
        assertEquals(logEnd, log.logEndOffset());
        assertEquals(0, log.logStartOffset());
        assertTrue(log.segments().size() < segmentsBefore, "small cleaned segments are merged");
        try (var files = Files.list(partitionDir())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".cleaned") || p.toString().endsWith(".swap")));
        }

        // every offset still reads: a removed one gives the next batch that has records after it
        for (long o = 0; o < logEnd; o++) {
            ByteBuffer b = firstBatch(log.read(o, 1, true));
            assertTrue(lastOffset(b) >= o, "offset " + o);
        }
        assertEquals(logEnd, log.append(KeyedRecords.batch(clock.millis(), "k1", "new")).firstOffset());
        List<Kv> appended = KeyedRecords.all(log);
        assertEquals(after, appended.subList(0, after.size()));
        assertEquals(appended, KeyedRecords.all(reopen()), "cleaned segments load from their indexes");
        assertEquals(appended, KeyedRecords.all(crashAndReopen()), "cleaned segments pass recovery's checks");
    }

    @Test
    void gzipBatchesAreRebuiltAsGzipAndUndecodableOnesAreKeptWhole() throws IOException {
        FileLog log = newLog(compact());
        long now = clock.millis();
        log.append(TestBatches.builder().keyed(now, "a", "1").keyed(now, "b", "1").gzip().build());
        ByteBuffer zstd = TestBatches.builder().keyed(clock.millis(), "a", "z").pretendCodec(4).build();
        log.append(zstd.duplicate());
        log.append(TestBatches.builder().keyed(clock.millis(), "a", "2").gzip().build());
        roll(log, "c", "1");
        store.runCleanerOnce();
        List<ByteBuffer> batches = readAll(log);
        assertEquals(1, BatchHeader.compression(batches.get(0), 0), "still gzip");
        List<BatchRecords.Record> first = BatchRecords.decode(batches.get(0), 0);
        assertEquals(1, first.size());
        assertEquals("b", new String(first.get(0).key(), StandardCharsets.UTF_8));
        assertEquals(4, BatchHeader.compression(batches.get(1), 0), "a codec the JDK cannot read stays as it was");
        assertEquals(zstd.slice(16, zstd.remaining() - 16), batches.get(1).slice(16, batches.get(1).remaining() - 16));
        CompactedIndex index = log.compactedIndex().orElseThrow();
        assertEquals("2", value(index, "a"));
        assertEquals("1", value(index, "b"));
    }

    @Test
    void tombstonesStayUntilDeleteRetentionHasPassedSinceTheyWereFirstCleaned() throws IOException {
        FileLog log = newLog(compact());
        long t0 = clock.millis();
        log.append(KeyedRecords.batch(clock.millis(), "gone", "1", "kept", "1"));
        log.append(KeyedRecords.batch(clock.millis(), "gone", null));
        roll(log, "other", "1");
        CompactedIndex index = log.compactedIndex().orElseThrow();
        assertEquals(null, offset(index, "gone"), "a tombstoned key is absent");

        store.runCleanerOnce();
        long cleanedAt = clock.millis();
        List<Kv> after = KeyedRecords.all(log);
        assertEquals(List.of(new Kv(1, "kept", "1", t0), new Kv(2, "gone", null, t0),
                new Kv(3, "other", "1", clock.millis())), after, "record timestamps survive the new base timestamp");
        ByteBuffer tombstoneBatch = firstBatch(log.read(2, 1, true));
        assertTrue(BatchRecords.hasDeleteHorizon(tombstoneBatch, 0), "the first pass stamps the delete horizon");
        assertEquals(cleanedAt + HOUR, BatchHeader.baseTimestamp(tombstoneBatch, 0));

        clock.advance(HOUR - 1 - SEGMENT_MS);
        roll(log, "more", "1");
        store.runCleanerOnce();
        assertTrue(KeyedRecords.all(log).stream().anyMatch(r -> r.key().equals("gone")), "not yet");
        clock.advance(1);
        assertEquals(1, store.runCleanerOnce(), "a due horizon makes the partition cleanable");
        List<Kv> finalRecords = KeyedRecords.all(log);
        assertTrue(finalRecords.stream().noneMatch(r -> r.key().equals("gone")));
        assertEquals(List.of("kept", "other", "more"), finalRecords.stream().map(Kv::key).toList());
        assertEquals(null, offset(index, "gone"));
        assertEquals("1", value(index, "kept"));
    }

    @Test
    void recordsWithinMinCompactionLagAreNotCompacted() throws IOException {
        FileLog log = newLog(compact(LogConfig.MIN_COMPACTION_LAG_MS, Long.toString(HOUR)));
        for (int i = 0; i < 4; i++) {
            roll(log, "k", "v" + i, "j", "v" + i);
        }
        List<Kv> before = KeyedRecords.all(log);
        assertEquals(0, store.runCleanerOnce(), "every closed segment is younger than the lag");
        assertEquals(before, KeyedRecords.all(log));

        clock.advance(HOUR);
        roll(log, "k", "late");
        assertEquals(1, store.runCleanerOnce(), "older than the lag now");
        List<Kv> after = KeyedRecords.all(log);
        assertEquals(List.of("j", "k"), after.stream().map(Kv::key).toList());
        assertEquals(List.of("v3", "late"), after.stream().map(Kv::value).toList());
    }

    @Test
    void theDirtyRatioDecidesWhenToClean() throws IOException {
        FileLog log = newLog(compact(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.5"));
        // 100 distinct keys: compaction keeps them all, so the clean part stays large
        for (int i = 0; i < 100; i++) {
            log.append(KeyedRecords.batch(clock.millis(), "key" + i, "value" + i));
        }
        roll(log, "x", "1");
        assertEquals(1, store.runCleanerOnce());
        roll(log, "key1", "again");
        List<Segment> unchanged = log.segments();
        assertEquals(3, unchanged.size());
        double ratio = (double) unchanged.get(1).size() / (unchanged.get(0).size() + unchanged.get(1).size());
        assertTrue(ratio < 0.1, "one small dirty segment after a big clean one: " + ratio);
        assertEquals(0, store.runCleanerOnce(), "below min.cleanable.dirty.ratio");
        assertEquals(unchanged, log.segments());
        for (int i = 0; i < 100; i++) {
            log.append(KeyedRecords.batch(clock.millis(), "key" + i, "newer" + i));
        }
        roll(log, "y", "1");
        assertEquals(1, store.runCleanerOnce(), "now more than half the cleanable bytes are dirty");
        Map<String, Kv> latest = KeyedRecords.latest(KeyedRecords.all(log));
        assertEquals(102, KeyedRecords.all(log).size(), "key0..key99, x and y, one record each");
        assertEquals("newer1", latest.get("key1").value());
    }

    @Test
    void compactDeleteCompactsAndAppliesRetention() throws IOException {
        FileLog log = newLog(compact(LogConfig.CLEANUP_POLICY, "compact,delete", LogConfig.RETENTION_MS,
                Long.toString(24 * HOUR)));
        long old = clock.millis() - 48 * HOUR;
        log.append(KeyedRecords.batch(old, "old", "1", "both", "old"));
        roll(log, "both", "new", "dup", "1");
        log.append(KeyedRecords.batch(clock.millis(), "dup", "2"));
        roll(log, "tail", "1");
        CompactedIndex index = log.compactedIndex().orElseThrow();
        assertEquals("1", value(index, "old"));

        assertEquals(1, store.runRetentionOnce(), "the segment with only old records");
        assertEquals(2, log.logStartOffset());
        assertEquals(null, offset(index, "old"), "below the log start");
        store.runCleanerOnce();
        assertEquals(List.of("both", "dup", "tail"), KeyedRecords.all(log).stream().map(Kv::key).toList());
        assertEquals("2", value(index, "dup"));
        assertEquals("new", value(index, "both"));
    }

    @Test
    void theKeyIndexAnswersBeforeAndAfterCleaningAndIsRebuiltWhenLost() throws IOException {
        FileLog log = fillWithOverwrites();
        log.append(KeyedRecords.batch(clock.millis(), "dead", "1"));
        log.append(KeyedRecords.batch(clock.millis(), "dead", null));
        Map<String, Kv> latest = KeyedRecords.latest(KeyedRecords.all(log));
        CompactedIndex index = log.compactedIndex().orElseThrow();
        assertIndexMatches(index, latest);
        store.runCleanerOnce();
        assertIndexMatches(index, latest);

        store.close();
        FileLogStore.deleteRecursively(partitionDir().resolve(CleanerKeyMap.DIR_NAME));
        open();
        assertIndexMatches(log().compactedIndex().orElseThrow(), latest);
        assertEquals(log().logEndOffset(), log().keyIndex().indexedUpTo());

        FileLog crashed = crashAndReopen();
        assertFalse(Files.exists(partitionDir().resolve(CleanerKeyMap.DIR_NAME).resolve(CleanerKeyMap.CLEAN_MARKER)));
        assertIndexMatches(crashed.compactedIndex().orElseThrow(), latest);

        store.close();
        Path data = partitionDir().resolve(CleanerKeyMap.DIR_NAME).resolve("data.mdb");
        assertTrue(Files.exists(partitionDir().resolve(CleanerKeyMap.DIR_NAME).resolve(CleanerKeyMap.CLEAN_MARKER)));
        Files.write(data, new byte[16384]); // not an LMDB file any more, though marked clean
        open();
        assertIndexMatches(log().compactedIndex().orElseThrow(), latest);
    }

    private static void assertIndexMatches(CompactedIndex index, Map<String, Kv> latest) throws IOException {
        for (Kv r : latest.values()) {
            if (r.value() == null) {
                assertEquals(null, offset(index, r.key()), r.key());
                assertEquals(null, value(index, r.key()), r.key());
            } else {
                assertEquals(r.offset(), offset(index, r.key()), r.key());
                assertEquals(r.value(), value(index, r.key()), r.key());
            }
        }
        assertEquals(null, offset(index, "never-written"));
    }

    @Test
    void longBinaryAndEmptyKeysAreIndexed() throws IOException {
        FileLog log = newLog(compact());
        byte[] longKey = new byte[2000];
        byte[] otherLongKey = new byte[2000];
        for (int i = 0; i < longKey.length; i++) {
            longKey[i] = (byte) i;
            otherLongKey[i] = (byte) i;
        }
        otherLongKey[1999] = 7;
        byte[] empty = new byte[0];
        log.append(TestBatches.builder().keyed(clock.millis(), longKey, "a".getBytes(StandardCharsets.UTF_8))
                .keyed(clock.millis(), otherLongKey, "b".getBytes(StandardCharsets.UTF_8))
                .keyed(clock.millis(), empty, "e".getBytes(StandardCharsets.UTF_8)).build());
        log.append(TestBatches.builder().keyed(clock.millis(), longKey, "a2".getBytes(StandardCharsets.UTF_8)).build());
        CompactedIndex index = log.compactedIndex().orElseThrow();
        assertEquals(Optional.of(3L), index.latestOffset(longKey));
        assertEquals("a2", KeyedRecords.str(index.latestValue(longKey).orElseThrow()));
        assertEquals("b", KeyedRecords.str(index.latestValue(otherLongKey).orElseThrow()));
        assertEquals("e", KeyedRecords.str(index.latestValue(empty).orElseThrow()));
        roll(log, "x", "1");
        store.runCleanerOnce();
        assertEquals(4, KeyedRecords.all(log).size());
        assertEquals("a2", KeyedRecords.str(index.latestValue(longKey).orElseThrow()));
    }

    @Test
    void keylessRecordsAreDroppedLikeKafkaDoesAndDeleteTopicsHaveNoIndex() throws IOException {
        FileLog log = newLog(compact());
        log.append(TestBatches.builder().keyed(clock.millis(), (String) null, "x").keyed(clock.millis(), "k", "v")
                .build());
        roll(log, "z", "1");
        store.runCleanerOnce();
        assertEquals(List.of("k", "z"), KeyedRecords.all(log).stream().map(Kv::key).toList());

        store.createTopic("plain", 1, Map.of());
        assertTrue(store.log("plain", 0).compactedIndex().isEmpty());
        assertFalse(Files.exists(dir.resolve("topics/plain/0").resolve(CleanerKeyMap.DIR_NAME)));
    }

    @Test
    void aProducersLastBatchIsKeptEmptySoItsSequenceSurvives() throws IOException {
        FileLog log = newLog(compact());
        AppendResult first = log.append(TestBatches.builder().keyed(clock.millis(), "a", "1")
                .keyed(clock.millis(), "b", "1").producer(7, 0, 0).build());
        log.append(KeyedRecords.batch(clock.millis(), "a", "2", "b", "2"));
        roll(log, "c", "1");
        store.runCleanerOnce();
        ByteBuffer kept = firstBatch(log.read(0, 1, true));
        assertEquals(0, BatchHeader.recordsCount(kept, 0));
        assertEquals(0, BatchHeader.baseOffset(kept, 0));
        assertEquals(1, BatchHeader.lastOffsetDelta(kept, 0), "the offset range (and so the last sequence) stays");
        assertEquals(7, BatchHeader.producerId(kept, 0));
        assertTrue(TestBatches.crcValid(kept));

        store.crashClose();
        Files.deleteIfExists(partitionDir().resolve(ProducerStateTable.SNAPSHOT_FILE)); // rebuild from the log
        open();
        AppendResult retry = log().append(TestBatches.builder().keyed(clock.millis(), "a", "1")
                .keyed(clock.millis(), "b", "1").producer(7, 0, 0).build());
        assertTrue(retry.duplicate(), "producer state rebuilt from the log still knows the batch");
        assertEquals(first.firstOffset(), retry.firstOffset());
    }

    @Test
    void theBatchEndingAtTheCleanedRangeIsKeptEvenWhenEmptySoAFetchCanMovePastIt() throws IOException {
        FileLog log = newLog(compact());
        log.append(KeyedRecords.batch(clock.millis(), "a", "1"));
        roll(log, "b", "1");
        log.append(KeyedRecords.batch(clock.millis(), "a", "2"));
        roll(log, "a", "3");
        store.runCleanerOnce();
        ByteBuffer last = firstBatch(log.read(2, 1, true));
        assertEquals(2, BatchHeader.baseOffset(last, 0));
        assertEquals(0, BatchHeader.recordsCount(last, 0), "a=2 went, its batch stays as a header");
        assertEquals(List.of("b", "a"), KeyedRecords.all(log).stream().map(Kv::key).toList());
        for (long o = 0; o < log.logEndOffset(); o++) {
            assertNotEquals(0, log.read(o, 1, true).size(), "offset " + o);
        }
    }

    @Test
    void aRebuiltBatchKeepsItsOffsetRangeAndItsRecordsOffsets() throws IOException {
        FileLog log = newLog(compact());
        log.append(KeyedRecords.batch(clock.millis() - 5, "a", "1", "b", "1", "a", "2"));
        roll(log, "z", "1");
        store.runCleanerOnce();
        ByteBuffer b = firstBatch(log.read(0, 1, true));
        assertEquals(2, BatchHeader.lastOffsetDelta(b, 0));
        assertEquals(2, BatchHeader.recordsCount(b, 0));
        List<BatchRecords.Record> records = BatchRecords.decode(b, 0);
        assertArrayEquals(new long[] {1, 2}, records.stream().mapToLong(r -> r.offset).toArray());
        assertEquals(clock.millis() - SEGMENT_MS - 5, BatchHeader.maxTimestamp(b, 0));
    }

    @Test
    void theLmdbMapGrowsWhenFull() throws IOException {
        FileLog log = newLog(compact());
        String pad = "x".repeat(100);
        for (int i = 0; i < 400; i++) {
            TestBatches.Builder b = TestBatches.builder();
            for (int j = 0; j < 100; j++) {
                b.keyed(clock.millis(), pad + (i * 100 + j), "v");
            }
            log.append(b.build());
        }
        CompactedIndex index = log.compactedIndex().orElseThrow();
        assertEquals(Optional.of(39_999L), index.latestOffset((pad + 39_999).getBytes(StandardCharsets.UTF_8)));
        assertTrue(log.keyIndex().mapSize() > CleanerKeyMap.INITIAL_MAP_SIZE, "40000 keys of 105 bytes need more");
        assertEquals(Optional.of(0L), index.latestOffset((pad + 0).getBytes(StandardCharsets.UTF_8)));
    }
}
