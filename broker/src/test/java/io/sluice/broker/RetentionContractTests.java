package io.sluice.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Retention and compaction as a stock consumer sees them, run unchanged against Sluice and
 * Apache Kafka 4.4. Both brokers run with short check intervals ({@link #BROKER_PROPS}) so the
 * background tasks act within seconds.
 */
abstract class RetentionContractTests extends ContractTestBase {

    /** Broker settings (Kafka's names) both brokers run with here. */
    static final Map<String, String> BROKER_PROPS = Map.of(
            "log.retention.check.interval.ms", "500",
            "log.cleaner.backoff.ms", "500",
            "log.segment.delete.delay.ms", "0");


    private String createTopic(String base, Map<String, String> configs) throws Exception {
        String topic = base + "-" + System.nanoTime();
        Clients.createTopic(admin, new NewTopic(topic, 1, (short) 1).configs(configs));
        return topic;
    }

    private long earliest(TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
    }

    private long awaitEarliestAtLeast(TopicPartition tp, long min) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        long e = earliest(tp);
        while (e < min && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            e = earliest(tp);
        }
        return e;
    }

    @Test
    void recordsOlderThanRetentionMsAreDeletedAndConsumersResetToTheNewStart() throws Exception {
        String topic = createTopic("rtime", Map.of("retention.ms", "60000", "segment.ms", "100"));
        TopicPartition tp = new TopicPartition(topic, 0);
        long old = System.currentTimeMillis() - 3_600_000;
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 50; i++) {
                p.send(new ProducerRecord<>(topic, 0, old + i, null, ("old" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
            Thread.sleep(300);
            // an append after segment.ms rolls the old records into a closed segment
            p.send(new ProducerRecord<>(topic, 0, null, "fresh".getBytes(StandardCharsets.UTF_8))).get();
        }
        assertEquals(50, awaitEarliestAtLeast(tp, 50), "log start offset after retention");
        try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            c.assign(List.of(tp));
            c.seek(tp, 0);
            ConsumerRecord<byte[], byte[]> first = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (first == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    first = first == null ? r : first;
                }
            }
            assertTrue(first != null, "a record after the reset");
            assertEquals(50, first.offset());
            assertEquals("fresh", new String(first.value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void segmentsBeyondRetentionBytesAreDeleted() throws Exception {
        int segmentBytes = 1 << 20;
        String topic = createTopic("rsize", Map.of("retention.bytes", Integer.toString(segmentBytes),
                "segment.bytes", Integer.toString(segmentBytes)));
        TopicPartition tp = new TopicPartition(topic, 0);
        int n = 40_000;
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of())) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, 0, null, new byte[100]));
            }
        }
        long start = awaitEarliestAtLeast(tp, 1);
        assertTrue(start > 0, "oldest segments deleted");
        assertTrue(start < n, "the newest data stays");
        long kept = n - start;
        // what stays is at most retention.bytes plus the active segment
        assertTrue(kept * 100 < 3L * segmentBytes, "kept " + kept + " records");
    }

    @Test
    void compactionKeepsTheLastRecordPerKeyAndDropsTombstonesAfterDeleteRetention() throws Exception {
        String topic = createTopic("compact", Map.of("cleanup.policy", "compact", "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "1000", "min.compaction.lag.ms", "0"));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(target.bootstrap(), Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int round = 0; round < 10; round++) {
                for (int k = 0; k < 10; k++) {
                    p.send(new ProducerRecord<>(topic, 0, key(k), ("v" + round).getBytes(StandardCharsets.UTF_8)));
                }
            }
            p.send(new ProducerRecord<>(topic, 0, key(9), null)).get();
            // keep rolling segments so everything above ends up in closed, cleanable segments
            long deadline = System.currentTimeMillis() + 90_000;
            Map<String, String> seen = Map.of();
            while (System.currentTimeMillis() < deadline) {
                Thread.sleep(300);
                p.send(new ProducerRecord<>(topic, 0, "filler".getBytes(StandardCharsets.UTF_8), new byte[1])).get();
                seen = readAll(tp);
                if (seen.size() == 9 && !seen.containsKey("k9") && seenOnce) {
                    break;
                }
            }
            assertTrue(seenOnce, "one record per key after cleaning");
            for (int k = 0; k < 9; k++) {
                assertEquals("v9", seen.get("k" + k), "latest value of k" + k);
            }
            assertTrue(!seen.containsKey("k9"), "tombstoned key gone after delete.retention.ms: " + seen);
        }
    }

    private boolean seenOnce;

    private static byte[] key(int k) {
        return ("k" + k).getBytes(StandardCharsets.UTF_8);
    }

    /** Key to last value (null for a tombstone) of everything readable; notes whether each key appeared once. */
    private Map<String, String> readAll(TopicPartition tp) {
        Map<String, String> last = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : Clients.readAll(target.bootstrap(), tp, earliestQuietly(tp),
                Duration.ofSeconds(30))) {
            String k = new String(r.key(), StandardCharsets.UTF_8);
            last.put(k, r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
            count.merge(k, 1, Integer::sum);
        }
        count.remove("filler");
        last.remove("filler");
        seenOnce = count.values().stream().allMatch(c -> c == 1);
        return last;
    }

    private long earliestQuietly(TopicPartition tp) {
        try {
            return earliest(tp);
        } catch (Exception e) {
            return 0;
        }
    }
}
