package io.sluice.bench.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Pull queries by key on a table of {@code KEYS} keys through a running server's HTTP API: builds
 * {@code items_by_id} (COUNT and SUM per id over {@code items}, one record per id, so the table
 * has exactly KEYS rows), then {@code CLIENTS} threads each send
 * {@code POST /query-stream {"sql": "SELECT * FROM items_by_id WHERE id = <random id>;"}} back to
 * back, each over its own keep-alive HTTP/1.1 connection ({@link HttpConnection}: a blocking
 * socket, so that the client's own cost, a few microseconds per query, does not blur the server's
 * latency as the JDK's HttpClient did at about 230 µs of CPU per query)
 * for {@code SECONDS} after a warm-up of {@value #WARMUP_S} s. Every answer is checked (status
 * 200, exactly one row, the id's value). Prints
 *
 * <pre>RESULT keys=K clients=C queries=Q seconds=S qps=X p50_ms=.. p99_ms=.. p999_ms=.. max_ms=..</pre>
 *
 * <p>usage: PullBench HTTP_URL BOOTSTRAP KEYS SECONDS CLIENTS
 */
public final class PullBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP_S = Integer.getInteger("warmup", 5);
    private static final int PARTITIONS = 6;

    private PullBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PullBench HTTP_URL BOOTSTRAP KEYS SECONDS CLIENTS");
            System.exit(2);
        }
        String url = args[0];
        String bootstrap = args[1];
        int keys = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        HttpClient setup = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ksql(setup, url, "CREATE STREAM items (id BIGINT KEY, v BIGINT) WITH (kafka_topic='items', "
                + "partitions=" + PARTITIONS + ", value_format='JSON');");
        ksql(setup, url, "CREATE TABLE items_by_id WITH (kafka_topic='items_by_id', partitions=" + PARTITIONS
                + ") AS SELECT id, COUNT(*) AS n, SUM(v) AS s FROM items GROUP BY id;");
        long t = System.nanoTime();
        load(bootstrap, keys);
        awaitTable(setup, url, bootstrap, keys);
        System.out.printf("table items_by_id: %d keys, built in %.1f s%n", keys, (System.nanoTime() - t) / 1e9);

        run(url, keys, clients, WARMUP_S, false);
        run(url, keys, clients, seconds, true);
    }

    /** The value of id {@code i}: a function of the id the checker recomputes. */
    static long value(long id) {
        return id * 31 % 100_003;
    }

    private static void run(String url, int keys, int clients, int seconds, boolean report) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[4_000_000];
            latencies.add(mine);
            int me = c;
            threads[c] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(me * 7919L + 1);
                int n = 0;
                try (HttpConnection http = HttpConnection.open(URI.create(url))) {
                    while (System.nanoTime() < end && n < mine.length) {
                        long id = random.nextInt(keys);
                        String body = "{\"sql\":\"SELECT * FROM items_by_id WHERE id = " + id + ";\"}";
                        long start = System.nanoTime();
                        HttpConnection.Response r = http.post("/query-stream", body);
                        mine[n++] = System.nanoTime() - start;
                        check(id, r.status(), r.body());
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                counts[me] = n;
            }, "pull-client-" + c);
        }
        long began = System.nanoTime();
        for (Thread th : threads) {
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        double secs = (System.nanoTime() - began) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a pull query failed", failure.get());
        }
        if (!report) {
            return;
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("RESULT keys=%d clients=%d queries=%d seconds=%.1f qps=%.0f p50_ms=%.3f p99_ms=%.3f "
                + "p999_ms=%.3f max_ms=%.3f%n", keys, clients, total, secs, total / secs, ms(all, 0.50),
                ms(all, 0.99), ms(all, 0.999), all[all.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** One row {@code [id, 1, value(id)]} after the header. */
    private static void check(long id, int status, byte[] body) throws Exception {
        if (status != 200) {
            throw new IllegalStateException("id " + id + ": status " + status + " "
                    + new String(body, StandardCharsets.UTF_8));
        }
        JsonNode a = JSON.readTree(body);
        if (a.size() != 2 || a.get(1).get(0).asLong() != id || a.get(1).get(2).asLong() != value(id)) {
            throw new IllegalStateException("id " + id + ": answer " + a);
        }
    }

    private static void ksql(HttpClient http, String url, String sql) throws Exception {
        String body = JSON.writeValueAsString(Map.of("ksql", sql, "streamsProperties", Map.of()));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/ksql"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/ksql answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void load(String bootstrap, int keys) {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long id = 0; id < keys; id++) {
                p.send(new ProducerRecord<>("items", ByteBuffer.allocate(8).putLong(id).array(),
                        ("{\"V\":" + value(id) + "}").getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            p.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading items failed", failure.get());
        }
    }

    /** Waits until the table's output holds an update per key and a lookup of the last key answers. */
    private static void awaitTable(HttpClient http, String url, String bootstrap, int keys) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    specs.put(new TopicPartition("items_by_id", p), OffsetSpec.latest());
                }
                long sum = admin.listOffsets(specs).all().get().values().stream().mapToLong(i -> i.offset()).sum();
                if (sum >= keys) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("items_by_id has " + sum + " of " + keys + " updates");
                }
                Thread.sleep(500);
            }
        }
        // the output of a barrier interval is flushed before its state commits
        while (true) {
            String body = "{\"sql\":\"SELECT * FROM items_by_id WHERE id = " + (keys - 1) + ";\"}";
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + "/query-stream"))
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (JSON.readTree(r.body()).size() == 2) {
                Thread.sleep(2000); // the other partitions' last barrier, when input ran dry
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no row for id " + (keys - 1));
            }
            Thread.sleep(200);
        }
    }
}
