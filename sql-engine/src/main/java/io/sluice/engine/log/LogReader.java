package io.sluice.engine.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads records from an explicit set of partitions, each from its own position (no consumer group,
 * no committed offsets: the caller keeps positions where it wants).
 *
 * <p>Thread-safety: not thread-safe; use from one thread at a time. Only {@link #wakeup()} may be
 * called from any thread.
 */
public interface LogReader extends AutoCloseable {

    /** Start offset for {@link #assign}/{@link #seek}: the partition's {@link LogIO#startOffset}. */
    long EARLIEST = -2L;

    /** Start offset for {@link #assign}/{@link #seek}: the partition's {@link LogIO#endOffset} (only later records). */
    long LATEST = -1L;

    /**
     * Replaces the assignment with these partitions, each read from its start offset: an offset
     * (at least 0), {@link #EARLIEST} or {@link #LATEST}. The sentinels are resolved to offsets
     * before this returns, so a record appended after it returns is read even from {@link #LATEST}.
     * An offset outside the log is accepted here; {@link #poll} then throws.
     *
     * @throws UnknownTopicException    when a topic or partition does not exist (nothing changed)
     * @throws IllegalArgumentException for an offset below -2
     * @throws LogException             when the log fails or does not answer in time
     */
    void assign(Map<TopicPartition, Long> startOffsets);

    /**
     * Moves an assigned partition's position to an offset, {@link #EARLIEST} or {@link #LATEST}
     * (resolved before this returns).
     *
     * @throws IllegalStateException    when the partition is not assigned
     * @throws IllegalArgumentException for an offset below -2
     */
    void seek(TopicPartition tp, long offset);

    /** The assigned partitions (an unmodifiable copy). */
    Set<TopicPartition> assignment();

    /**
     * The offset of the next record {@link #poll} returns from this partition: one past the last
     * record returned, or where {@link #assign}/{@link #seek} put it.
     *
     * @throws IllegalStateException when the partition is not assigned
     */
    long position(TopicPartition tp);

    /**
     * Returns the next records of the assigned partitions, at most an implementation-set batch
     * ({@code max.poll.records}, {@link EmbeddedLogIO.Options#maxPollRecords()}), and moves the
     * positions past them. Within a partition records come in offset order; partitions are
     * interleaved in no set order, but none is starved.
     *
     * <p>When no record is available it waits, without spinning, until one is appended to an
     * assigned partition, until {@link #wakeup()}, or until {@code timeout} has passed, and then
     * returns what there is (maybe nothing). {@link Duration#ZERO} does not wait.
     *
     * @throws PositionOutOfRangeException when a position is outside its partition's log (nothing
     *         returned, positions unchanged)
     * @throws UnknownTopicException       when an assigned topic was deleted (may also just return nothing)
     * @throws IllegalStateException       when no partition is assigned, or the reader is closed
     * @throws LogException                on I/O or network failure, or when the calling thread is
     *                                     interrupted (its interrupt status is then set)
     */
    List<InRecord> poll(Duration timeout);

    /**
     * Makes a {@link #poll} in progress on another thread return at once (with what it has, maybe
     * nothing), or the next one if none is in progress. Thread-safe.
     */
    void wakeup();

    /** Releases the reader. Idempotent; other calls afterwards throw {@link IllegalStateException}. */
    @Override
    void close();
}
