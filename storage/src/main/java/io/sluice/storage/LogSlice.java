package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A run of whole record batches inside one segment file, to be sent without copying through the heap.
 *
 * <p>Immutable. The channel belongs to the segment; do not close it. When a segment is deleted
 * while a slice of it is being sent, the transfer fails with an {@link IOException}.
 *
 * @param channel  the segment's file, never null (for an empty slice: any channel, size 0)
 * @param position the byte position of the first batch in the file
 * @param size     the number of bytes, 0 when there is nothing to read
 */
public record LogSlice(FileChannel channel, long position, int size) {

    /** Copies the slice into a new heap buffer: for tests and tools, not for the fetch path. */
    public ByteBuffer readFully() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                throw new IOException("segment ended before the slice did");
            }
        }
        return buf.flip();
    }
}
