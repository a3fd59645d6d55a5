package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.storage.KeyedRecords.Kv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at each file operation of a compaction swap (cleaned files written, marker, each
 * rename, marker deleted) must leave either the whole old segment set or the whole new one.
 */
class CleanerCrashTest {

    private static final long START = 1_700_000_000_000L;
    private static final long SEGMENT_MS = 1_000;

    @TempDir
    Path root;

    private MutableClock clock;

    private FileLogStore open(Path dir) throws IOException {
        return FileLogStore.open(dir, FileLogStore.Options.defaults().withFlushIntervalMs(3_600_000).withClock(clock)
                .withCleanerEnabled(false));
    }

    /** Four closed segments of overwrites (and a tombstone) that clean into one, then an active segment. */
    private PartitionLog fill(FileLogStore store) throws IOException {
        store.createTopic("c", 1, Map.of(LogConfig.CLEANUP_POLICY, "compact", LogConfig.SEGMENT_MS,
                Long.toString(SEGMENT_MS), LogConfig.INDEX_INTERVAL_BYTES, "64", LogConfig.MIN_CLEANABLE_DIRTY_RATIO,
                "0.01"));
        PartitionLog log = store.log("c", 0);
        int n = 0;
        for (int seg = 0; seg < 4; seg++) {
            for (int i = 0; i < 10; i++, n++) {
                log.append(KeyedRecords.batch(clock.millis(), "k" + n % 7, "v" + n, "j" + n % 3, "w" + n));
            }
            log.append(KeyedRecords.batch(clock.millis(), "dead" + seg, "x", "dead" + seg, null));
            clock.advance(SEGMENT_MS);
        }
        log.append(KeyedRecords.batch(clock.millis(), "active", "1"));
        return log;
    }

    private static List<String> leftovers(Path partitionDir) throws IOException {
        try (Stream<Path> s = Files.list(partitionDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SegmentSetSwap.CLEANED_SUFFIX)
                    || n.endsWith(SegmentDeleter.DELETED_SUFFIX) || n.equals(SegmentSetSwap.MARKER_FILE)).toList();
        }
    }

    @Test
    void aCrashAtEveryStepOfTheSwapLeavesTheOldOrTheNewSet() throws IOException {
        clock = new MutableClock(START);
        List<Kv> oldSet;
        List<Kv> newSet;
        try (FileLogStore ref = open(root.resolve("reference"))) {
            PartitionLog log = fill(ref);
            oldSet = KeyedRecords.all(log);
            assertEquals(1, ref.runCleanerOnce());
            newSet = KeyedRecords.all(log);
            assertEquals(2, ((FileLog) log).segments().size(), "one cleaned segment and the active one");
        }
        assertNotEquals(oldSet, newSet);

        int sawOld = 0;
        int sawNew = 0;
        for (int ops = 0; ; ops++) {
            Path dir = root.resolve("crash-" + ops);
            Path partitionDir = dir.resolve("topics/c/0");
            clock = new MutableClock(START);
            FileLogStore store = open(dir);
            fill(store);
            store.maintenance().cleaner().crashAfterSwapOps = ops;
            boolean crashed;
            try {
                store.runCleanerOnce();
                crashed = false;
            } catch (SegmentSetSwap.SimulatedCrash e) {
                crashed = true;
            }
            store.crashClose();
            if (ops == 0) {
                assertTrue(Files.exists(partitionDir.resolve("00000000000000000000.log.cleaned")));
            }

            try (FileLogStore reopened = open(dir)) {
                PartitionLog log = reopened.log("c", 0);
                List<Kv> got = KeyedRecords.all(log);
                if (got.equals(oldSet)) {
                    sawOld++;
                } else {
                    assertEquals(newSet, got, "after a crash at file operation " + ops + " of the swap");
                    sawNew++;
                }
                assertEquals(List.of(), leftovers(partitionDir), "after a crash at operation " + ops);
                // the index (rebuilt: the crash left it untrusted) agrees, and cleaning again converges
                CompactedIndex index = log.compactedIndex().orElseThrow();
                for (Kv r : KeyedRecords.latest(newSet).values()) {
                    byte[] key = r.key().getBytes(StandardCharsets.UTF_8);
                    assertEquals(r.value() == null ? null : r.offset(), index.latestOffset(key).orElse(null), r.key());
                }
                reopened.runCleanerOnce();
                assertEquals(newSet, KeyedRecords.all(log));
            }
            if (!crashed) {
                break;
            }
        }
        assertEquals(1, sawOld, "only a crash before the marker (cleaned files written) rolls back");
        // marker, 4 x 3 old files renamed, 3 cleaned files renamed, marker deleted, in-memory install; and no crash
        assertEquals(18, sawNew, "every crash after the marker rolls forward");
    }

    @Test
    void aMarkerWithoutItsCleanedFilesStillLeavesTheNewSetWhenTheRenamesWereDone() throws IOException {
        clock = new MutableClock(START); // before open: the store keeps this clock
        Path dir = root.resolve("done");
        List<Kv> newSet;
        try (FileLogStore store = open(dir)) {
            PartitionLog log = fill(store);
            store.runCleanerOnce();
            newSet = KeyedRecords.all(log);
        }
        // a marker left behind by a crash right before its deletion: every step before it is done
        Files.writeString(dir.resolve("topics/c/0").resolve(SegmentSetSwap.MARKER_FILE), "1\n0\n0,1,2,3\n");
        try (FileLogStore reopened = open(dir)) {
            assertEquals(newSet, KeyedRecords.all(reopened.log("c", 0)));
        }
    }
}
