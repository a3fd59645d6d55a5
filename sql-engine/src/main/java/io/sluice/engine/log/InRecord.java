package io.sluice.engine.log;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * A record read by {@link LogReader#poll}.
 *
 * <p>Immutable by convention: the arrays are the reader's own copies and are not shared with the
 * log; do not change them. {@link #equals} and {@link #hashCode} compare array contents.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the record's offset in its partition
 * @param timestamp the record's timestamp in epoch milliseconds: the producer's (CreateTime) or the
 *                  log's (LogAppendTime topics)
 * @param key       the key, null when the record has none
 * @param value     the value, null for a tombstone
 * @param headers   the headers in order, never null
 */
public record InRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                       List<Header> headers) {

    public InRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(headers, "headers");
    }

    /** The record's topic and partition as one value (allocates). */
    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InRecord r && partition == r.partition && offset == r.offset && timestamp == r.timestamp
                && topic.equals(r.topic) && Arrays.equals(key, r.key) && Arrays.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        int h = topic.hashCode();
        h = 31 * h + partition;
        h = 31 * h + Long.hashCode(offset);
        h = 31 * h + Long.hashCode(timestamp);
        h = 31 * h + Arrays.hashCode(key);
        h = 31 * h + Arrays.hashCode(value);
        return 31 * h + headers.hashCode();
    }

    @Override
    public String toString() {
        return "InRecord[" + topic + "-" + partition + "@" + offset + " key=" + Bytes.show(key) + " value="
                + Bytes.show(value) + " ts=" + timestamp + (headers.isEmpty() ? "" : " headers=" + headers) + "]";
    }
}
