package io.sluice.storage.state;

import java.nio.ByteBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;

/**
 * Iterates the entries of one map in unsigned key order, within the bounds the scan was opened
 * with ({@link StateReader#scan}, {@link StateReader#prefixScan}). Typical use:
 * <pre>{@code
 * try (StateCursor c = snapshot.scan(map, from, to)) {
 *     while (c.next()) {
 *         use(c.key(), c.value());
 *     }
 * }
 * }</pre>
 *
 * <p>Contract: {@link #key()} and {@link #value()} return fresh copies; {@link #keyBuffer()} and
 * {@link #valueBuffer()} return read-only views of LMDB's memory without copying, valid until the
 * next call of {@link #next()}, a write in the same transaction, or {@link #close()}. A cursor of
 * a {@link StateTransaction} sees the writes made before it was opened. Writing to the map being
 * iterated is allowed (LMDB keeps the cursor valid), but whether it then visits entries inserted
 * ahead of it is unspecified. The cursor is closed, and throws if used, when its transaction or
 * snapshot ends, and when its transaction had to grow the store (a write found the map full).
 *
 * <p>Thread-safety: none; used by the thread of its snapshot or transaction.
 */
public final class StateCursor implements AutoCloseable {

    private final TxnReads owner;
    private final Cursor<ByteBuffer> cursor;
    private final byte[] from;
    private final ByteBuffer to;
    private final ByteBuffer prefix;
    private boolean started;
    private boolean positioned;
    private boolean exhausted;
    private boolean closed;

    StateCursor(TxnReads owner, Cursor<ByteBuffer> cursor, byte[] from, byte[] to, byte[] prefix) {
        this.owner = owner;
        this.cursor = cursor;
        this.from = from == null || from.length == 0 ? null : from;
        this.to = to == null ? null : ByteBuffer.wrap(to);
        this.prefix = prefix == null ? null : ByteBuffer.wrap(prefix);
        this.exhausted = cursor == null;
    }

    /** Moves to the next entry in range; false when there is none (and from then on). */
    public boolean next() {
        ensureOpen();
        if (exhausted) {
            positioned = false;
            return false;
        }
        boolean found;
        if (!started) {
            started = true;
            found = from == null ? cursor.first() : seek(from);
        } else {
            found = cursor.next();
        }
        positioned = found && inRange(cursor.key());
        exhausted = !positioned;
        return positioned;
    }

    private boolean seek(byte[] key) {
        if (key.length <= owner.keyBuf.capacity()) {
            return cursor.get(owner.keyOf(key), GetOp.MDB_SET_RANGE);
        }
        // longer than any stored key: seek to its longest storable prefix, then skip what sorts before it
        byte[] cut = java.util.Arrays.copyOf(key, owner.keyBuf.capacity());
        boolean found = cursor.get(owner.keyOf(cut), GetOp.MDB_SET_RANGE);
        ByteBuffer k = ByteBuffer.wrap(key);
        while (found && compareUnsigned(cursor.key(), k) < 0) {
            found = cursor.next();
        }
        return found;
    }

    private boolean inRange(ByteBuffer key) {
        if (to != null && compareUnsigned(key, to) >= 0) {
            return false;
        }
        if (prefix != null) {
            int m = key.mismatch(prefix);
            return m == -1 || m == prefix.remaining();
        }
        return true;
    }

    /** The current key (a copy). */
    public byte[] key() {
        return copy(current().key());
    }

    /** The current value (a copy). */
    public byte[] value() {
        return copy(current().val());
    }

    /** The current key without copying: a read-only view, valid until the cursor moves. */
    public ByteBuffer keyBuffer() {
        return current().key().asReadOnlyBuffer();
    }

    /** The current value without copying: a read-only view, valid until the cursor moves. */
    public ByteBuffer valueBuffer() {
        return current().val().asReadOnlyBuffer();
    }

    private Cursor<ByteBuffer> current() {
        ensureOpen();
        if (!positioned) {
            throw new IllegalStateException("the cursor is not on an entry: call next() first and check its result");
        }
        return cursor;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed (closed, its transaction ended, or the store grew)");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            release();
            owner.closed(this);
        }
    }

    /** Closes the LMDB cursor without telling the owner (which is closing all of them). */
    void release() {
        if (!closed) {
            closed = true;
            positioned = false;
            if (cursor != null) {
                cursor.close();
            }
        }
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Unsigned lexicographic comparison of the remaining bytes, LMDB's key order. */
    static int compareUnsigned(ByteBuffer a, ByteBuffer b) {
        int i = a.mismatch(b);
        if (i < 0) {
            return 0;
        }
        if (i == a.remaining()) {
            return -1;
        }
        if (i == b.remaining()) {
            return 1;
        }
        return Integer.compare(a.get(a.position() + i) & 0xff, b.get(b.position() + i) & 0xff);
    }
}
