package io.sluice.storage;

/**
 * What an append did.
 *
 * @param firstOffset    offset of the first appended record
 * @param lastOffset     offset of the last appended record
 * @param logAppendTime  the broker time stamped on the batches for {@code LogAppendTime} topics, else -1
 * @param logStartOffset the log start offset after the append
 * @param duplicate      true when the batch was a retried idempotent batch already in the log
 *                       (offsets are those it got the first time; nothing was written)
 */
public record AppendResult(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset,
                           boolean duplicate) {
}
