package io.sluice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning with one assigned (group-less) consumer until it has
 * {@code records} records, and prints one line: {@code records, seconds, records/s, MB/s}.
 *
 * <p>usage: ConsumeBench BOOTSTRAP TOPIC RECORDS
 */
public final class ConsumeBench {

    private ConsumeBench() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: ConsumeBench BOOTSTRAP TOPIC RECORDS");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        long want = Long.parseLong(args[2]);
        Map<String, Object> cfg = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            long count = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long lastProgress = start;
            while (count < want) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    count++;
                    bytes += r.serializedValueSize() + Math.max(0, r.serializedKeySize());
                    lastProgress = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress > Duration.ofSeconds(30).toNanos()) {
                    System.err.println("no records for 30 s; stopping at " + count);
                    break;
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d records, %.2f s, %.0f records/s, %.1f MB/s%n", count, secs, count / secs,
                    bytes / secs / 1024 / 1024);
        }
    }
}
