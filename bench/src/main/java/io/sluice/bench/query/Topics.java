package io.sluice.bench.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Topic chores of the query benchmark over one {@link Admin}: fresh topics and summed end offsets.
 * Works against any Kafka-protocol broker (Sluice's, Apache Kafka). Not thread-safe.
 */
final class Topics implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Admin admin;

    Topics(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Deletes {@code topic} if it exists and returns once the broker no longer lists it. */
    void delete(String topic) throws Exception {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        // deletion is asynchronous on Apache Kafka: a create right after may still see the old topic
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (admin.listTopics().names().get().contains(topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " still listed " + WAIT + " after its deletion");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Deletes {@code topic} and creates it empty with {@code partitions} partitions (replication 1),
     * returning once every partition answers a ListOffsets, i.e. is usable by producers and consumers.
     */
    void recreate(String topic, int partitions) throws Exception {
        delete(topic);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                break;
            } catch (ExecutionException e) {
                // the old topic may linger a moment after it left the listing (Apache Kafka)
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        while (true) {
            try {
                endOffsetSum(topic, partitions);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The sum of the latest offsets of partitions {@code 0..partitions-1}: the records written so far. */
    long endOffsetSum(String topic, int partitions) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic, partitions);
        long sum = 0;
        for (long v : ends.values()) {
            sum += v;
        }
        return sum;
    }

    /** Latest offset per partition of {@code topic}. */
    Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = admin.listOffsets(specs).all().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        infos.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Whether the broker lists {@code topic}. */
    boolean exists(String topic) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        return names.contains(topic);
    }

    /** Partitions of {@code topic} as {@link TopicPartition}s {@code 0..partitions-1}. */
    static List<TopicPartition> partitions(String topic, int partitions) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            out.add(new TopicPartition(topic, p));
        }
        return out;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
