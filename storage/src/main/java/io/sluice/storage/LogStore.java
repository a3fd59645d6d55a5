package io.sluice.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * All topics and their partition logs under one data directory.
 *
 * <p>On-disk layout: {@code DIR/topics/NAME/topic.properties} holds the topic id, partition
 * count and config overrides; {@code DIR/topics/NAME/P/} holds partition P's segments
 * ({@code OFFSET20.log}, {@code .index}, {@code .timeindex}), its checkpoints and, for compacted
 * topics, its key index ({@code keys.lmdb/}). Metadata files are replaced atomically (write,
 * fsync, rename).
 *
 * <p>Retention ({@code cleanup.policy=delete}: {@code retention.ms}, {@code retention.bytes})
 * and compaction ({@code cleanup.policy=compact}) run in the background with Kafka's semantics.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface LogStore extends Closeable {

    /**
     * Creates a topic with {@code partitions} empty partitions.
     *
     * @throws TopicExistsException when the name is taken
     * @throws InvalidConfigException for a bad override
     * @throws IllegalArgumentException for an invalid name or partition count, with the reason
     */
    TopicInfo createTopic(String name, int partitions, Map<String, String> overrides) throws IOException;

    /** The topic of that name, if it exists. */
    Optional<TopicInfo> topic(String name);

    /** The topic with that id, if it exists. */
    Optional<TopicInfo> topic(UUID id);

    /**
     * A number that moves whenever a topic is created, deleted, given partitions or reconfigured.
     * A caller may keep what {@link #topic} answered while this number stays the same, if it read
     * the number before asking.
     */
    long topicsVersion();

    /** Every topic, in name order. */
    Collection<TopicInfo> topics();

    /**
     * Deletes a topic and all its data. Reads in flight on its segments may fail.
     *
     * @throws UnknownTopicException when there is no such topic
     */
    void deleteTopic(String name) throws IOException;

    /**
     * Raises the partition count of a topic.
     *
     * @throws UnknownTopicException when there is no such topic
     * @throws IllegalArgumentException when {@code newCount} is not greater than the current count
     */
    TopicInfo createPartitions(String name, int newCount) throws IOException;

    /**
     * Changes a topic's config overrides; live logs use the new config from their next append.
     *
     * @throws UnknownTopicException when there is no such topic
     * @throws InvalidConfigException for an unknown key or a bad value (nothing changed)
     */
    TopicInfo alterConfig(String name, Map<String, String> set, Set<String> remove) throws IOException;

    /**
     * A partition's log.
     *
     * @throws UnknownTopicException when the topic or partition does not exist
     */
    PartitionLog log(String topic, int partition);

    /** The broker-wide defaults that topics without overrides use. */
    LogConfig defaultConfig();

    /**
     * Flushes every log, writes checkpoints and the clean-shutdown marker, and releases files.
     * After close every other method throws {@link IllegalStateException}.
     */
    @Override
    void close() throws IOException;
}
