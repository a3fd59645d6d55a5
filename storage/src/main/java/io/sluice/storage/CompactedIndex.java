package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The latest record of each key of a compacted partition ({@code cleanup.policy} containing
 * {@code compact}), answered from an index instead of a scan. Obtained from
 * {@link PartitionLog#compactedIndex()}.
 *
 * <p>Answers cover every batch appended before the call: the index catches up with the log end
 * first. A key counts as absent when it was never written, when its latest record is a
 * tombstone (null value), or when that record lies below the log start offset (retention,
 * DeleteRecords). So compaction never changes an answer: it only removes records the index no
 * longer points at.
 *
 * <p>Records in batches compressed with snappy, lz4 or zstd cannot be decoded with the JDK and
 * are not indexed: their keys are absent here, or answered from an older decodable record.
 * Keys longer than LMDB's key limit (510 bytes) are indexed by their SHA-256 digest.
 *
 * <p>Thread-safety: every method may be called from any thread, concurrently with appends,
 * reads and cleaning.
 */
public interface CompactedIndex {

    /**
     * The offset of the latest record with this key, if the key is live (see above).
     *
     * @throws IllegalStateException when the log has been closed
     * @throws UnknownTopicException when the topic has been deleted
     */
    Optional<Long> latestOffset(byte[] key) throws IOException;

    /**
     * The value of the latest record with this key, if the key is live: a read-only buffer of
     * the value bytes (possibly empty, never a tombstone).
     *
     * @throws IllegalStateException when the log has been closed
     * @throws UnknownTopicException when the topic has been deleted
     */
    Optional<ByteBuffer> latestValue(byte[] key) throws IOException;
}
