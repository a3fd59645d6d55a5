package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The log of one topic partition: an append-only sequence of Kafka v2 record batches, each
 * record addressed by a 64-bit offset.
 *
 * <p>Offsets run from {@link #logStartOffset()} (inclusive) to {@link #logEndOffset()}
 * (exclusive). With a single replica the high watermark equals the log end offset. The log
 * start offset moves forward by {@link #deleteRecordsBefore} and by retention
 * ({@code cleanup.policy=delete}); compaction ({@code cleanup.policy=compact}) removes records
 * inside the log but never changes an offset, so reads may find gaps between batches.
 *
 * <p>Thread-safety: all methods may be called from any thread. Appends are serialized
 * internally; reads never block appends and see every batch whose append returned.
 */
public interface PartitionLog {

    /** The topic this partition belongs to. */
    String topic();

    /** The partition index within its topic. */
    int partition();

    /** The first offset that can still be read. Moves forward only (retention, {@link #deleteRecordsBefore}). */
    long logStartOffset();

    /** The offset the next appended record will get. */
    long logEndOffset();

    /** Bytes held by all segments of this log. */
    long sizeInBytes();

    /**
     * Appends one or more complete v2 record batches exactly as a producer sent them.
     *
     * <p>Each batch is checked (magic 2, length, CRC-32C over attributes..end, record count)
     * before anything is written; if any batch fails, nothing is appended. Offsets are assigned
     * from {@link #logEndOffset()} by rewriting each batch's base offset (the CRC does not cover
     * it). When the topic's {@code message.timestamp.type} is {@code LogAppendTime} the batch's
     * timestamp type and max timestamp are rewritten and the CRC recomputed.
     *
     * <p>Idempotent batches (producer id &ge; 0) are checked against the producer's state:
     * a batch equal in producer id, epoch and sequence range to one of the producer's last five
     * batches is a duplicate: it is not appended and the result carries the offsets it got the
     * first time ({@link AppendResult#duplicate()} is true).
     *
     * <p>The buffer's position is not moved; its contents are rewritten in place.
     *
     * @throws InvalidBatchException when a batch is malformed or fails its CRC (nothing appended)
     * @throws RecordTooLargeException when a batch exceeds the topic's {@code max.message.bytes}
     * @throws OutOfOrderSequenceException when an idempotent batch's sequence does not follow the last one
     * @throws InvalidProducerEpochException when an idempotent batch carries an epoch older than the producer's
     * @throws IOException when the file system fails; the log is then unchanged or holds whole batches only
     */
    AppendResult append(ByteBuffer batches) throws IOException;

    /**
     * Reads whole batches starting with the batch that contains {@code offset}, stopping before
     * the batch that would take the slice over {@code maxBytes}, but always including at least
     * one batch when {@code minOneBatch} is true and one exists. The slice does not cross a
     * segment boundary; the caller reads again from the offset after it.
     *
     * @return the slice, empty (size 0) when {@code offset == logEndOffset()}
     * @throws OffsetOutOfRangeException when {@code offset} is below {@link #logStartOffset()}
     *         or above {@link #logEndOffset()}
     */
    LogSlice read(long offset, int maxBytes, boolean minOneBatch) throws IOException;

    /**
     * The first record whose timestamp is at or after {@code timestamp}, searching from the
     * log start: its offset and timestamp, or empty when every record is older.
     */
    Optional<OffsetAndTimestamp> offsetForTimestamp(long timestamp) throws IOException;

    /** The offset and timestamp of the record with the greatest timestamp, or empty for an empty log. */
    Optional<OffsetAndTimestamp> maxTimestamp() throws IOException;

    /**
     * Moves the log start offset forward to {@code offset} (no-op when it is already there) and
     * deletes the segments that lie wholly below it. The new start offset is durable when this returns.
     *
     * @throws OffsetOutOfRangeException when {@code offset > logEndOffset()}
     * @return the log start offset after the call
     */
    long deleteRecordsBefore(long offset) throws IOException;

    /** Forces every appended batch to disk and records the recovery point. */
    void flush() throws IOException;

    /** The configuration this log runs with (topic overrides merged over the store's defaults). */
    LogConfig config();

    /**
     * The key index of a compacted partition: the latest record of each key without a scan.
     * Empty unless the topic's {@code cleanup.policy} contains {@code compact}. The index is
     * opened (and, after an unclean stop, rebuilt from the log) on first use.
     *
     * @throws IOException when the index cannot be opened
     */
    default Optional<CompactedIndex> compactedIndex() throws IOException {
        return Optional.empty();
    }
}
