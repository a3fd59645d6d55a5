package io.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A table of {@code keys} keys survives the deletion of its LMDB directory: {@code sluice server}
 * (a child JVM) builds {@code per_id} (COUNT and SUM per id over {@code readings}), is stopped,
 * {@code data/state/<query>} is deleted, and the next start restores it from the query's
 * changelog topic. Checked afterwards: a pull-query scan returns every key with its recomputed
 * values, lookups by key answer, and the restored query goes on counting new input from where
 * the lost state was (neither twice nor skipped). Reports the restore time the server logs.
 *
 * <p>Runs in the tests at a small size ({@code StateRestoreIT}) and at 1,000,000 keys from
 * {@code bench/state-restore.sh}: {@code StateRestoreScenario KEYS}.
 */
public final class StateRestoreScenario {

    static final String STATEMENTS = """
            CREATE STREAM readings (id BIGINT KEY, v BIGINT)
              WITH (kafka_topic='readings', partitions=3, value_format='JSON');
            CREATE TABLE per_id WITH (kafka_topic='per_id', partitions=3) AS
              SELECT id, COUNT(*) AS n, SUM(v) AS s FROM readings GROUP BY id;
            """;
    private static final Pattern RESTORED = Pattern.compile("restored (\\d+) entries in (\\d+) ms");

    /**
     * @param restoreMs the restore time the server logged
     * @param startSeconds from starting the JVM to the server being ready (restore included)
     * @param plainStartSeconds the same for the next start, with the state in place
     */
    public record Result(int keys, long restoredEntries, long restoreMs, double startSeconds,
            double plainStartSeconds, double buildSeconds) {}

    private final Path dir;
    private final int keys;
    private final PrintStream out;

    public StateRestoreScenario(Path dir, int keys, PrintStream out) {
        this.dir = dir;
        this.keys = keys;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("sluice-state-restore");
        try {
            Result r = new StateRestoreScenario(dir, keys, System.out).run();
            System.out.printf("RESULT scenario=state-restore keys=%d restored_entries=%d restore_ms=%d "
                    + "start_with_restore_s=%.1f start_without_s=%.1f build_s=%.1f%n", r.keys(),
                    r.restoredEntries(), r.restoreMs(), r.startSeconds(), r.plainStartSeconds(),
                    r.buildSeconds());
        } finally {
            deleteTree(dir);
        }
    }

    /** Every id once with v = id % 1000; ids divisible by 10 once more with v = 1. */
    private long expectedCount(long id) {
        return id % 10 == 0 ? 2 : 1;
    }

    private long expectedSum(long id) {
        return id % 1000 + (id % 10 == 0 ? 1 : 0);
    }

