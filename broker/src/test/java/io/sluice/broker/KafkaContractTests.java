package io.sluice.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * What stock kafka-clients 4.4 expect of a broker. Runs unchanged against Sluice and against
 * Apache Kafka 4.4, so every assertion states Kafka's behaviour, not ours.
 */
abstract class KafkaContractTests extends ContractTestBase {


    private String topic(String base) {
        return base + "-" + System.nanoTime();
    }

    @Test
    void millionKeyedRecordsComeBackOnceInOrderWithContiguousOffsets() throws Exception {
        int n = 1_000_000;
        int keys = 10_000;
        String topic = topic("million");
        Clients.createTopic(admin, new NewTopic(topic, 6, (short) 1));
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            for (int i = 0; i < n && failed.get() == null; i++) {
                int key = i % keys;
                p.send(new ProducerRecord<>(topic, ("k" + key).getBytes(StandardCharsets.UTF_8),
                        ByteBuffer.allocate(8).putInt(key).putInt(i / keys).array()), (m, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
            p.flush();
        }
        if (failed.get() != null) {
            throw new AssertionError("a send failed", failed.get());
        }
        BitSet seen = new BitSet(n);
        int[] lastSeq = new int[keys];
        int[] partitionOf = new int[keys];
        java.util.Arrays.fill(lastSeq, -1);
        java.util.Arrays.fill(partitionOf, -1);
        long total = 0;
        for (int part = 0; part < 6; part++) {
            TopicPartition tp = new TopicPartition(topic, part);
            long expectedOffset = 0;
            for (ConsumerRecord<byte[], byte[]> r : Clients.readAll(target.bootstrap(), tp, 0, Duration.ofMinutes(2))) {
                assertEquals(expectedOffset++, r.offset(), "offsets are contiguous in " + tp);
                ByteBuffer v = ByteBuffer.wrap(r.value());
                int key = v.getInt();
                int seq = v.getInt();
                assertEquals("k" + key, new String(r.key(), StandardCharsets.UTF_8));
                int id = seq * keys + key;
                assertTrue(!seen.get(id), "record " + id + " read twice");
                seen.set(id);
                assertTrue(seq > lastSeq[key], "key " + key + " out of order: " + seq + " after " + lastSeq[key]);
                lastSeq[key] = seq;
                assertTrue(partitionOf[key] == -1 || partitionOf[key] == part, "key " + key + " in two partitions");
                partitionOf[key] = part;
                total++;
            }
        }
        assertEquals(n, total, "records read back");
        assertEquals(n, seen.cardinality());
    }

    /**
     * The topic's config once {@code key} reads {@code expected}: Apache Kafka answers an alter
     * when its controller has committed it and applies it on the broker a moment later, so a
     * describe right after may still show the old value (up to 15 s; the last answer otherwise).
     */
    private Config configOnceApplied(ConfigResource res, String key, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            Config cfg = admin.describeConfigs(List.of(res)).all().get().get(res);
            if (expected.equals(cfg.get(key).value()) || System.nanoTime() > deadline) {
                assertEquals(expected, cfg.get(key).value(), key);
                return cfg;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void adminCreatesListsDescribesAltersDeletesRecordsAndTopics() throws Exception {
        String topic = topic("admin");
        Clients.createTopic(admin, new NewTopic(topic, 3, (short) 1)
                .configs(Map.of("retention.ms", "3600000", "cleanup.policy", "delete")));
        assertTrue(admin.listTopics().names().get().contains(topic));
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        assertEquals(3, d.partitions().size());
        assertEquals(1, d.partitions().get(0).replicas().size());
        assertTrue(d.topicId() != null && !d.topicId().equals(org.apache.kafka.common.Uuid.ZERO_UUID));

        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config cfg = admin.describeConfigs(List.of(res)).all().get().get(res);
        assertEquals("3600000", cfg.get("retention.ms").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, cfg.get("retention.ms").source());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, cfg.get("segment.bytes").source());

        admin.incrementalAlterConfigs(Map.of(res, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND),
                new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)))).all().get();
        cfg = configOnceApplied(res, "retention.ms", "7200000");
        assertEquals(Set.of("delete", "compact"), Set.of(cfg.get("cleanup.policy").value().split(",")));
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            ExecutionException keyless = assertThrows(ExecutionException.class, () -> p.send(
                    new ProducerRecord<>(topic, 0, null, "no key".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS));
            assertTrue(keyless.getCause() instanceof InvalidRecordException, "compacted topics need keys: " + keyless);
        }
        admin.incrementalAlterConfigs(Map.of(res, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", ""), AlterConfigOp.OpType.DELETE),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SUBTRACT)))).all().get();
        cfg = configOnceApplied(res, "retention.ms", "604800000");
        assertEquals("delete", cfg.get("cleanup.policy").value());

        ExecutionException bad = assertThrows(ExecutionException.class, () -> admin.incrementalAlterConfigs(Map.of(res,
                List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET)))).all().get());
        assertTrue(bad.getCause() instanceof InvalidConfigurationException, bad.toString());

        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(p.send(new ProducerRecord<>(topic, 0, null, ("v" + i).getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        TopicPartition tp0 = new TopicPartition(topic, 0);
        long low = admin.deleteRecords(Map.of(tp0, RecordsToDelete.beforeOffset(40))).lowWatermarks().get(tp0).get()
                .lowWatermark();
        assertEquals(40L, low);
        assertEquals(40L, admin.listOffsets(Map.of(tp0, OffsetSpec.earliest())).all().get().get(tp0).offset());
        assertEquals(100L, admin.listOffsets(Map.of(tp0, OffsetSpec.latest())).all().get().get(tp0).offset());
        List<ConsumerRecord<byte[], byte[]>> rest = Clients.readAll(target.bootstrap(), tp0, 40, Duration.ofSeconds(30));
        assertEquals(60, rest.size());
        assertEquals("v40", new String(rest.get(0).value(), StandardCharsets.UTF_8));

        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(5))).all().get();
        assertEquals(5, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());

        ExecutionException exists = assertThrows(ExecutionException.class,
                () -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get());
        assertTrue(exists.getCause() instanceof TopicExistsException, exists.toString());
        ExecutionException rf = assertThrows(ExecutionException.class,
                () -> admin.createTopics(List.of(new NewTopic(topic("rf"), 1, (short) 3))).all().get());
        assertTrue(rf.getCause() instanceof InvalidReplicationFactorException, rf.toString());

        DescribeClusterResult cluster = admin.describeCluster();
        assertEquals(1, cluster.nodes().get().size());
        assertTrue(cluster.clusterId().get() != null && !cluster.clusterId().get().isEmpty());

        admin.deleteTopics(List.of(topic)).all().get();
        long deadline = System.currentTimeMillis() + 30_000;
        while (admin.listTopics().names().get().contains(topic) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(!admin.listTopics().names().get().contains(topic), "topic deleted");
        ExecutionException gone = assertThrows(ExecutionException.class,
                () -> admin.describeTopics(List.of(topic)).allTopicNames().get());
        assertTrue(gone.getCause() instanceof UnknownTopicOrPartitionException, gone.toString());
    }

    @Test
    void offsetsByTimestampEarliestLatestAndMax() throws Exception {
        String topic = topic("times");
        Clients.createTopic(admin, new NewTopic(topic, 1, (short) 1));
        TopicPartition tp = new TopicPartition(topic, 0);
        long base = 1_700_000_000_000L;
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 50; i++) {
                // timestamps rise by 1 s, except record 30, which carries the largest
                long ts = i == 30 ? base + 1_000_000 : base + i * 1000L;
                p.send(new ProducerRecord<>(topic, 0, ts, null, ("t" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(), Map.of())) {
            Map<TopicPartition, OffsetAndTimestamp> at = c.offsetsForTimes(Map.of(tp, base + 10_500));
            assertEquals(11, at.get(tp).offset());
            assertEquals(base + 11_000, at.get(tp).timestamp());
            assertEquals(null, c.offsetsForTimes(Map.of(tp, base + 2_000_000)).get(tp));
            assertEquals(0L, c.beginningOffsets(List.of(tp)).get(tp));
            assertEquals(50L, c.endOffsets(List.of(tp)).get(tp));
        }
        var max = admin.listOffsets(Map.of(tp, OffsetSpec.maxTimestamp())).all().get().get(tp);
        assertEquals(30, max.offset());
        assertEquals(base + 1_000_000, max.timestamp());
    }

    @Test
    void longPollingFetchReturnsRecordsAsTheyArrive() throws Exception {
        String topic = topic("longpoll");
        Clients.createTopic(admin, new NewTopic(topic, 1, (short) 1));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(), Map.of());
             KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            assertTrue(c.poll(Duration.ofMillis(300)).isEmpty());
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>(topic, ("late" + i).getBytes(StandardCharsets.UTF_8))).get();
                long start = System.nanoTime();
                ConsumerRecords<byte[], byte[]> got = ConsumerRecords.empty();
                while (got.isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                    got = c.poll(Duration.ofSeconds(1));
                }
                assertEquals(1, got.count(), "one new record per send");
            }
        }
    }

    @Test
    void consumerBehindLogStartGetsOutOfRangeAndResetsPerPolicy() throws Exception {
        String topic = topic("reset");
        Clients.createTopic(admin, new NewTopic(topic, 1, (short) 1));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            for (int i = 0; i < 20; i++) {
                p.send(new ProducerRecord<>(topic, ("r" + i).getBytes(StandardCharsets.UTF_8)));
            }
        }
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(10))).all().get();
        try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
            c.assign(List.of(tp));
            c.seek(tp, 2);
            assertThrows(OffsetOutOfRangeException.class, () -> {
                long deadline = System.currentTimeMillis() + 10_000;
                while (System.currentTimeMillis() < deadline) {
                    c.poll(Duration.ofMillis(200));
                }
            });
        }
        try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            c.assign(List.of(tp));
            c.seek(tp, 2);
            List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (got.size() < 10 && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
            }
            assertEquals(10, got.get(0).offset());
            assertEquals(10, got.size());
        }
    }

    @Test
    void producingToAnUnknownTopicCreatesIt() throws Exception {
        String topic = topic("auto");
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            RecordMetadata m = p.send(new ProducerRecord<>(topic, "x".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            assertEquals(0, m.offset());
        }
        assertTrue(admin.listTopics().names().get().contains(topic));
    }

    @Test
    void idempotentProducerRetryingPastRequestTimeoutWritesEachRecordOnce() throws Exception {
        String topic = topic("idem");
        Clients.createTopic(admin, new NewTopic(topic, 1, (short) 1));
        int n = 3000;
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 512))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                acks.add(p.send(new ProducerRecord<>(topic, ("i" + i).getBytes(StandardCharsets.UTF_8))));
                if (i == n / 3) {
                    // requests in flight now outlive their 1 s timeout; the producer retries them
                    target.stall(2500);
                }
            }
            for (Future<RecordMetadata> f : acks) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
        List<ConsumerRecord<byte[], byte[]>> all = Clients.readAll(target.bootstrap(), new TopicPartition(topic, 0), 0,
                Duration.ofMinutes(1));
        BitSet seen = new BitSet(n);
        for (ConsumerRecord<byte[], byte[]> r : all) {
            int i = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).substring(1));
            assertTrue(!seen.get(i), "record " + i + " written twice");
            seen.set(i);
        }
        assertEquals(n, all.size(), "each acknowledged record exactly once");
    }

    @Test
    void malformedAndOversizedFramesCloseOnlyTheirConnection() throws Exception {
        String[] hp = target.bootstrap().split(":");
        // a frame that claims 1 GiB: over socket.request.max.bytes
        assertClosed(hp, ByteBuffer.allocate(8).putInt(1 << 30).putInt(0).array());
        // a well-sized frame of garbage: no valid API key
        assertClosed(hp, ByteBuffer.allocate(16).putInt(12).putShort((short) 9999).putShort((short) 0)
                .putInt(1).putInt(0).array());
        String topic = topic("after-garbage");
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            assertEquals(0, p.send(new ProducerRecord<>(topic, "ok".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS).offset());
        }
    }

    private static void assertClosed(String[] hostPort, byte[] bytes) throws IOException {
        try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "broker closes the connection");
        }
    }
}
