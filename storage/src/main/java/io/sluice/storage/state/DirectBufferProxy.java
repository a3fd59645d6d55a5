package io.sluice.storage.state;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Comparator;
import jnr.ffi.Pointer;
import org.lmdbjava.BufferProxy;
import sun.misc.Unsafe;

/**
 * Hands direct {@link ByteBuffer}s to lmdbjava without copying and without JVM flags.
 *
 * <p>Why not lmdbjava's {@code ByteBufferProxy}: initializing that class also initializes its
 * reflective variant, which needs {@code --add-opens java.base/java.nio=ALL-UNNAMED} on Java 17
 * and fails otherwise, so every launcher and test JVM would need the flag. This proxy uses only
 * {@code sun.misc.Unsafe} from {@code jdk.unsupported}, which is open to every module.
 *
 * <p>Contract: buffers passed in must be direct; LMDB gets the address of their position and
 * their remaining bytes. Buffers passed out are repointed at LMDB's memory (its read-only map, or
 * a write transaction's dirty pages), valid until the transaction ends or writes; nothing may
 * write through them, so the store hands out only copies or read-only views.
 *
 * <p>Thread-safety: stateless.
 */
final class DirectBufferProxy extends BufferProxy<ByteBuffer> {

    static final DirectBufferProxy INSTANCE = new DirectBufferProxy();

    private static final Unsafe UNSAFE;
    private static final long ADDRESS;
    private static final long CAPACITY;

    static {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            UNSAFE = (Unsafe) f.get(null);
            ADDRESS = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            CAPACITY = UNSAFE.objectFieldOffset(Buffer.class.getDeclaredField("capacity"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(new StateStoreException(
                    "the state store needs sun.misc.Unsafe (module jdk.unsupported): " + e, e));
        }
    }

    private DirectBufferProxy() {
    }

    @Override
    protected ByteBuffer allocate() {
        return ByteBuffer.allocateDirect(0); // only a holder: out() repoints it
    }

    @Override
    protected void deallocate(ByteBuffer buffer) {
        // nothing owned: the holder's own (empty) allocation is freed by its cleaner
    }

    @Override
    protected byte[] getBytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Override
    protected Comparator<ByteBuffer> getSignedComparator() {
        return ByteBuffer::compareTo;
    }

    @Override
    protected Comparator<ByteBuffer> getUnsignedComparator() {
        return StateCursor::compareUnsigned;
    }

    @Override
    protected Pointer in(ByteBuffer buffer, Pointer ptr) {
        return in(buffer, buffer.remaining(), ptr);
    }

    @Override
    protected Pointer in(ByteBuffer buffer, int size, Pointer ptr) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("LMDB needs direct buffers");
        }
        long val = ptr.address();
        UNSAFE.putLong(val + STRUCT_FIELD_OFFSET_SIZE, size);
        UNSAFE.putLong(val + STRUCT_FIELD_OFFSET_DATA, UNSAFE.getLong(buffer, ADDRESS) + buffer.position());
        return null;
    }

    @Override
    protected ByteBuffer out(ByteBuffer buffer, Pointer ptr) {
        long val = ptr.address();
        long size = UNSAFE.getLong(val + STRUCT_FIELD_OFFSET_SIZE);
        long data = UNSAFE.getLong(val + STRUCT_FIELD_OFFSET_DATA);
        UNSAFE.putLong(buffer, ADDRESS, data);
        UNSAFE.putInt(buffer, CAPACITY, (int) size);
        buffer.clear();
        return buffer;
    }
}