    public Result run() throws Exception {
        Path data = dir.resolve("data");
        int port = ServerProcess.freePort();
        ScenarioClient client = new ScenarioClient(port);
        long inputs = keys + (keys + 9) / 10;
        double buildSeconds;
        try (ServerProcess server = ServerProcess.start(data, port)) {
            client.ksql(server.httpPort(), STATEMENTS);
            long t = System.nanoTime();
            produce(client.bootstrap(), 0, keys, id -> id % 1000);
            produce(client.bootstrap(), 0, keys, id -> id % 10 == 0 ? 1L : null);
            // one output update per input record
            awaitOutputs(client, server, inputs);
            awaitCounted(client, server.httpPort(), inputs);
            buildSeconds = (System.nanoTime() - t) / 1e9;
            out.printf("built per_id: %d keys from %d records in %.1f s%n", keys, inputs, buildSeconds);
            server.stopCleanly();
        }
        Path state = data.resolve("state");
        List<Path> stores;
        try (Stream<Path> s = Files.list(state)) {
            stores = s.toList();
        }
        if (stores.size() != 1) {
            throw new AssertionError("expected one query's state in " + state + ", found " + stores);
        }
        deleteTree(stores.get(0));
        out.println("deleted " + stores.get(0));

        long started = System.nanoTime();
        long entries;
        long restoreMs;
        double startSeconds;
        try (ServerProcess server = ServerProcess.start(data, port)) {
            startSeconds = (System.nanoTime() - started) / 1e9;
            Matcher m = RESTORED.matcher(server.log());
            if (!m.find()) {
                throw new AssertionError("the server did not log a restore:\n" + server.log());
            }
            entries = Long.parseLong(m.group(1));
            restoreMs = Long.parseLong(m.group(2));
            out.printf("restored %d entries in %d ms (server ready %.1f s after its start)%n", entries,
                    restoreMs, startSeconds);
            checkScan(client, server.httpPort(), 0);
            checkLookups(client, server.httpPort());
            // the restored positions: new input is counted once, old input not again
            int more = Math.min(keys, 1000);
            produce(client.bootstrap(), 0, more, id -> 0L);
            awaitOutputs(client, server, inputs + more);
            awaitCounted(client, server.httpPort(), inputs + more);
            checkScan(client, server.httpPort(), more);
            server.stopCleanly();
        }
        // for comparison: the same start with the store in place
        long again = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(data, port)) {
            double plainSeconds = (System.nanoTime() - again) / 1e9;
            out.printf("a start with the state in place: ready after %.1f s%n", plainSeconds);
            server.stopCleanly();
            return new Result(keys, entries, restoreMs, startSeconds, plainSeconds, buildSeconds);
        }
    }

    /** A scan returns every key once with its values; ids below {@code extra} counted once more. */
    private void checkScan(ScenarioClient client, int http, int extra) throws Exception {
        ScenarioClient.Table t = client.pull(http, "SELECT * FROM per_id;");
        int ci = t.column("ID");
        int cn = t.column("N");
        int cs = t.column("S");
        boolean[] seen = new boolean[keys];
        List<String> diffs = new ArrayList<>();
        for (JsonNode row : t.rows()) {
            long id = row.get(ci).asLong();
            if (id < 0 || id >= keys || seen[(int) id]) {
                diffs.add("id " + id + (id < 0 || id >= keys ? " was never written" : " twice"));
                continue;
            }
            seen[(int) id] = true;
            long n = expectedCount(id) + (id < extra ? 1 : 0);
            if (row.get(cn).asLong() != n || row.get(cs).asLong() != expectedSum(id)) {
                diffs.add("id " + id + ": " + row + ", expected N=" + n + " S=" + expectedSum(id));
            }
        }
        if (t.rows().size() != keys) {
            diffs.add(0, t.rows().size() + " rows, expected " + keys);
        }
        if (!diffs.isEmpty()) {
            throw new AssertionError("per_id after the restore differs in " + diffs.size() + " places: "
                    + diffs.subList(0, Math.min(10, diffs.size())));
        }
        out.println("scan: " + keys + " keys with their values" + (extra > 0 ? " (after " + extra
                + " more records)" : ""));
    }

    private void checkLookups(ScenarioClient client, int http) throws Exception {
        Random random = new Random(keys);
        for (int i = 0; i < 100; i++) {
            long id = i == 0 ? keys - 1 : random.nextInt(keys);
            ScenarioClient.Table t = client.pull(http, "SELECT * FROM per_id WHERE id = " + id + ";");
            if (t.rows().size() != 1 || t.rows().get(0).get(t.column("S")).asLong() != expectedSum(id)) {
                throw new AssertionError("lookup of id " + id + " answered " + t.rows());
            }
        }
    }

    /**
     * Waits until the table's committed state has counted {@code count} records: the output of
     * a barrier interval is flushed before its state commits, so the topic may be ahead.
     */
    private static void awaitCounted(ScenarioClient client, int http, long count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ScenarioClient.Table t = client.pull(http, "SELECT * FROM per_id;");
            int cn = t.column("N");
            long sum = 0;
            for (JsonNode row : t.rows()) {
                sum += row.get(cn).asLong();
            }
            if (sum >= count || System.nanoTime() > deadline) {
                return; // the scan's check says what differs
            }
            Thread.sleep(200);
        }
    }

    private static void awaitOutputs(ScenarioClient client, ServerProcess server, long count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = client.endOffsetSum("per_id");
            if (now >= count) {
                return;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            if (System.nanoTime() > deadline || System.nanoTime() - lastChange > 60_000_000_000L) {
                throw new AssertionError("per_id has " + now + " of " + count + " updates:\n" + server.log());
            }
            Thread.sleep(200);
        }
    }

    /** Writes readings {@code from..until-1} whose value function is not null, acks=all. */
    private static void produce(String bootstrap, long from, long until,
            java.util.function.LongFunction<Long> value) {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long id = from; id < until; id++) {
                Long v = value.apply(id);
                if (v == null) {
                    continue;
                }
                p.send(new ProducerRecord<>("readings", ByteBuffer.allocate(8).putLong(id).array(),
                        ("{\"V\":" + v + "}").getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            p.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing readings failed", failure.get());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
