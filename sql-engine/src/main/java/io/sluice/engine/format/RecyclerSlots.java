package io.sluice.engine.format;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Jackson's buffers for parsers and generators, kept in a few slots picked by thread id. A serde
 * makes a parser per record; Jackson's default pool finds the buffers through a
 * {@code ThreadLocal}, whose lookup misses and probes in threads that hold many of them (a query
 * thread: Kafka clients, LMDB, Jackson), a measurable share of decoding a small record. A slot
 * costs one atomic swap to take and one store to give back; a thread finding its slot taken (by a
 * thread sharing it) makes new buffers, which are then kept or dropped.
 *
 * <p>Thread-safety: safe from any thread.
 */
final class RecyclerSlots implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;
    private static final int SLOTS = 16;

    private final transient AtomicReferenceArray<BufferRecycler> slots = new AtomicReferenceArray<>(SLOTS);

    @Override
    public BufferRecycler acquirePooled() {
        BufferRecycler r = slots.getAndSet(slot(), null);
        return r != null ? r : new BufferRecycler();
    }

    @Override
    public void releasePooled(BufferRecycler pooled) {
        slots.lazySet(slot(), pooled);
    }

    private static int slot() {
        return (int) Thread.currentThread().getId() & (SLOTS - 1);
    }
}
