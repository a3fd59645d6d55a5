package io.sluice.broker.records;

import io.sluice.storage.LogSlice;
import java.io.IOException;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * Records that live in a segment file. Writing them hands the file range to the channel's
 * {@link TransferableChannel#transferFrom}, which the broker turns into a zero-copy file region.
 */
final class SliceRecords implements BaseRecords {

    private final LogSlice slice;

    SliceRecords(LogSlice slice) {
        this.slice = slice;
    }

    @Override
    public int sizeInBytes() {
        return slice.size();
    }

    @Override
    public RecordsSend<SliceRecords> toSend() {
        return new RecordsSend<>(this, slice.size()) {
            @Override
            protected int writeTo(TransferableChannel channel, int previouslyWritten, int remaining)
                    throws IOException {
                return (int) channel.transferFrom(slice.channel(), slice.position() + previouslyWritten, remaining);
            }
        };
    }
}
