package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of {@code sluice server} under SIGKILL and damaged files: acknowledged records
 * survive, a torn or corrupt tail is cut off and the rest is served.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedRecordSurvivesKillDashNine() throws Exception {
        int port = ServerProcess.freePort();
        String topic = "crash";
        Map<TopicPartition, Map<Long, String>> acked = new ConcurrentHashMap<>();
        try (ServerProcess server = ServerProcess.start(data, port)) {
            try (Admin admin = admin(port)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
            KafkaProducer<byte[], byte[]> p = producer(port, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000));
            AtomicLong ackCount = new AtomicLong();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 5_000_000 && !Thread.currentThread().isInterrupted(); i++) {
                    String v = "v" + i;
                    try {
                        p.send(new ProducerRecord<>(topic, ("k" + (i % 1000)).getBytes(StandardCharsets.UTF_8),
                                v.getBytes(StandardCharsets.UTF_8)), (m, e) -> {
                                    if (e == null) {
                                        acked.computeIfAbsent(new TopicPartition(m.topic(), m.partition()),
                                                k -> new ConcurrentHashMap<>()).put(m.offset(), v);
                                        ackCount.incrementAndGet();
                                    }
                                });
                    } catch (RuntimeException e) {
                        return;
                    }
                }
            }, "crash-producer");
            sender.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (ackCount.get() < 100_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            server.kill9();
            sender.interrupt();
            sender.join(30_000);
            p.close(Duration.ofSeconds(10));
        }
        long total = acked.values().stream().mapToLong(Map::size).sum();
        assertTrue(total >= 100_000, "acknowledged before the kill: " + total);

        try (ServerProcess server = ServerProcess.start(data, port)) {
            for (int part = 0; part < 3; part++) {
                TopicPartition tp = new TopicPartition(topic, part);
                Map<Long, String> expect = acked.getOrDefault(tp, Map.of());
                Map<Long, String> got = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : readAll(port, tp)) {
                    got.put(r.offset(), new String(r.value(), StandardCharsets.UTF_8));
                }
                for (Map.Entry<Long, String> e : expect.entrySet()) {
                    assertEquals(e.getValue(), got.get(e.getKey()), "acknowledged record at " + tp + "@" + e.getKey());
                }
            }
            server.stopCleanly();
        }
    }

    @Test
    void tornTailIsTruncatedAndTheRestServed() throws Exception {
        damagedTail("torn", segment -> {
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                f.setLength(f.length() - 7);
            }
        });
    }

    @Test
    void flippedByteInLastBatchIsDetectedAndTruncated() throws Exception {
        damagedTail("flipped", segment -> {
            try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
                long pos = f.length() - 3;
                f.seek(pos);
                int b = f.read();
                f.seek(pos);
                f.write(b ^ 0x5A);
            }
        });
    }

    interface Damage {
        void apply(Path segment) throws IOException;
    }

    /** Writes 500 one-record batches, kills the server, damages the last batch, restarts. */
    private void damagedTail(String topic, Damage damage) throws Exception {
        int port = ServerProcess.freePort();
        int n = 500;
        try (ServerProcess server = ServerProcess.start(data, port)) {
            try (KafkaProducer<byte[], byte[]> p = producer(port, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
                for (int i = 0; i < n; i++) {
                    p.send(new ProducerRecord<>(topic, 0, null, ("r" + i).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            server.kill9();
        }
        Path segment = data.resolve("logs/topics/" + topic + "/0/00000000000000000000.log");
        assertTrue(Files.exists(segment), "segment file at " + segment);
        damage.apply(segment);

        try (ServerProcess server = ServerProcess.start(data, port)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            List<ConsumerRecord<byte[], byte[]>> rest = readAll(port, tp);
            assertEquals(n - 1, rest.size(), "all but the damaged last batch");
            for (int i = 0; i < rest.size(); i++) {
                assertEquals(i, rest.get(i).offset());
                assertEquals("r" + i, new String(rest.get(i).value(), StandardCharsets.UTF_8));
            }
            try (KafkaProducer<byte[], byte[]> p = producer(port, Map.of())) {
                long off = p.send(new ProducerRecord<>(topic, 0, null, "after".getBytes(StandardCharsets.UTF_8))).get().offset();
                assertEquals(n - 1, off, "appends continue after the truncated tail");
            }
            assertTrue(server.log().toLowerCase().contains("truncat"), "the log says what was cut:\n" + server.log());
            server.stopCleanly();
        }
    }

    private static Admin admin(int port) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        return Admin.create(p);
    }

    private static KafkaProducer<byte[], byte[]> producer(int port, Map<String, Object> overrides) {
        Map<String, Object> cfg = new HashMap<>(overrides);
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        return new KafkaProducer<>(cfg, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(int port, TopicPartition tp) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            c.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 60_000;
            while (c.position(tp) < end && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
