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

    /** Wakes every waiter registered for {@code topic}/{@code partition}. */
    public void appended(String topic, int partition) {
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
