package io.sluice.storage.state;

import static io.sluice.storage.state.StateStoreTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRestoreTest {

    @TempDir
    Path root;

    /** What the engine would write to a changelog topic: every change, and the positions of each commit. */
    static final class RecordingChangelog implements Changelog {
        final List<ChangeRecord> records = new ArrayList<>();
        Map<String, Long> lastPositions = Map.of();

        @Override
        public void change(String map, ByteBuffer key, ByteBuffer value) {
            byte[] k = new byte[key.remaining()];
            key.get(k);
            byte[] v = null;
            if (value != null) {
                v = new byte[value.remaining()];
                value.get(v);
            }
            records.add(new ChangeRecord(map, k, v));
        }

        @Override
        public void commit(Map<String, Long> positions) {
            Map<String, Long> merged = new TreeMap<>(lastPositions);
            merged.putAll(positions);
            lastPositions = merged;
        }
    }

    /** Every entry of every map, hex-encoded, for equality. */
    static Map<String, Map<String, String>> contents(StateStore store) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        HexFormat hex = HexFormat.of();
        try (StateSnapshot r = store.snapshot()) {
            for (String name : store.mapNames()) {
                Map<String, String> entries = new TreeMap<>();
                try (StateCursor c = r.scan(store.map(name), null, null)) {
                    while (c.next()) {
                        entries.put(hex.formatHex(c.key()), hex.formatHex(c.value()));
                    }
                }
                out.put(name, entries);
            }
        }
        return out;
    }

    @Test
    void deletingTheDirectoryAndRestoringFromTheChangelogGivesTheSameContents() throws IOException {
        Path dir = root.resolve("task-0");
        RecordingChangelog changelog = new RecordingChangelog();
        StateStoreOptions options = StateStoreOptions.DEFAULTS.withChangelog(changelog).withSyncOnCommit(false);
        Map<String, Map<String, String>> before;
        Map<String, Long> positionsBefore;
        Random random = new Random(42);
        try (StateStore store = StateStore.open(dir, options)) {
            StateMap table = store.map("table");
            WindowedMap windows = WindowedMap.open(store, "windows");
            long offset = 0;
            for (int commit = 0; commit < 40; commit++) {
                try (StateTransaction t = store.begin()) {
                    for (int i = 0; i < 500; i++, offset++) {
                        byte[] key = b("k" + random.nextInt(300));
                        int op = random.nextInt(10);
                        if (op == 0) {
                            t.delete(table, key);
                        } else {
                            byte[] value = new byte[random.nextInt(200)];
                            random.nextBytes(value);
                            t.put(table, key, value);
                        }
                        long start = offset / 1_000 * 1_000;
                        windows.put(t, key, start, start + 1_000, b(Long.toString(offset)));
                    }
                    windows.expire(t, offset - 5_000, Integer.MAX_VALUE);
                    t.commit(Map.of("input-0", offset));
                }
            }
            try (StateTransaction t = store.begin()) {
                t.put(table, b("aborted"), b("never"));
            }
            before = contents(store);
            positionsBefore = store.positions();
        }
        assertEquals(Map.of("input-0", 20_000L), positionsBefore);
        assertFalse(before.get("table").isEmpty());
        assertFalse(before.get("windows").isEmpty());

        StateRestore.deleteRecursively(dir);
        Files.createDirectories(root.resolve("task-0" + StateRestore.SUFFIX)).resolve("junk");
        Files.writeString(root.resolve("task-0" + StateRestore.SUFFIX).resolve("junk"), "left by a crashed restore");
        List<RestoreProgress> progress = new ArrayList<>();
        try (StateStore restored = StateStore.restore(dir, StateStoreOptions.DEFAULTS).batchSize(7_000)
                .listener(progress::add).run(changelog.records.iterator(), changelog.lastPositions)) {
            // the changelog leaves out the windows' index: opening the windowed map rebuilds it
            assertFalse(restored.mapNames().contains("windows/by-end"));
            assertFalse(changelog.records.stream().anyMatch(r -> r.map().equals("windows/by-end")));
            WindowedMap.open(restored, "windows");
            assertEquals(before, contents(restored));
            assertEquals(positionsBefore, restored.positions());
        }
        assertFalse(Files.exists(root.resolve("task-0" + StateRestore.SUFFIX)));
        RestoreProgress last = progress.get(progress.size() - 1);
        assertTrue(last.done());
        assertEquals(changelog.records.size(), last.records());
        assertEquals(changelog.records.size() / 7_000, progress.size() - 1);
        assertTrue(progress.stream().allMatch(p -> p.recordsPerSecond() > 0));
        // the restored store reopens like any other
        try (StateStore again = StateStore.open(dir)) {
            assertEquals(before, contents(again));
            assertEquals(positionsBefore, again.positions());
        }
    }

    /**
     * Big transactions with hot keys and tens of thousands of cold ones: the changelog's table of
     * recent keys catches some repeats and misses others (slots taken in between).
     */
    @Test
    void aChangelogOfBigTransactionsWithRepeatedKeysRestoresTheSameContents() throws IOException {
        Path dir = root.resolve("big");
        RecordingChangelog changelog = new RecordingChangelog();
        StateStoreOptions options = StateStoreOptions.DEFAULTS.withChangelog(changelog).withSyncOnCommit(false);
        Random random = new Random(7);
        Map<String, Map<String, String>> before;
        int writes = 0;
        try (StateStore store = StateStore.open(dir, options)) {
            StateMap a = store.map("a");
            StateMap c = store.map("c");
            for (int commit = 0; commit < 3; commit++) {
                try (StateTransaction t = store.begin()) {
                    for (int i = 0; i < 150_000; i++, writes++) {
                        // hot keys written again at once, cold ones far apart, the same key in two maps
                        byte[] key = b("k" + (random.nextBoolean() ? random.nextInt(20) : random.nextInt(60_000)));
                        StateMap m = random.nextInt(4) == 0 ? c : a;
                        if (random.nextInt(8) == 0) {
                            t.delete(m, key);
                        } else {
                            t.put(m, key, b(commit + ":" + i));
                        }
                    }
                    t.commit(Map.of("p0", (long) writes));
                }
            }
            before = contents(store);
        }
        assertTrue(changelog.records.size() < writes / 2, changelog.records.size() + " changes for " + writes + " writes");
        StateRestore.deleteRecursively(dir);
        try (StateStore restored = StateStore.restore(dir, StateStoreOptions.DEFAULTS)
                .run(changelog.records.iterator(), changelog.lastPositions)) {
            assertEquals(before, contents(restored));
        }
    }

    @Test
    void restoringOverAnExistingStoreReplacesIt() throws IOException {
        Path dir = root.resolve("t");
        try (StateStore store = StateStore.open(dir)) {
            StateMap old = store.map("old");
            try (StateTransaction t = store.begin()) {
                t.put(old, b("x"), b("y"));
                t.commit(Map.of("in", 99L));
            }
        }
        List<ChangeRecord> log = List.of(new ChangeRecord("m", b("a"), b("1")), new ChangeRecord("m", b("b"), b("2")),
                new ChangeRecord("m", b("a"), null));
        try (StateStore restored = StateStore.restore(dir, StateStoreOptions.DEFAULTS)
                .run(log.iterator(), Map.of("in", 3L))) {
            assertEquals(Map.of("m", Map.of(HexFormat.of().formatHex(b("b")), HexFormat.of().formatHex(b("2")))),
                    contents(restored));
            assertEquals(Map.of("in", 3L), restored.positions());
        }
    }
}
