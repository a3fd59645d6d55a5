package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real writer process with SIGKILL and checks that every append that returned is recovered. */
class KillNineTest {

    @TempDir
    Path dir;

    /** The writer: appends, reports how far it got, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        FileLogStore store = FileLogStore.open(Path.of(args[0]), Map.of(LogConfig.SEGMENT_BYTES, "65536"),
                3_600_000);
        store.createTopic("k", 1, Map.of());
        PartitionLog log = store.log("k", 0);
        for (int i = 0; i < 400; i++) {
            log.append(TestBatches.builder().records(5, 1_000 + i, 50).producer(9, 0, i * 5).build());
        }
        System.out.println("appended " + log.logEndOffset());
        System.out.flush();
        Thread.sleep(60_000);
    }

    @Test
    @Timeout(60)
    void everythingAppendedBeforeTheKillIsRecovered() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                KillNineTest.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("appended "));
            assertNotNull(line, "the writer died before appending");
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        long end = Long.parseLong(line.substring("appended ".length()));
        assertEquals(2000, end);
        try (FileLogStore store = FileLogStore.open(dir)) {
            FileLog log = (FileLog) store.log("k", 0);
            assertTrue(log.recoveredSegments() > 0);
            assertEquals(end, log.logEndOffset());
            List<java.nio.ByteBuffer> batches = StoreTestBase.readAll(log);
            assertEquals(400, batches.size());
            StoreTestBase.assertContiguous(batches, 0);
            // the producer state came back from the log: the last batch is a duplicate
            AppendResult dup = log.append(TestBatches.builder().records(5, 1_399, 50).producer(9, 0, 399 * 5).build());
            assertTrue(dup.duplicate());
            assertEquals(1995, dup.firstOffset());
        }
    }
}
