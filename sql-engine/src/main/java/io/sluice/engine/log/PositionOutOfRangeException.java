package io.sluice.engine.log;

import org.apache.kafka.common.TopicPartition;

/**
 * A reader's position lies outside its partition's log: below {@link LogIO#startOffset} (the records
 * were removed by retention or deletion) or above {@link LogIO#endOffset}. The reader is not moved;
 * {@link LogReader#seek} it to a valid offset (for example {@link LogReader#EARLIEST}) to go on.
 */
public class PositionOutOfRangeException extends LogException {

    private final TopicPartition partition;
    private final long position;

    public PositionOutOfRangeException(TopicPartition partition, long position, Throwable cause) {
        super("position " + position + " of " + partition + " is outside the log"
                + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), cause);
        this.partition = partition;
        this.position = position;
    }

    /** The partition whose position is out of range. */
    public TopicPartition partition() {
        return partition;
    }

    /** The offending position, or -1 when the cluster did not say. */
    public long position() {
        return position;
    }
}
