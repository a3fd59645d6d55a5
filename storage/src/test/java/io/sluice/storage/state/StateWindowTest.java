package io.sluice.storage.state;

import static io.sluice.storage.state.StateStoreTest.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateWindowTest {

    @TempDir
    Path dir;

    @Test
    void encodingRoundTripsAndOrdersByKeyThenStartThenEnd() {
        byte[][] keys = {{}, {0x00}, {0x00, 0x00}, {0x00, 0x01}, {0x61}, {0x61, 0x00}, {0x61, (byte) 0x80},
            {0x61, (byte) 0xff}, {(byte) 0xff}};
        long[] times = {Long.MIN_VALUE, -1_000, -1, 0, 1, 1_000, Long.MAX_VALUE};
        List<byte[]> expected = new ArrayList<>();
        for (byte[] k : keys) { // keys listed in unsigned order, times ascending
            for (long start : times) {
                for (long end : times) {
                    byte[] w = WindowedKeys.encode(k, start, end);
                    assertArrayEquals(k, WindowedKeys.key(w));
                    assertEquals(start, WindowedKeys.start(w));
                    assertEquals(end, WindowedKeys.end(w));
                    expected.add(w);
                }
            }
        }
        List<byte[]> sorted = new ArrayList<>(expected);
        sorted.sort(Arrays::compareUnsigned);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), sorted.get(i), "position " + i);
        }
    }

    @Test
    void theWindowsOfAKeyAreContiguousInStartOrderAndScannableByStartRange() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            WindowedMap w = WindowedMap.open(store, "counts");
            try (StateTransaction t = store.begin()) {
                // "a" and "a\u0080" would interleave under plain concatenation
                for (byte[] k : new byte[][] {b("a"), {0x61, (byte) 0x80}, b("ab"), {0x61, 0x00}}) {
                    for (long start = 3_000; start >= -2_000; start -= 1_000) {
                        w.put(t, k, start, start + 1_000, b(k.length + ":" + start));
                    }
                }
                t.commit(Map.of());
            }
            try (StateSnapshot r = store.snapshot()) {
                assertEquals(List.of(-2_000L, -1_000L, 0L, 1_000L, 2_000L, 3_000L), starts(w.fetchAll(r, b("a")), b("a")));
                assertEquals(List.of(-1_000L, 0L, 1_000L), starts(w.fetch(r, b("a"), -1_000, 2_000), b("a")));
                assertEquals(List.of(0L, 1_000L, 2_000L), starts(w.fetch(r, new byte[] {0x61, (byte) 0x80}, -500, 2_500),
                        new byte[] {0x61, (byte) 0x80}));
                assertEquals(List.of(), starts(w.fetch(r, b("a"), 4_000, 9_000), b("a")));
                assertEquals("1:2000", StateStoreTest.s(w.get(r, b("a"), 2_000, 3_000)));
                assertNull(w.get(r, b("a"), 2_000, 2_500));
                assertEquals(6, count(w.fetchAll(r, new byte[] {0x61, 0x00})));
                assertEquals(24, count(r.scan(w.windows(), null, null)));
                assertEquals(-1_000, w.earliestEnd(r));
            }
        }
    }

    @Test
    void expiryRemovesWindowsThatEndedBeforeTheHorizonAndTheirIndexEntries() throws IOException {
        try (StateStore store = StateStore.open(dir)) {
            WindowedMap w = WindowedMap.open(store, "w");
            try (StateTransaction t = store.begin()) {
                for (int k = 0; k < 10; k++) {
                    for (long start = 0; start < 10_000; start += 1_000) {
                        w.put(t, b("k" + k), start, start + 1_000, b("v"));
                        w.put(t, b("k" + k), start, start + 1_000, b("updated")); // no second index entry
                    }
                }
                t.commit(Map.of());
            }
            try (StateTransaction t = store.begin()) {
                assertEquals(30, w.expire(t, 4_000, 30)); // ends 1000, 2000, 3000 of 10 keys
                assertEquals(0, w.expire(t, 4_000, 100));
                assertEquals(10, w.expire(t, 4_001, 100)); // end 4000
                assertTrue(w.delete(t, b("k3"), 9_000, 10_000));
                assertFalse(w.delete(t, b("k3"), 9_000, 10_000));
                t.commit(Map.of());
            }
            try (StateSnapshot r = store.snapshot()) {
                assertEquals(59, count(r.scan(w.windows(), null, null)));
                assertEquals(59, count(r.scan(store.map("w" + WindowedMap.INDEX_SUFFIX), null, null)));
                assertEquals(List.of(4_000L, 5_000L, 6_000L, 7_000L, 8_000L), starts(w.fetchAll(r, b("k3")), b("k3")));
                assertEquals(5_000, w.earliestEnd(r));
            }
            try (StateTransaction t = store.begin()) {
                assertEquals(59, w.expire(t, Long.MAX_VALUE, Integer.MAX_VALUE));
                t.commit(Map.of());
            }
            try (StateSnapshot r = store.snapshot()) {
                assertEquals(0, count(r.scan(w.windows(), null, null)));
                assertEquals(Long.MAX_VALUE, w.earliestEnd(r));
            }
        }
    }

    private static List<Long> starts(StateCursor c, byte[] key) {
        List<Long> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                byte[] wk = c.key();
                assertArrayEquals(key, WindowedKeys.key(wk));
                assertEquals(WindowedKeys.start(wk) + 1_000, WindowedKeys.end(wk));
                out.add(WindowedKeys.start(wk));
            }
        }
        return out;
    }

    static int count(StateCursor c) {
        int n = 0;
        try (c) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }
}
