package io.sluice.broker.api;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches that wait for data (Kafka's fetch purgatory): a long-polling fetch registers for the
 * partitions it reads and is woken when any of them gets an append.
 *
 * <p>Thread-safe. {@link Waiter#wake()} runs on the appending thread and must only hand work
 * to the waiter's own event loop.
 */
public final class FetchWaiters {

    /** Something woken by appends. */
    public interface Waiter {
        void wake();
    }

    /** A topic partition by name. */
    public record Partition(String topic, int partition) {
    }

    private final ConcurrentHashMap<Partition, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final java.util.List<java.util.function.BiConsumer<String, Integer>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Tells {@code listener} of every append the broker serves (topic, partition), on the
     * appending thread: in-process readers such as the SQL engine wake on it. It must not block.
     */
    public void addListener(java.util.function.BiConsumer<String, Integer> listener) {
        listeners.add(listener);
    }

    /** Registers {@code w} for appends to any of {@code partitions}. */
    public void register(Collection<Partition> partitions, Waiter w) {
        for (Partition p : partitions) {
            waiting.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet()).add(w);
        }
    }

    /** Undoes {@link #register}. */
    public void unregister(Collection<Partition> partitions, Waiter w) {
        for (Partition p : partitions) {
            waiting.computeIfPresent(p, (k, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Wakes every waiter registered for {@code topic}/{@code partition}, and tells the listeners. */
    public void appended(String topic, int partition) {
        for (java.util.function.BiConsumer<String, Integer> l : listeners) {
            l.accept(topic, partition);
        }
        if (waiting.isEmpty()) {
            return;
        }
        Set<Waiter> set = waiting.get(new Partition(topic, partition));
        if (set != null) {
            for (Waiter w : set) {
                w.wake();
            }
        }
    }
}
