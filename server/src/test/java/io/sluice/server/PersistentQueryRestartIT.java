package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent {@code CREATE STREAM ... AS SELECT} with WHERE, a projection and functions keeps
 * running across restarts of {@code sluice server}: killed with SIGKILL while input is being
 * produced and output written, then stopped cleanly, its output in the end holds exactly one
 * record per input record that passes the filter, none lost and none twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PersistentQueryRestartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUERIES = """
            CREATE STREAM IF NOT EXISTS orders (id BIGINT KEY, amount INT, item STRING)
              WITH (kafka_topic='orders', partitions=3, value_format='JSON');
            CREATE STREAM IF NOT EXISTS big_orders WITH (kafka_topic='big_orders') AS
              SELECT id, amount * 2 AS doubled, UCASE(item) AS item
              FROM orders WHERE amount % 3 <> 0;
            """;

    @TempDir
    Path dir;

    @Test
    void csasOutputIsExactAfterKillDashNineAndRestart() throws Exception {
        Path data = dir.resolve("data");
        Path queries = dir.resolve("queries.sql");
        Files.writeString(queries, QUERIES);
        int port = ServerProcess.freePort();
        List<String> args = List.of("--queries-file", queries.toString());

        try (ServerProcess server = ServerProcess.start(data, port, args)) {
            Producer producer = new Producer(port, 0);
            producer.start();
            long deadline = System.currentTimeMillis() + 90_000;
            while (outputCount(port) < 20_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(outputCount(port) >= 20_000, "the query wrote output before the kill:\n"
                    + server.log());
            server.kill9();
            producer.stop();
        }
        try (ServerProcess server = ServerProcess.start(data, port, args)) {
            Producer producer = new Producer(port, 10_000_000);
            producer.start();
            while (producer.acked() < 20_000) {
                Thread.sleep(20);
            }
            producer.stop();
            awaitExactOutput(port, server);
            server.stopCleanly();
        }
        try (ServerProcess server = ServerProcess.start(data, port, args)) {
            Producer producer = new Producer(port, 20_000_000);
            producer.start();
            while (producer.acked() < 5_000) {
                Thread.sleep(20);
            }
            producer.stop();
            awaitExactOutput(port, server);
            server.stopCleanly();
        }
    }

    /** Waits until the output is the filtered input, then checks each record is there once. */
    private static void awaitExactOutput(int port, ServerProcess server) throws Exception {
        Map<Long, Integer> expected = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(port, "orders")) {
            int amount = JSON.readTree(r.value()).get("AMOUNT").asInt();
            if (amount % 3 != 0) {
                expected.put(ByteBuffer.wrap(r.key()).getLong(), amount);
            }
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (outputCount(port) < expected.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        Map<Long, Integer> seen = new HashMap<>();
        List<Long> duplicates = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(port, "big_orders")) {
            long id = ByteBuffer.wrap(r.key()).getLong();
            JsonNode v = JSON.readTree(r.value());
            if (seen.put(id, v.get("DOUBLED").asInt() / 2) != null) {
                duplicates.add(id);
            }
            assertEquals(("ITEM" + id), v.get("ITEM").asText(), "UCASE of the item of " + id);
        }
        assertTrue(duplicates.isEmpty(), duplicates.size() + " outputs written twice, e.g. "
                + duplicates.subList(0, Math.min(5, duplicates.size())) + "\n" + server.log());
        assertEquals(expected.size(), seen.size(), "one output per passing input");
        assertEquals(expected, seen, "each passing input's output");
    }

    private static long outputCount(int port) {
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> parts = c.partitionsFor("big_orders", Duration.ofSeconds(5));
            if (parts == null || parts.isEmpty()) {
                return 0;
            }
            List<TopicPartition> tps = parts.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(int port, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            c.seekToBeginning(tps);
            long deadline = System.currentTimeMillis() + 60_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Produces orders with ids from {@code firstId} until stopped (acks=all). */
    private static final class Producer {
        private final KafkaProducer<byte[], byte[]> producer;
        private final long firstId;
        private final AtomicLong acked = new AtomicLong();
        private volatile boolean stopping;
        private Thread thread;

        Producer(int port, long firstId) {
            Map<String, Object> cfg = new HashMap<>();
            cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            cfg.put(ProducerConfig.ACKS_CONFIG, "all");
            cfg.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            cfg.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
            cfg.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            cfg.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
            this.producer = new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer());
            this.firstId = firstId;
        }

        void start() {
            thread = new Thread(() -> {
                for (long id = firstId; !stopping; id++) {
                    byte[] key = ByteBuffer.allocate(8).putLong(id).array();
                    byte[] value = ("{\"AMOUNT\":" + (id % 100) + ",\"ITEM\":\"item" + id + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    try {
                        producer.send(new ProducerRecord<>("orders", key, value), (m, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            }
                        });
                    } catch (RuntimeException e) {
                        return;
                    }
                    if (id % 1000 == 0) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "orders-producer");
            thread.start();
        }

        long acked() {
            return acked.get();
        }

        void stop() throws InterruptedException {
            stopping = true;
            thread.join(30_000);
            producer.close(Duration.ofSeconds(10));
        }
    }
}
