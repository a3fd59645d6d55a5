package io.sluice.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Stock kafka-clients with default settings unless a test says otherwise. */
final class Clients {

    private Clients() {
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(overrides);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(overrides);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /**
     * Creates a topic and waits until every partition answers ListOffsets: Apache Kafka names a
     * leader before the partition takes writes, and a producer's first batch can then fail.
     */
    static void createTopic(Admin admin, org.apache.kafka.clients.admin.NewTopic topic) throws Exception {
        admin.createTopics(List.of(topic)).all().get();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < topic.numPartitions(); p++) {
            specs.put(new TopicPartition(topic.name(), p), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                admin.listOffsets(specs).all().get();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Reads {@code tp} from {@code from} up to its end offset at call time, with an assigned
     * (group-less) consumer; gives up after {@code timeout}.
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, TopicPartition tp, long from,
                                                         Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000))) {
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            c.seek(tp, from);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
