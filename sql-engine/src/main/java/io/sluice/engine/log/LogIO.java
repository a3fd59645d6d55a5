package io.sluice.engine.log;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The engine's access to partitioned logs: topic administration, writing and reading.
 *
 * <p>Two implementations pass the same contract tests: {@link EmbeddedLogIO} (the in-process
 * broker's log store, no network) and {@link ClientLogIO} (kafka-clients against any Kafka-protocol
 * cluster). Code written against this interface must not depend on which one it has.
 *
 * <p>Offsets: a partition holds records at offsets {@link #startOffset} (inclusive) to
 * {@link #endOffset} (exclusive); offsets only grow and are never reused, but need not be
 * contiguous (compacted topics have gaps).
 *
 * <p>Thread-safety: every method of this interface may be called from any thread. The
 * {@link LogWriter}s it makes are thread-safe; each {@link LogReader} is for one thread at a time
 * (only {@link LogReader#wakeup()} may be called from others), as with Kafka's consumer.
 *
 * <p>Errors: all unchecked. {@link UnknownTopicException} when a named topic or partition does not
 * exist, {@link TopicConflictException} from {@link #createTopic}, {@link LogException} for I/O,
 * network and timeout failures, {@link IllegalArgumentException} for invalid arguments and
 * {@link IllegalStateException} once closed.
 */
public interface LogIO extends AutoCloseable {

    /**
     * The partition a stock Kafka producer (its built-in partitioner) picks for a keyed record:
     * {@code toPositive(murmur2(keyBytes)) % numPartitions}. Engine writes with
     * {@link OutRecord#ANY_PARTITION} and a key land exactly there.
     *
     * @param keyBytes      the serialized key, not null (an empty array is a key)
     * @param numPartitions the topic's partition count, at least 1
     * @throws NullPointerException     for a null key
     * @throws IllegalArgumentException for a partition count below 1
     */
    static int keyPartition(byte[] keyBytes, int numPartitions) {
        if (keyBytes == null) {
            throw new NullPointerException("keyPartition needs a key; records without a key go round-robin");
        }
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1, not " + numPartitions);
        }
        return Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions;
    }

    /**
     * The topic of that name, if it exists (internal topics such as {@code __consumer_offsets}
     * included).
     *
     * @return the topic's name and partition count, or empty when there is no such topic (also for
     *         names no topic can have)
     * @throws LogException when the log cannot be asked
     */
    Optional<TopicDescription> describe(String topic);

    /**
     * Creates a topic, or accepts the one that is there.
     *
     * <p>Idempotent: when a topic of that name exists with {@code partitions} partitions, returns it
     * without changing it ({@code configs} are then neither compared nor applied). When it returns,
     * the topic is visible to {@link #describe}, writers and readers of this {@code LogIO}.
     *
     * @param name       the topic name (Kafka's rules: 1..249 of {@code [a-zA-Z0-9._-]}, not "." or "..")
     * @param partitions the partition count, at least 1
     * @param configs    topic configs by Kafka's names ({@code cleanup.policy}, {@code retention.ms}, ...),
     *                   empty for the defaults
     * @return the topic as it now is
     * @throws TopicConflictException   when the topic exists with another partition count
     * @throws IllegalArgumentException for an invalid name, partition count or config (nothing created)
     * @throws LogException             when the log fails or does not answer in time
     */
    TopicDescription createTopic(String name, int partitions, Map<String, String> configs);

    /**
     * Deletes a topic and all its records. When it returns the topic no longer shows in
     * {@link #describe} or {@link #listTopics} of this {@code LogIO}. Readers assigned to its
     * partitions fail or see nothing more; appends to it fail.
     *
     * @throws UnknownTopicException when there is no such topic
     * @throws LogException          when the log fails or does not answer in time
     */
    void deleteTopic(String name);

    /**
     * The names of all topics except internal ones ({@code __consumer_offsets} and the like), in
     * name order.
     *
     * @throws LogException when the log cannot be asked
     */
    List<String> listTopics();

    /**
     * The partition a keyed record for {@code topic} lands in when appended with
     * {@link OutRecord#ANY_PARTITION}: {@link #keyPartition} over the topic's partition count. The
     * count may be cached (see the implementations) and is refreshed by {@link #createTopic} and
     * {@link #deleteTopic} through this {@code LogIO}.
     *
     * @throws NullPointerException  for a null key (records without a key have no fixed partition)
     * @throws UnknownTopicException when there is no such topic
     */
    int partitionFor(String topic, byte[] keyBytes);

    /**
     * A new writer. Each writer batches on its own and has its own {@link LogWriter#flush()}; close
     * it when done. Writers still open are closed (flushed) by {@link #close()}.
     *
     * @throws IllegalStateException when this {@code LogIO} is closed
     */
    LogWriter writer();

    /**
     * A new reader with no partitions assigned. Close it when done; readers still open are closed
     * by {@link #close()}.
     *
     * @throws IllegalStateException when this {@code LogIO} is closed
     */
    LogReader reader();

    /**
     * The partition's first readable offset (moves forward with retention and record deletion).
     *
     * @throws UnknownTopicException when the topic or partition does not exist
     * @throws LogException          when the log fails or does not answer in time
     */
    long startOffset(TopicPartition tp);

    /**
     * The partition's end offset: the offset the next record appended will get, one past the last
     * acknowledged record (the high watermark). Every record below it can be read.
     *
     * @throws UnknownTopicException when the topic or partition does not exist
     * @throws LogException          when the log fails or does not answer in time
     */
    long endOffset(TopicPartition tp);

    /**
     * Closes the writers (flushing them; their failures are logged, not thrown) and readers this
     * {@code LogIO} made that are still open, then releases its own resources. Does not close what
     * it was given (an {@code EmbeddedLogIO}'s store stays open). Idempotent. Afterwards every other
     * method throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
