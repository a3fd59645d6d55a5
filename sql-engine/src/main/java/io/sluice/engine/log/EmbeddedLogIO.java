package io.sluice.engine.log;

import io.sluice.storage.InvalidConfigException;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.TopicExistsException;
import io.sluice.storage.TopicInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogIO} over a {@link LogStore} in this process: no network, no serialization beyond the
 * Kafka v2 batch format the store keeps.
 *
 * <p><b>Writing.</b> Each {@link LogWriter} keeps one open batch per partition it writes to. Records
 * for a partition are added to its batch, which is appended to the partition log with a single
 * {@link PartitionLog#append} when it reaches {@link Options#batchBytes()} (or the topic's
 * {@code max.message.bytes}), on {@link LogWriter#flush()}/{@link LogWriter#close()}, or at the
 * latest {@link Options#lingerMs()} after the record was appended (a timer then writes all of the
 * writer's open batches). A record becomes visible to
 * readers (of this {@code LogIO} and, through the broker, to Kafka consumers) when its batch is
 * appended, and its future completes then. Batches carry no producer id: nothing is retried in
 * process, so there is nothing to deduplicate.
 *
 * <p><b>Reading.</b> Readers read whole batches with {@link PartitionLog#read} and copy out the records
 * at or after their positions. A reader with nothing to read sleeps until an append to one of its
 * partitions wakes it. Appends through this {@code LogIO}'s writers wake its readers and call the
 * {@code onAppend} listener given at construction (for the broker's long-polling fetches). Appends
 * to the store by anything else (the broker's produce path) do not go through here: whoever makes
 * them must call {@link #appended(String, int)} so that waiting readers wake.
 *
 * <p><b>Caching.</b> Topics and partition counts are read from the store on every use, so changes
 * made to the store directly are seen at once; a writer keeps its last topic's answer while the
 * store's {@link io.sluice.storage.LogStore#topicsVersion} stays the same, which says the same.
 *
 * <p>Thread-safety: as {@link LogIO} says. One daemon thread per instance runs the writers' linger timers.
 */
public final class EmbeddedLogIO implements LogIO {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLogIO.class);

    /**
     * How the embedded writers and readers batch.
     *
     * @param lingerMs               how long a writer keeps records buffered, at most, before writing
     *                               them without a flush; 0 writes every record at once (one batch per
     *                               record: slow, for tests)
     * @param batchBytes             the size at which a partition's batch is written (capped by the
     *                               topic's {@code max.message.bytes})
     * @param maxPollRecords         the most records one {@link LogReader#poll} returns
     * @param maxPartitionFetchBytes how many bytes of batches a poll reads from one partition at a time
     *                               (at least one whole batch is always read)
     */
    public record Options(long lingerMs, int batchBytes, int maxPollRecords, int maxPartitionFetchBytes) {

        /** @throws IllegalArgumentException for a negative linger or non-positive sizes */
        public Options {
            if (lingerMs < 0) {
                throw new IllegalArgumentException("lingerMs must be >= 0, not " + lingerMs);
            }
            if (batchBytes < 1 || maxPollRecords < 1 || maxPartitionFetchBytes < 1) {
                throw new IllegalArgumentException("batchBytes, maxPollRecords and maxPartitionFetchBytes must be"
                        + " positive: " + this);
            }
        }

        /** Linger 5 ms, 512 KiB batches, 10,000 records a poll, 1 MiB per partition read. */
        public static Options defaults() {
            return new Options(5, 512 * 1024, 10_000, 1024 * 1024);
        }

        public Options withLingerMs(long ms) {
            return new Options(ms, batchBytes, maxPollRecords, maxPartitionFetchBytes);
        }

        public Options withBatchBytes(int bytes) {
            return new Options(lingerMs, bytes, maxPollRecords, maxPartitionFetchBytes);
        }

        public Options withMaxPollRecords(int n) {
            return new Options(lingerMs, batchBytes, n, maxPartitionFetchBytes);
        }

        public Options withMaxPartitionFetchBytes(int bytes) {
            return new Options(lingerMs, batchBytes, maxPollRecords, bytes);
        }
    }

    private final LogStore store;
    private final BiConsumer<String, Integer> onAppend;
    private final Options options;
    private final ScheduledExecutorService timer;
    private final ConcurrentHashMap<TopicPartition, Set<EmbeddedLogReader>> waiting = new ConcurrentHashMap<>();
    private final Set<EmbeddedLogWriter> writers = ConcurrentHashMap.newKeySet();
    private final Set<EmbeddedLogReader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Over {@code store}, with no append listener and {@link Options#defaults()}. */
    public EmbeddedLogIO(LogStore store) {
        this(store, null, Options.defaults());
    }

    /**
     * Over {@code store}, telling {@code onAppend} (topic, partition) after each batch this
     * {@code LogIO}'s writers append, with {@link Options#defaults()}.
     */
    public EmbeddedLogIO(LogStore store, BiConsumer<String, Integer> onAppend) {
        this(store, onAppend, Options.defaults());
    }

    /**
     * @param store    the log store; stays open when this {@code LogIO} is closed
     * @param onAppend called with (topic, partition) on the appending thread after every batch this
     *                 {@code LogIO}'s writers append; must be quick and must not block (the server hands
     *                 it to the broker's fetch waiters). Null for none. Its exceptions are logged.
     * @param options  batching settings
     */
    public EmbeddedLogIO(LogStore store, BiConsumer<String, Integer> onAppend, Options options) {
        this.store = Objects.requireNonNull(store, "store");
        this.onAppend = onAppend;
        this.options = Objects.requireNonNull(options, "options");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-embedded-log-linger");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Tells this {@code LogIO} that something other than its own writers (the broker's produce
     * path) appended to {@code topic}/{@code partition}, so that its readers waiting there wake.
     * Does not call the {@code onAppend} listener. Cheap when no reader waits; thread-safe.
     */
    public void appended(String topic, int partition) {
        wakeReaders(topic, partition);
    }

    @Override
    public Optional<TopicDescription> describe(String topic) {
        ensureOpen();
        Objects.requireNonNull(topic, "topic");
        return store.topic(topic).map(EmbeddedLogIO::description);
    }

    @Override
    public TopicDescription createTopic(String name, int partitions, Map<String, String> configs) {
        ensureOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least 1 partition, not " + partitions);
        }
        for (int attempt = 0; ; attempt++) {
            Optional<TopicInfo> existing = store.topic(name);
            if (existing.isPresent()) {
                return accept(existing.get(), partitions);
            }
            try {
                return description(store.createTopic(name, partitions, configs));
            } catch (TopicExistsException e) {
                if (attempt > 0) {
                    throw new LogException("topic '" + name + "' exists but cannot be described", e);
                }
                // created concurrently: judge the one that won
            } catch (InvalidConfigException e) {
                throw new IllegalArgumentException("invalid config for topic '" + name + "': " + e.getMessage(), e);
            } catch (IOException e) {
                throw new LogException("creating topic '" + name + "' failed: " + e.getMessage(), e);
            }
        }
    }

    private static TopicDescription accept(TopicInfo existing, int partitions) {
        if (existing.partitions() != partitions) {
            throw new TopicConflictException(existing.name(), existing.partitions(), partitions);
        }
        return description(existing);
    }

    @Override
    public void deleteTopic(String name) {
        ensureOpen();
        Objects.requireNonNull(name, "name");
        try {
            store.deleteTopic(name);
        } catch (io.sluice.storage.UnknownTopicException e) {
            throw new UnknownTopicException("cannot delete topic '" + name + "': it does not exist", e);
        } catch (IOException e) {
            throw new LogException("deleting topic '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listTopics() {
        ensureOpen();
        Collection<TopicInfo> all = store.topics();
        List<String> names = new ArrayList<>(all.size());
        for (TopicInfo t : all) {
            if (!Topic.isInternal(t.name())) {
                names.add(t.name());
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public int partitionFor(String topic, byte[] keyBytes) {
        ensureOpen();
        Objects.requireNonNull(keyBytes, "partitionFor needs a key; records without a key go round-robin");
        return LogIO.keyPartition(keyBytes, topicInfo(topic).partitions());
    }

    @Override
    public LogWriter writer() {
        ensureOpen();
        EmbeddedLogWriter w = new EmbeddedLogWriter(this);
        writers.add(w);
        if (closed) {
            w.close();
            ensureOpen();
        }
        return w;
    }

    @Override
    public LogReader reader() {
        ensureOpen();
        EmbeddedLogReader r = new EmbeddedLogReader(this);
        readers.add(r);
        if (closed) {
            r.close();
            ensureOpen();
        }
        return r;
    }

    @Override
    public long startOffset(TopicPartition tp) {
        ensureOpen();
        return log(tp).logStartOffset();
    }

    @Override
    public long endOffset(TopicPartition tp) {
        ensureOpen();
        return log(tp).logEndOffset();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LogWriters.closeAll(writers, LOG);
        for (EmbeddedLogReader r : List.copyOf(readers)) {
            r.close();
        }
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "EmbeddedLogIO[" + store + "]";
    }

    // ------------------------------------------------------------------ for the writer and reader

    LogStore store() {
        return store;
    }

    Options options() {
        return options;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** The topic, or UnknownTopicException. */
    /** See {@link io.sluice.storage.LogStore#topicsVersion}. */
    long topicsVersion() {
        return store.topicsVersion();
    }

    TopicInfo topicInfo(String topic) {
        Objects.requireNonNull(topic, "topic");
        return store.topic(topic).orElseThrow(() -> new UnknownTopicException("unknown topic '" + topic + "'"));
    }

    /** The partition's log, or UnknownTopicException. */
    PartitionLog log(TopicPartition tp) {
        Objects.requireNonNull(tp, "topic partition");
        return log(tp.topic(), tp.partition());
    }

    PartitionLog log(String topic, int partition) {
        try {
            return store.log(topic, partition);
        } catch (io.sluice.storage.UnknownTopicException e) {
            throw new UnknownTopicException(e.getMessage(), e);
        }
    }

    /** After a writer appended a batch: wake our readers, then tell the listener. */
    void writerAppended(String topic, int partition) {
        wakeReaders(topic, partition);
        if (onAppend != null) {
            try {
                onAppend.accept(topic, partition);
            } catch (RuntimeException e) {
                LOG.warn("the onAppend listener failed for {}-{}", topic, partition, e);
            }
        }
    }

    private void wakeReaders(String topic, int partition) {
        if (waiting.isEmpty()) {
            return;
        }
        Set<EmbeddedLogReader> set = waiting.get(new TopicPartition(topic, partition));
        if (set != null) {
            for (EmbeddedLogReader r : set) {
                r.signal();
            }
        }
    }

    void register(EmbeddedLogReader r, Collection<TopicPartition> tps) {
        for (TopicPartition tp : tps) {
            waiting.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(r);
        }
    }

    void unregister(EmbeddedLogReader r, Collection<TopicPartition> tps) {
        for (TopicPartition tp : tps) {
            waiting.computeIfPresent(tp, (k, set) -> {
                set.remove(r);
                return set.isEmpty() ? null : set;
            });
        }
    }

    void writerClosed(EmbeddedLogWriter w) {
        writers.remove(w);
    }

    void readerClosed(EmbeddedLogReader r) {
        readers.remove(r);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this EmbeddedLogIO is closed");
        }
    }

    private static TopicDescription description(TopicInfo t) {
        return new TopicDescription(t.name(), t.partitions());
    }
}
