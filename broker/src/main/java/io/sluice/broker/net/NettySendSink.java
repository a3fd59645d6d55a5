package io.sluice.broker.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;

/**
 * Writes a kafka-clients {@link Send} into a Netty channel without copying: heap buffers are
 * wrapped, file ranges become file regions (sendfile where the transport has it).
 *
 * <p>Netty queues every write, so the sink accepts all bytes at once and the {@code Send}
 * completes in one call. Not thread-safe: use on the channel's event loop.
 */
final class NettySendSink implements TransferableChannel {

    private final ChannelHandlerContext ctx;

    private NettySendSink(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Queues the whole of {@code send} on the channel (not flushed). */
    static void write(ChannelHandlerContext ctx, Send send) throws IOException {
        NettySendSink sink = new NettySendSink(ctx);
        while (!send.completed()) {
            send.writeTo(sink);
        }
    }

    @Override
    public boolean hasPendingWrites() {
        return false;
    }

    @Override
    public long transferFrom(FileChannel fileChannel, long position, long count) {
        ctx.write(new SegmentRegion(fileChannel, position, count), ctx.voidPromise());
        return count;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += write(srcs[i]);
        }
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
        return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        if (n > 0) {
            ctx.write(Unpooled.wrappedBuffer(src.slice()), ctx.voidPromise());
            src.position(src.limit());
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return ctx.channel().isOpen();
    }

    @Override
    public void close() {
        // the connection owns the channel
    }

    /** A file region over a segment's channel, which the segment owns: releasing it must not close the file. */
    private static final class SegmentRegion extends DefaultFileRegion {
        SegmentRegion(FileChannel file, long position, long count) {
            super(file, position, count);
        }

        @Override
        protected void deallocate() {
            // the segment closes its file when it is deleted or the store closes
        }
    }
}
