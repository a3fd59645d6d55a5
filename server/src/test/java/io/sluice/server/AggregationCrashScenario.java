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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The crash scenario of issue 5: an unwindowed ({@code totals}: COUNT and SUM per key) and a
 * windowed ({@code hopping}: the same per key and HOPPING window) aggregation over input that
 * a stock producer writes while {@code sluice server} (a child JVM) is killed with SIGKILL
 * {@code kills} times at random points and restarted over the same data directory. After the
 * last restart, once the tables have counted every input record, each table's pull-query
 * contents and its output topic's last value per key must equal a recomputation from the input
 * topic as it ended up (so records a producer wrote without seeing the ack count as well).
 *
 * <p>Why it catches double counting and loss: the tables' counts are summed over all keys and
 * must reach exactly the number of input records (twice that for the hopping table, whose
 * windows overlap by half); state committed without its input positions (or positions without
 * state) makes a restarted query count a stretch of input twice or never, and the comparison
 * names the keys that differ.
 *
 * <p>Event times are explicit (record timestamps {@code t0 + 2 ms * id} plus up to 3 s of
 * disorder) and the grace period (1 day) is longer than the whole input, so no record is late.
 *
 * <p>Runs in the tests at a small size ({@code AggregationCrashIT}) and at 1,000,000 records
 * from {@code bench/state-crash.sh}: {@code AggregationCrashScenario N [KILLS] [SEED] [lose-state]}
 * ({@link #losingState}: the state directory deleted after every second kill as well).
 */
public final class AggregationCrashScenario {

    static final String STATEMENTS = """
            CREATE STREAM events (id BIGINT KEY, k BIGINT, x BIGINT)
              WITH (kafka_topic='events', partitions=3, value_format='JSON');
            CREATE TABLE totals WITH (kafka_topic='totals', partitions=3) AS
              SELECT k, COUNT(*) AS n, SUM(x) AS s FROM events GROUP BY k;
            CREATE TABLE hopping WITH (kafka_topic='hopping', partitions=3) AS
              SELECT k, COUNT(*) AS n, SUM(x) AS s FROM events
              WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS, RETENTION 7 DAYS,
                GRACE PERIOD 1 DAY)
              GROUP BY k;
            """;
    static final long SIZE_MS = 10_000;
    static final long ADVANCE_MS = 5_000;
    /** Distinct group keys. */
    static final int KEYS = 500;

    /** What a run saw: input records, groups per table, and the kills. */
    public record Result(long inputs, int keys, int windows, List<String> kills, double seconds) {}

    private final Path dir;
    private final long n;
    private final int kills;
    private final Random random;
    private final long seed;
    private final PrintStream out;
    private final Duration catchUp;
    private boolean loseState;

    /**
     * @param dir an empty directory for the server's data
     * @param n input records to produce in all
     * @param catchUp how long the last server may take to count the last input
     */
    public AggregationCrashScenario(Path dir, long n, int kills, long seed, Duration catchUp,
            PrintStream out) {
        this.dir = dir;
        this.n = n;
        this.kills = kills;
        this.seed = seed;
        this.random = new Random(seed);
        this.catchUp = catchUp;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        boolean lose = args.length > 3 && args[3].equals("lose-state");
        Path dir = Files.createTempDirectory("sluice-state-crash");
        try {
            AggregationCrashScenario scenario = new AggregationCrashScenario(dir, n, kills, seed,
                    Duration.ofMinutes(15), System.out);
            Result r = (lose ? scenario.losingState() : scenario).run();
            System.out.printf("RESULT scenario=state-crash n=%d inputs=%d kills=%d keys=%d windows=%d "
                    + "seconds=%.1f seed=%d%n", n, r.inputs(), r.kills().size(), r.keys(), r.windows(),
                    r.seconds(), seed);
        } finally {
            StateRestoreScenario.deleteTree(dir);
        }
    }

    /**
     * Also deletes {@code data/state} after every second kill, as if the disk were lost with the
     * process: the queries then restore their state from their changelog topics.
     */
    public AggregationCrashScenario losingState() {
        this.loseState = true;
        return this;
    }

    /** Runs the scenario; throws {@link AssertionError} saying what differs. */
    public Result run() throws Exception {
        long began = System.nanoTime();
        Path data = dir.resolve("data");
        int port = ServerProcess.freePort();
        ScenarioClient client = new ScenarioClient(port);
        long t0 = System.currentTimeMillis() / SIZE_MS * SIZE_MS;
        long share = n / (kills + 1);
        long next = 0;
        List<String> killed = new ArrayList<>();
        for (int phase = 0; phase <= kills; phase++) {
            try (ServerProcess server = ServerProcess.start(data, port)) {
                if (phase == 0) {
                    client.ksql(server.httpPort(), STATEMENTS);
                }
                long until = phase == kills ? n : next + share;
                // a phase's share over about 3 s, so that the queries work all through a phase
                Producer producer = new Producer(client.bootstrap(), t0, next, until, share / 3.0);
                producer.start();
                if (phase < kills) {
                    // a random point 0.5 s to 3.2 s (plus 1 s per 40,000 records of the share,
                    // time for a large share's commits) into the phase, while records arrive and
                    // the queries fold them in between commits
                    Thread.sleep(500 + random.nextInt(2700 + (int) (share / 40)));
                    long counted = countedOrMinusOne(client, server.httpPort());
                    server.kill9();
                    // every second kill also loses the disk's state: restored from the changelogs
                    boolean lose = loseState && phase % 2 == 1;
                    if (lose) {
                        StateRestoreScenario.deleteTree(data.resolve("state"));
                    }
                    String note = "kill " + (phase + 1) + ": " + producer.sent() + " sent, totals had counted "
                            + counted + (lose ? "; state directory deleted" : "");
                    killed.add(note);
                    out.println(note);
                    next = producer.halt();
                } else {
                    next = producer.finish();
                    if (producer.failure() != null) {
                        throw new IllegalStateException("producing to the last server failed",
                                producer.failure());
                    }
                    Result r = verify(client, server, killed, began);
                    server.stopCleanly();
                    return r;
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The sum of totals' counts (-1 when the pull query fails): a note of the progress at a kill. */
    private static long countedOrMinusOne(ScenarioClient client, int httpPort) {
        try {
            return sumOf(client.pull(httpPort, "SELECT * FROM totals;"), "N");
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Result verify(ScenarioClient client, ServerProcess server, List<String> killed,
            long began) throws Exception {
        Expected expected = Expected.from(client);
        out.println("input: " + expected.inputs + " records in events; waiting for the tables");
        int http = server.httpPort();
        long deadline = System.nanoTime() + catchUp.toNanos();
        ScenarioClient.Table totals;
        ScenarioClient.Table hopping;
        while (true) {
            totals = client.pull(http, "SELECT * FROM totals;");
            hopping = client.pull(http, "SELECT * FROM hopping;");
            long t = sumOf(totals, "N");
            long h = sumOf(hopping, "N");
            if (t > expected.inputs || h > 2 * expected.inputs) {
                break; // counted more than there is: the comparison below says where
            }
            if (t == expected.inputs && h == 2 * expected.inputs) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + catchUp + " totals counted " + t + " and hopping " + h
                        + " of " + expected.inputs + " input records (x2 for hopping)\n" + tail(server.log()));
            }
            Thread.sleep(250);
        }
        // the output written for the last commit is flushed before that commit
        compareTotals("pull query on totals", rowsByKey(totals), expected.totals);
        compareWindows("pull query on hopping", windowRows(hopping), expected.hopping);
        Map<Long, long[]> totalsTopic = new HashMap<>();
        client.readAll("totals", r -> put(totalsTopic, ByteBuffer.wrap(r.key()).getLong(), r.value()));
        compareTotals("topic totals (last value per key)", totalsTopic, expected.totals);
        Map<Window, long[]> hoppingTopic = new HashMap<>();
        client.readAll("hopping", r -> {
            ByteBuffer k = ByteBuffer.wrap(r.key());
            put(hoppingTopic, new Window(k.getLong(), k.getLong()), r.value());
        });
        compareWindowMaps("topic hopping (last value per windowed key)", hoppingTopic, expected.hopping);
        out.println("equal to the recomputation: totals " + expected.totals.size() + " keys, hopping "
                + expected.hopping.size() + " windows, both as pull queries and as topics");
        return new Result(expected.inputs, expected.totals.size(), expected.hopping.size(), killed,
                (System.nanoTime() - began) / 1e9);
    }

    private static <K> void put(Map<K, long[]> map, K key, byte[] value) {
        if (value == null) {
            map.remove(key);
            return;
        }
        try {
            JsonNode v = ScenarioClient.JSON.readTree(value);
            map.put(key, new long[] {v.get("N").asLong(), v.get("S").asLong()});
        } catch (IOException e) {
            throw new AssertionError("output value is not JSON: " + new String(value, StandardCharsets.UTF_8));
        }
    }

    private static long sumOf(ScenarioClient.Table t, String column) {
        int c = t.column(column);
        long sum = 0;
        for (JsonNode row : t.rows()) {
            sum += row.get(c).asLong();
        }
        return sum;
    }

    private static Map<Long, long[]> rowsByKey(ScenarioClient.Table t) {
        Map<Long, long[]> out = new HashMap<>();
        int k = t.column("K");
        int cn = t.column("N");
        int cs = t.column("S");
        for (JsonNode row : t.rows()) {
            if (out.put(row.get(k).asLong(), new long[] {row.get(cn).asLong(), row.get(cs).asLong()}) != null) {
                throw new AssertionError("key " + row.get(k) + " twice in the pull query's answer");
            }
        }
        return out;
    }

    /**
     * A windowed pull query's rows: by (key, window start) when it returns WINDOWSTART, else
     * (as the answer has no window bounds) the multiset of (count, sum) per key, window start 0.
     */
    private static Map<Long, List<long[]>> windowRows(ScenarioClient.Table t) {
        Map<Long, List<long[]>> out = new TreeMap<>();
        int k = t.column("K");
        int ws = t.column("WINDOWSTART");
        int cn = t.column("N");
        int cs = t.column("S");
        for (JsonNode row : t.rows()) {
            out.computeIfAbsent(row.get(k).asLong(), x -> new ArrayList<>()).add(new long[] {
                ws < 0 ? 0 : row.get(ws).asLong(), row.get(cn).asLong(), row.get(cs).asLong()});
        }
        return out;
    }

    private static void compareTotals(String what, Map<Long, long[]> actual, Map<Long, long[]> expected) {
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : expected.entrySet()) {
            long[] a = actual.get(e.getKey());
            if (a == null || a[0] != e.getValue()[0] || a[1] != e.getValue()[1]) {
                diffs.add("key " + e.getKey() + ": (count, sum) " + text(a) + ", recomputed " + text(e.getValue()));
            }
        }
        for (Long k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                diffs.add("key " + k + " is not in the input");
            }
        }
        fail(what, diffs);
    }

    private static void compareWindowMaps(String what, Map<Window, long[]> actual,
            Map<Window, long[]> expected) {
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Window, long[]> e : expected.entrySet()) {
            long[] a = actual.get(e.getKey());
            if (a == null || a[0] != e.getValue()[0] || a[1] != e.getValue()[1]) {
                diffs.add(e.getKey() + ": (count, sum) " + text(a) + ", recomputed " + text(e.getValue()));
            }
        }
        for (Window w : actual.keySet()) {
            if (!expected.containsKey(w)) {
                diffs.add(w + " has no input");
            }
        }
        fail(what, diffs);
    }

    private static void compareWindows(String what, Map<Long, List<long[]>> actual,
            Map<Window, long[]> expected) {
        boolean bounds = actual.values().stream().flatMap(List::stream).anyMatch(r -> r[0] != 0);
        Map<Long, List<long[]>> want = new TreeMap<>();
        expected.forEach((w, v) -> want.computeIfAbsent(w.key(), x -> new ArrayList<>())
                .add(new long[] {bounds ? w.start() : 0, v[0], v[1]}));
        List<String> diffs = new ArrayList<>();
        for (Long k : union(want.keySet(), actual.keySet())) {
            String a = sortedText(actual.get(k));
            String e = sortedText(want.get(k));
            if (!a.equals(e)) {
                diffs.add("key " + k + ": windows " + a + ", recomputed " + e);
            }
        }
        fail(what + (bounds ? "" : " (no window bounds in the answer: compared per key)"), diffs);
    }

    private static List<Long> union(java.util.Set<Long> a, java.util.Set<Long> b) {
        java.util.TreeSet<Long> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static String sortedText(List<long[]> rows) {
        if (rows == null) {
            return "[]";
        }
        return rows.stream().sorted((x, y) -> java.util.Arrays.compare(x, y))
                .map(java.util.Arrays::toString).toList().toString();
    }

    private static void fail(String what, List<String> diffs) {
        if (!diffs.isEmpty()) {
            throw new AssertionError(what + " differs from the recomputation in " + diffs.size() + " places, e.g.\n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(10, diffs.size()))));
        }
    }

    private static String text(long[] v) {
        return v == null ? "missing" : "(" + v[0] + ", " + v[1] + ")";
    }

    private static String tail(String log) {
        return log.length() < 4000 ? log : log.substring(log.length() - 4000);
    }

    /** A windowed key: the group key and the window's start. */
    record Window(long key, long start) {}

    /** The tables recomputed from the input topic as it is. */
    private static final class Expected {
        long inputs;
        final Map<Long, long[]> totals = new HashMap<>();
        final Map<Window, long[]> hopping = new HashMap<>();

        static Expected from(ScenarioClient client) {
            Expected e = new Expected();
            client.readAll("events", r -> {
                JsonNode v;
                try {
                    v = ScenarioClient.JSON.readTree(r.value());
                } catch (IOException x) {
                    throw new AssertionError(x);
                }
                long k = v.get("K").asLong();
                long x = v.get("X").asLong();
                e.inputs++;
                add(e.totals, k, x);
                long ts = r.timestamp();
                // every hopping window [s, s + size) holding ts, s a multiple of the advance
                for (long s = Math.floorDiv(ts, ADVANCE_MS) * ADVANCE_MS; s > ts - SIZE_MS; s -= ADVANCE_MS) {
                    add(e.hopping, new Window(k, s), x);
                }
            });
            return e;
        }

        private static <K> void add(Map<K, long[]> map, K key, long x) {
            long[] v = map.computeIfAbsent(key, y -> new long[2]);
            v[0]++;
            v[1] += x;
        }
    }

    /**
     * Produces events {@code from..until-1} (acks=all, {@code perSecond} at most): key = id, value {@code {"K","X"}} from
     * the id, timestamp {@code t0 + 2 ms * id} plus up to 3 s of disorder. Stops at the first
     * failed send (the server was killed); {@link #stop} returns the id to go on from.
     */
    private static final class Producer {
        private final KafkaProducer<byte[], byte[]> producer;
        private final long t0;
        private final long from;
        private final long until;
        private final AtomicLong acked = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean stopping;
        private volatile long nextId;
        private final double perSecond;
        private Thread thread;

        Producer(String bootstrap, long t0, long from, long until, double perSecond) {
            Map<String, Object> cfg = new HashMap<>();
            cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            cfg.put(ProducerConfig.ACKS_CONFIG, "all");
            cfg.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            cfg.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
            cfg.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            cfg.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
            this.producer = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer());
            this.t0 = t0;
            this.from = from;
            this.until = until;
            this.nextId = from;
            this.perSecond = perSecond;
        }

        void start() {
            thread = new Thread(() -> {
                long began = System.nanoTime();
                for (long id = from; id < until && !stopping && failure.get() == null; id++) {
                    if ((id - from) % 500 == 0) {
                        long due = began + (long) ((id - from) / perSecond * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            try {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    try {
                        producer.send(record(id), (m, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, e);
                            }
                        });
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    nextId = id + 1;
                }
            }, "events-producer");
            thread.start();
        }

        private ProducerRecord<byte[], byte[]> record(long id) {
            long mixed = mix(id);
            long k = Long.remainderUnsigned(mixed, KEYS);
            long x = Long.remainderUnsigned(mixed >>> 20, 1000) - 300;
            long ts = t0 + 2 * id + Long.remainderUnsigned(mixed >>> 40, 3000);
            byte[] key = ByteBuffer.allocate(8).putLong(id).array();
            byte[] value = ("{\"K\":" + k + ",\"X\":" + x + "}").getBytes(StandardCharsets.UTF_8);
            return new ProducerRecord<>("events", null, ts, key, value);
        }

        /** Records handed to the producer so far (some may not be acknowledged yet). */
        long sent() {
            return nextId;
        }

        Exception failure() {
            return failure.get();
        }

        /** Waits until every event was handed over and acknowledged; the next id to produce. */
        long finish() throws InterruptedException {
            thread.join();
            producer.close(Duration.ofSeconds(30));
            return nextId;
        }

        /** Stops producing now (the server was killed); the next id to produce. */
        long halt() throws InterruptedException {
            stopping = true;
            thread.join(30_000);
            producer.close(Duration.ZERO);
            return nextId;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
