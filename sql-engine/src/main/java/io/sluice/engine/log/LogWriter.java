package io.sluice.engine.log;

import java.util.concurrent.CompletableFuture;

/**
 * Appends records to partition logs, batching them.
 *
 * <p>Ordering: records appended through one writer to one partition get increasing offsets in
 * append order. Nothing is promised across writers or partitions.
 *
 * <p>Visibility: an appended record is buffered and written with others bound for the same
 * partition. It is written, and becomes readable, at the latest when {@link #flush()} returns;
 * without a flush, within the implementation's linger time ({@code linger.ms} of
 * {@link ClientLogIO}'s producer, {@link EmbeddedLogIO.Options#lingerMs()}) or as soon as its
 * partition's batch is full. Written means acknowledged by all in-sync replicas (acks=all) for
 * {@link ClientLogIO}; for {@link EmbeddedLogIO} appended to the partition log (on disk as the
 * store's flush policy says, not necessarily fsynced).
 *
 * <p>Thread-safety: all methods may be called from any thread. Futures are completed on an
 * internal thread or on a thread calling {@link #append}, {@link #flush} or {@link #close}, so
 * actions attached to them must be short and must not block.
 */
public interface LogWriter extends AutoCloseable {

    /**
     * Queues a record for appending and returns at once, unless the writer's buffers are full, in
     * which case it waits for room (back-pressure).
     *
     * <p>The partition is {@link OutRecord#partition()}, or for {@link OutRecord#ANY_PARTITION} the
     * key's {@link LogIO#keyPartition} (a stock Kafka producer's choice), or for records without a
     * key the next partition of this writer's round-robin over the topic's partitions.
     *
     * @return the offset the record got, once it is written; completed exceptionally with a
     *         {@link LogException} when its batch could not be written (too large for the topic's
     *         {@code max.message.bytes}, I/O error, topic deleted meanwhile, timeout), in which case
     *         the next {@link #flush()} throws too
     * @throws UnknownTopicException when the topic or the explicit partition does not exist
     * @throws IllegalStateException when the writer is closed
     */
    CompletableFuture<Long> append(OutRecord record);

    /**
     * As {@link #append}, for a caller that does not wait for the record alone (it flushes): no
     * future is made or completed, and a failure surfaces at the next {@link #flush()}.
     *
     * @throws UnknownTopicException when the topic or the explicit partition does not exist
     * @throws IllegalStateException when the writer is closed
     */
    default void write(OutRecord record) {
        append(record);
    }

    /**
     * Writes everything appended before this call and waits until it is acknowledged: when flush
     * returns, every such record's future is complete and every successful one is visible to any
     * reader, including ones made afterwards, and counted in {@link LogIO#endOffset}.
     *
     * @throws LogException when any append of this writer failed since the previous flush (the
     *         first failure is the cause; the others are in their futures). The error is reported
     *         once: a further flush does not repeat it.
     * @throws IllegalStateException when the writer is closed
     */
    void flush();

    /**
     * Flushes, then releases the writer. Idempotent; appends after it throw.
     *
     * @throws LogException as {@link #flush()} does (the writer is closed all the same)
     */
    @Override
    void close();
}
