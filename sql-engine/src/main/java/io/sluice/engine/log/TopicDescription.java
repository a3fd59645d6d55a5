package io.sluice.engine.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic as {@link LogIO#describe} sees it.
 *
 * @param name       the topic name
 * @param partitions the partition count, at least 1
 */
public record TopicDescription(String name, int partitions) {

    public TopicDescription {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least 1 partition, not " + partitions);
        }
    }

    /** Partitions 0 .. partitions-1 of this topic. */
    public List<TopicPartition> topicPartitions() {
        List<TopicPartition> out = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            out.add(new TopicPartition(name, p));
        }
        return out;
    }
}
