package io.sluice.storage.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class StateStoreTest {

    @TempDir
    Path dir;

    private final ExecutorService readers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopReaders() throws InterruptedException {
        readers.shutdownNow();
        assertTrue(readers.awaitTermination(10, TimeUnit.SECONDS));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static List<String> keys(StateCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(s(c.key()) + "=" + s(c.value()));
            }
        }
        return out;
    }

    @Test
    void putGetDeleteAndScansSeeTheTransactionsOwnWrites() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            StateMap m = store.map("m");
            try (StateTransaction t = store.begin()) {
                for (String k : List.of("b", "a", "c", "ab", "ba", "d")) {
                    t.put(m, b(k), b(k.toUpperCase()));
                }
                assertEquals("AB", s(t.get(m, b("ab"))));
                assertTrue(t.delete(m, b("d")));
                assertFalse(t.delete(m, b("d")));
                assertNull(t.get(m, b("d")));
                assertNull(t.get(m, b("zz")));
                t.put(m, b("a"), b("A2"));
                assertEquals(List.of("a=A2", "ab=AB", "b=B", "ba=BA", "c=C"), keys(t.scan(m, null, null)));
                assertEquals(List.of("ab=AB", "b=B", "ba=BA"), keys(t.scan(m, b("aa"), b("c"))));
                assertEquals(List.of("b=B", "ba=BA"), keys(t.prefixScan(m, b("b"))));
                assertEquals(List.of(), keys(t.scan(m, b("x"), null)));
                t.commit(Map.of("in-0", 6L));
            }
            try (StateSnapshot r = store.snapshot()) {
                assertEquals(List.of("a=A2", "ab=AB", "b=B", "ba=BA", "c=C"), keys(r.scan(m, null, null)));
                assertEquals(List.of("a=A2", "ab=AB"), keys(r.scan(m, b("a"), b("b"))));
                assertTrue(r.contains(m, b("c")));
                assertFalse(r.contains(m, b("d")));
            }
            assertEquals(Map.of("in-0", 6L), store.positions());
        }
    }

    @Test
    void keysAreOrderedUnsigned() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            StateMap m = store.map("m");
            byte[][] sorted = {{0x00}, {0x00, 0x00}, {0x01}, {0x7f}, {(byte) 0x80}, {(byte) 0x80, 0x00}, {(byte) 0xff}};
            try (StateTransaction t = store.begin()) {
                for (int i = sorted.length - 1; i >= 0; i--) {
                    t.put(m, sorted[i], new byte[] {(byte) i});
                }
                t.commit(Map.of());
            }
            try (StateSnapshot r = store.snapshot(); StateCursor c = r.scan(m, null, null)) {
                for (byte[] k : sorted) {
                    assertTrue(c.next());
                    assertArrayEquals(k, c.key());
                    assertEquals(k.length, c.keyBuffer().remaining());
                }
                assertFalse(c.next());
                assertFalse(c.next());
            }
            try (StateSnapshot r = store.snapshot(); StateCursor c = r.scan(m, new byte[] {0x7f}, new byte[] {(byte) 0x80, 0x00})) {
                assertTrue(c.next());
                assertArrayEquals(new byte[] {0x7f}, c.key());
                assertTrue(c.next());
                assertArrayEquals(new byte[] {(byte) 0x80}, c.key());
                assertFalse(c.next());
            }
        }
    }

    @Test
    void aSnapshotSeesNeitherUncommittedNorLaterWritesAndNeverBlocksTheWriter() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            StateMap m = store.map("m");
            try (StateTransaction t = store.begin()) {
                t.put(m, b("k"), b("v1"));
                t.commit(Map.of("in", 1L));
            }
            StateSnapshot before = readers.submit(store::snapshot).get();
            try (StateTransaction t = store.begin()) {
                t.put(m, b("k"), b("v2"));
                t.put(m, b("new"), b("x"));
                // a reader on another thread, while the write transaction is open, sees the last commit
                Future<List<String>> seen = readers.submit(() -> {
                    try (StateSnapshot r = store.snapshot()) {
                        return keys(r.scan(m, null, null));
                    }
                });
                assertEquals(List.of("k=v1"), seen.get(10, TimeUnit.SECONDS));
                t.commit(Map.of("in", 3L));
            }
            assertEquals(List.of("k=v1"), readers.submit(() -> keys(before.scan(m, null, null))).get());
            assertEquals("v1", s(readers.submit(() -> before.get(m, b("k"))).get()));
            readers.submit(before::close).get();
            try (StateSnapshot after = store.snapshot()) {
                assertEquals(List.of("k=v2", "new=x"), keys(after.scan(m, null, null)));
            }
            assertEquals(Map.of("in", 3L), store.positions());
        }
    }

    @Test
    void aTransactionAbandonedWithoutCommitLeavesNothing() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            StateMap m = store.map("m");
            try (StateTransaction t = store.begin()) {
                t.put(m, b("kept"), b("1"));
                t.commit(Map.of("in", 1L));
            }
            try (StateTransaction t = store.begin()) {
                t.put(m, b("lost"), b("2"));
                t.delete(m, b("kept"));
                // closed without commit
            }
            StateTransaction aborted = store.begin();
            aborted.put(m, b("lost2"), b("3"));
            aborted.abort();
            assertThrows(IllegalStateException.class, () -> aborted.put(m, b("x"), b("y")));
            try (StateSnapshot r = store.snapshot()) {
                assertEquals(List.of("kept=1"), keys(r.scan(m, null, null)));
            }
            assertEquals(Map.of("in", 1L), store.positions());
        }
        try (StateStore store = StateStore.open(dir); StateSnapshot r = store.snapshot()) {
            assertEquals(List.of("kept=1"), keys(r.scan(store.map("m"), null, null)));
            assertEquals(Map.of("in", 1L), store.positions());
        }
    }

    @Test
    void positionsMergeByNameAndSurviveReopening() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(Map.of(), store.positions());
            StateMap a = store.map("a");
            StateMap c = store.map("c");
            try (StateTransaction t = store.begin()) {
                t.put(a, b("1"), b("one"));
                t.commit(Map.of("left-0", 10L, "right-0", 4L));
            }
            try (StateTransaction t = store.begin()) {
                t.put(c, b("2"), b("two"));
                t.commit(Map.of("left-0", 12L));
            }
            assertEquals(Map.of("left-0", 12L, "right-0", 4L), store.positions());
        }
        try (StateStore store = StateStore.open(dir)) {
            assertEquals(Map.of("left-0", 12L, "right-0", 4L), store.positions());
            assertEquals(java.util.Set.of("a", "c"), store.mapNames());
            try (StateSnapshot r = store.snapshot()) {
                assertEquals("one", s(r.get(store.map("a"), b("1"))));
                assertEquals("two", s(r.get(store.map("c"), b("2"))));
            }
        }
    }

    @Test
    void theMapGrowsBeyondItsInitialSizeWithinOneTransactionAndAcrossThem() throws IOException {
        StateStoreOptions small = StateStoreOptions.DEFAULTS.withInitialMapSize(64 << 10).withSyncOnCommit(false);
        byte[] value = new byte[1000];
        long initial;
        try (StateStore store = StateStore.open(dir, small)) {
            initial = store.mapSize();
            StateMap m = store.map("m");
            StateSnapshot reader = store.snapshot();
            reader.close(); // a closed snapshot must not hold growth off
            try (StateTransaction t = store.begin()) {
                for (int i = 0; i < 5_000; i++) { // ~5 MB in one transaction: LMDB aborts it, the store replays it
                    value[0] = (byte) i;
                    t.put(m, key(i), value);
                }
                assertEquals(5_000, t.writes());
                t.commit(Map.of("in", 5_000L));
            }
            for (int batch = 1; batch < 4; batch++) {
                try (StateTransaction t = store.begin()) {
                    for (int i = batch * 5_000; i < (batch + 1) * 5_000; i++) {
                        value[0] = (byte) i;
                        t.put(m, key(i), value);
                    }
                    t.commit(Map.of("in", (batch + 1) * 5_000L));
                }
            }
            assertTrue(store.mapSize() >= 16 * initial, store.mapSize() + " vs " + initial);
        }
        try (StateStore store = StateStore.open(dir, small); StateSnapshot r = store.snapshot();
                StateCursor c = r.scan(store.map("m"), null, null)) {
            int n = 0;
            while (c.next()) {
                assertArrayEquals(key(n), c.key());
                assertEquals((byte) n, c.value()[0]);
                assertEquals(1000, c.valueBuffer().remaining());
                n++;
            }
            assertEquals(20_000, n);
            assertEquals(Map.of("in", 20_000L), store.positions());
        }
    }

    static byte[] key(int i) {
        return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    @Test
    void theChangelogGetsTheCommittedStateBeforeTheCommitAndNothingOfAbortedOnes() throws IOException {
        List<String> seen = new ArrayList<>();
        boolean[] fail = {false};
        Changelog hook = new Changelog() {
            @Override
            public void change(String map, java.nio.ByteBuffer key, java.nio.ByteBuffer value) {
                byte[] k = new byte[key.remaining()];
                key.get(k);
                String v = "null";
                if (value != null) {
                    byte[] vb = new byte[value.remaining()];
                    value.get(vb);
                    v = s(vb);
                }
                seen.add(map + ":" + s(k) + "=" + v);
            }

            @Override
            public void commit(Map<String, Long> positions) {
                if (fail[0]) {
                    throw new IllegalStateException("changelog unavailable");
                }
                seen.add("commit " + positions);
            }
        };
        try (StateStore store = StateStore.open(dir, StateStoreOptions.DEFAULTS.withChangelog(hook))) {
            StateMap m = store.map("m");
            StateMap other = store.map("other");
            try (StateTransaction t = store.begin()) {
                t.put(m, b("a"), b("1"));
                t.put(m, b("c"), b("0"));
                t.put(other, b("a"), b("x"));
                t.put(m, b("a"), b("2"));
                t.delete(m, b("a"));
                t.delete(m, b("never-there"));
                t.put(m, b("b"), b("3"));
                t.put(m, b("c"), b("9"));
                t.commit(Map.of("in", 5L));
            }
            try (StateTransaction t = store.begin()) {
                t.put(m, b("c"), b("lost"));
            }
            // the writes in order, without those a later write of the same key overwrites
            assertEquals(List.of("other:a=x", "m:a=null", "m:b=3", "m:c=9", "commit {in=5}"), seen);
            fail[0] = true;
            StateTransaction t = store.begin();
            t.put(m, b("d"), b("4"));
            assertThrows(IllegalStateException.class, () -> t.commit(Map.of("in", 6L)));
            assertThrows(IllegalStateException.class, () -> t.put(m, b("e"), b("5")));
            try (StateSnapshot r = store.snapshot()) {
                assertEquals(List.of("b=3", "c=9"), keys(r.scan(m, null, null)));
            }
            assertEquals(Map.of("in", 5L), store.positions());
        }
    }

    @Test
    void oneWriterAtATimeOnItsOwnThread() throws Exception {
        try (StateStore store = StateStore.open(dir)) {
            StateMap m = store.map("m");
            try (StateTransaction t = store.begin()) {
                assertThrows(IllegalStateException.class, store::begin);
                assertThrows(IllegalStateException.class, () -> store.map("late"));
                Future<?> other = readers.submit(() -> t.put(m, b("k"), b("v")));
                java.util.concurrent.ExecutionException e =
                        assertThrows(java.util.concurrent.ExecutionException.class, other::get);
                assertTrue(e.getCause() instanceof IllegalStateException);
                assertThrows(IllegalArgumentException.class, () -> t.put(m, new byte[0], b("v")));
                assertThrows(IllegalArgumentException.class, () -> t.put(m, new byte[store.maxKeySize() + 1], b("v")));
                t.put(m, new byte[store.maxKeySize()], b("longest"));
                t.commit(Map.of());
            }
            assertThrows(IllegalArgumentException.class, () -> store.map("__mine"));
            try (StateTransaction t = store.begin()) {
                t.abort();
            }
        }
    }

    @Test
    void aSnapshotReadsMapsOpenedAfterItAsEmptyAndClosingEndsItsCursors() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            StateMap m = store.map("m");
            try (StateTransaction t = store.begin()) {
                t.put(m, b("k"), b("v"));
                t.commit(Map.of());
            }
            StateSnapshot r = store.snapshot();
            StateMap later = store.map("later");
            try (StateTransaction t = store.begin()) {
                t.put(later, b("k"), b("v"));
                t.commit(Map.of());
            }
            assertNull(r.get(later, b("k")));
            assertEquals(List.of(), keys(r.scan(later, null, null)));
            StateCursor c = r.scan(m, null, null);
            r.close();
            assertThrows(IllegalStateException.class, c::next);
            assertThrows(IllegalStateException.class, () -> r.get(m, b("k")));
        }
    }

    @Test
    void theStoreCannotBeOpenedTwiceAndCloseIsIdempotent() throws IOException {
        StateStore store = StateStore.open(dir);
        assertThrows(IOException.class, () -> StateStore.open(dir));
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, store::snapshot);
        assertThrows(IllegalStateException.class, store::begin);
        StateStore.open(dir).close();
    }
}
