package io.sluice.storage.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it commits a stream of transactions, and checks that the
 * store reopens with some committed positions and exactly the state recomputed from the input up
 * to them.
 */
class StateCrashTest {

    private static final int KEYS = 97;
    private static final int PER_COMMIT = 250;

    @TempDir
    Path dir;

    /** Input record {@code offset}: adds {@code offset} to the counter of key {@code offset % KEYS}. */
    static byte[] key(long offset) {
        return ("key-" + offset % KEYS).getBytes(StandardCharsets.UTF_8);
    }

    /** The writer: a counting aggregation over an endless input, committing every PER_COMMIT records. */
    public static void main(String[] args) throws Exception {
        boolean sync = Boolean.parseBoolean(args[1]);
        try (StateStore store = StateStore.open(Path.of(args[0]),
                StateStoreOptions.DEFAULTS.withSyncOnCommit(sync).withInitialMapSize(64 << 10))) {
            StateMap sums = store.map("sums");
            long offset = store.positions().getOrDefault("input-0", 0L);
            for (int commits = 0; ; commits++) {
                try (StateTransaction t = store.begin()) {
                    for (int i = 0; i < PER_COMMIT; i++, offset++) {
                        byte[] k = key(offset);
                        byte[] old = t.get(sums, k);
                        long sum = (old == null ? 0 : ByteBuffer.wrap(old).getLong()) + offset;
                        t.put(sums, k, ByteBuffer.allocate(8).putLong(sum).array());
                        t.put(sums, ("pad-" + offset).getBytes(StandardCharsets.UTF_8),
                                new byte[32]); // grows the map past its initial size while being killed
                    }
                    t.commit(Map.of("input-0", offset));
                }
                if (commits == 20) {
                    System.out.println("running");
                    System.out.flush();
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void afterSigkillTheStateIsTheRecomputationUpToTheCommittedPositions() throws Exception {
        killAndCheck(false);
    }

    @Test
    @Timeout(120)
    void afterSigkillWithSyncedCommitsTooAndASecondKillAfterResuming() throws Exception {
        long first = killAndCheck(true);
        long second = killAndCheck(true);
        assertTrue(second > first, second + " after " + first);
    }

    private long killAndCheck(boolean sync) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                StateCrashTest.class.getName(), dir.toString(), Boolean.toString(sync)).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            do {
                line = out.readLine();
                seen.append(line).append('\n');
            } while (line != null && !line.equals("running"));
            assertNotNull(line, "the writer died: " + seen);
            Thread.sleep(150); // mid-stream: it keeps committing until killed
            writer.destroyForcibly(); // SIGKILL
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        try (StateStore store = StateStore.open(dir)) {
            long committed = store.positions().get("input-0");
            assertTrue(committed >= 21 * PER_COMMIT && committed % PER_COMMIT == 0, "positions " + committed);
            Map<String, Long> expected = new TreeMap<>();
            for (long o = 0; o < committed; o++) {
                expected.merge(new String(key(o), StandardCharsets.UTF_8), o, Long::sum);
            }
            Map<String, Long> actual = new TreeMap<>();
            long pads = 0;
            try (StateSnapshot r = store.snapshot(); StateCursor c = r.scan(store.map("sums"), null, null)) {
                while (c.next()) {
                    String k = new String(c.key(), StandardCharsets.UTF_8);
                    if (k.startsWith("pad-")) {
                        pads++;
                    } else {
                        actual.put(k, ByteBuffer.wrap(c.value()).getLong());
                    }
                }
            }
            assertEquals(expected, actual);
            assertEquals(committed, pads);
            assertTrue(store.mapSize() > (64 << 10));
            return committed;
        }
    }
}
