package io.sluice.engine.log;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A record to append with {@link LogWriter#append}.
 *
 * <p>Immutable by convention: the key and value arrays are not copied (the engine writes a million
 * records a second); whoever creates the record must not change them afterwards. {@link #equals}
 * and {@link #hashCode} compare array contents.
 *
 * @param topic     the topic, which must exist
 * @param partition the partition, or {@link #ANY_PARTITION}: keyed records then go to
 *                  {@link LogIO#keyPartition} of the key (where a stock Kafka producer puts them),
 *                  records without a key go round-robin over the topic's partitions
 * @param key       the key bytes, null for none (an empty array is a key, distinct from null)
 * @param value     the value bytes, null for a tombstone (a delete in compacted topics)
 * @param timestamp the record's timestamp in epoch milliseconds (at least 0), or
 *                  {@link #NO_TIMESTAMP} for the wall-clock time at append. Topics with
 *                  {@code message.timestamp.type=LogAppendTime} replace it with the time the log
 *                  wrote the batch.
 * @param headers   the headers in order, never null (empty for none)
 */
public record OutRecord(String topic, int partition, byte[] key, byte[] value, long timestamp, List<Header> headers) {

    /** {@link #partition} value: choose the partition from the key (or round-robin when there is none). */
    public static final int ANY_PARTITION = -1;

    /** {@link #timestamp} value: stamp the record with the wall-clock time when it is appended. */
    public static final long NO_TIMESTAMP = -1L;

    /**
     * @throws NullPointerException     for a null topic, header list or header
     * @throws IllegalArgumentException for a partition below -1 or a timestamp below -1
     */
    public OutRecord {
        Objects.requireNonNull(topic, "topic");
        if (partition < ANY_PARTITION) {
            throw new IllegalArgumentException("partition must be >= 0 or ANY_PARTITION (-1), not " + partition);
        }
        if (timestamp < NO_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp must be >= 0 or NO_TIMESTAMP (-1), not " + timestamp);
        }
        headers = List.copyOf(headers);
    }

    /** A record for the key's partition, stamped at append, without headers. */
    public static OutRecord of(String topic, byte[] key, byte[] value) {
        return new OutRecord(topic, ANY_PARTITION, key, value, NO_TIMESTAMP, List.of());
    }

    /** A record for an explicit partition, stamped at append, without headers. */
    public static OutRecord of(String topic, int partition, byte[] key, byte[] value) {
        return new OutRecord(topic, partition, key, value, NO_TIMESTAMP, List.of());
    }

    /** This record with another partition. */
    public OutRecord withPartition(int p) {
        return new OutRecord(topic, p, key, value, timestamp, headers);
    }

    /** This record with another timestamp. */
    public OutRecord withTimestamp(long ts) {
        return new OutRecord(topic, partition, key, value, ts, headers);
    }

    /** This record with these headers. */
    public OutRecord withHeaders(List<Header> h) {
        return new OutRecord(topic, partition, key, value, timestamp, h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutRecord r && partition == r.partition && timestamp == r.timestamp
                && topic.equals(r.topic) && Arrays.equals(key, r.key) && Arrays.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        int h = topic.hashCode();
        h = 31 * h + partition;
        h = 31 * h + Arrays.hashCode(key);
        h = 31 * h + Arrays.hashCode(value);
        h = 31 * h + Long.hashCode(timestamp);
        return 31 * h + headers.hashCode();
    }

    @Override
    public String toString() {
        return "OutRecord[" + topic + (partition == ANY_PARTITION ? "" : "-" + partition) + " key=" + Bytes.show(key)
                + " value=" + Bytes.show(value) + " ts=" + timestamp + (headers.isEmpty() ? "" : " headers=" + headers)
                + "]";
    }
}
