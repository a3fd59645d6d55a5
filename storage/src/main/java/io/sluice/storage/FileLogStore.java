package io.sluice.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The {@link LogStore} on a local file system.
 *
 * <p>On disk, under the data directory {@code DIR}:
 * <ul>
 * <li>{@code topics/NAME/topic.properties} ({@link TopicMetadata}) and {@code topics/NAME/P/}
 *     for partition P ({@link FileLog});</li>
 * <li>{@code .lock}: held (file lock) while a store has the directory open;</li>
 * <li>{@code .clean-shutdown}: written by {@link #close()} after everything was flushed, deleted
 *     once the store is open again; without it, logs are recovered on open;</li>
 * <li>{@code tmp/} (topics being created, moved into {@code topics/} whole) and {@code deleting/}
 *     (deleted topics, renamed there and then removed): leftovers are removed on open.</li>
 * </ul>
 *
 * <p>A background thread forces dirty logs every {@link Options#flushIntervalMs()} (and sooner
 * for topics whose {@code flush.ms} is shorter, checking at least every second) and writes their
 * checkpoints. Two more ({@link LogMaintenance}) apply retention every
 * {@link Options#retentionCheckIntervalMs()}, delete removed segments after
 * {@link Options#fileDeleteDelayMs()}, and compact topics whose {@code cleanup.policy} contains
 * {@code compact} ({@link LogCleaner}, every {@link Options#cleanerBackoffMs()}).
 *
 * <p>This class runs the store: it opens and closes it, runs the background flush and hands out
 * logs. The directory's lock and layout belong to {@link StoreDirectory}, the topics and their
 * logs to {@link TopicRegistry}, retention and compaction to {@link LogMaintenance}.
 *
 * <p>Thread-safety: every method may be called from any thread. Topic changes, {@link #close()}
 * and {@link #crashClose()} are serialized by one lock (the admin lock, held here around every
 * change {@link TopicRegistry} makes); {@link #log} and the topic look-ups read concurrent maps
 * without locking.
 */
public final class FileLogStore implements LogStore {

    /** How often dirty logs are flushed by default. */
    public static final long DEFAULT_FLUSH_INTERVAL_MS = 10_000;
    /** Kafka's {@code log.retention.check.interval.ms} default. */
    public static final long DEFAULT_RETENTION_CHECK_INTERVAL_MS = 300_000;
    /** Kafka's {@code file.delete.delay.ms} default. */
    public static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000;
    /** Kafka's {@code log.cleaner.backoff.ms} default. */
    public static final long DEFAULT_CLEANER_BACKOFF_MS = 15_000;

    private static final System.Logger LOG = System.getLogger(FileLogStore.class.getName());

    /**
     * How a store runs.
     *
     * @param logDefaults              broker-wide defaults of topic configs by Kafka topic-config name
     *                                 (keys missing here take {@link LogConfig#DEFAULTS})
     * @param flushIntervalMs          how often the background flush forces dirty logs and writes
     *                                 checkpoints, at least 1
     * @param clock                    time source for segment.ms, flush.ms, LogAppendTime, retention and compaction
     * @param retentionCheckIntervalMs Kafka's {@code log.retention.check.interval.ms}: how often retention
     *                                 runs, at least 1
     * @param fileDeleteDelayMs        Kafka's {@code file.delete.delay.ms}: how long a segment that left a log stays
     *                                 readable by reads already in flight, at least 0
     * @param cleanerBackoffMs         Kafka's {@code log.cleaner.backoff.ms}: how often the cleaner looks for
     *                                 compacted partitions to clean, at least 1
     * @param cleanerEnabled           Kafka's {@code log.cleaner.enable}: false runs no cleaner thread
     *                                 ({@link #runCleanerOnce()} still works)
     */
    public record Options(Map<String, String> logDefaults, long flushIntervalMs, Clock clock,
                          long retentionCheckIntervalMs, long fileDeleteDelayMs, long cleanerBackoffMs,
                          boolean cleanerEnabled) {

        /**
         * @throws InvalidConfigException for an unknown key or a bad value in {@code logDefaults}
         * @throws IllegalArgumentException when an interval is out of range
         */
        public Options {
            logDefaults = Map.copyOf(logDefaults);
            Objects.requireNonNull(clock, "clock");
            for (String k : logDefaults.keySet()) {
                if (!LogConfig.isKnown(k)) {
                    throw new InvalidConfigException("unknown topic config '" + k + "' in the log defaults; known: "
                            + LogConfig.keys());
                }
            }
            LogConfig.of(logDefaults, Map.of());
            if (flushIntervalMs < 1 || retentionCheckIntervalMs < 1 || cleanerBackoffMs < 1 || fileDeleteDelayMs < 0) {
                throw new IllegalArgumentException("flushIntervalMs, retentionCheckIntervalMs and cleanerBackoffMs must"
                        + " be at least 1 and fileDeleteDelayMs at least 0, not " + flushIntervalMs + ", "
                        + retentionCheckIntervalMs + ", " + cleanerBackoffMs + " and " + fileDeleteDelayMs);
            }
        }

        /** Kafka's defaults for retention checks, file deletion delay and the cleaner. */
        public Options(Map<String, String> logDefaults, long flushIntervalMs, Clock clock) {
            this(logDefaults, flushIntervalMs, clock, DEFAULT_RETENTION_CHECK_INTERVAL_MS, DEFAULT_FILE_DELETE_DELAY_MS,
                    DEFAULT_CLEANER_BACKOFF_MS, true);
        }

        /** Built-in log defaults, a flush every {@value #DEFAULT_FLUSH_INTERVAL_MS} ms, the UTC system clock. */
        public static Options defaults() {
            return new Options(Map.of(), DEFAULT_FLUSH_INTERVAL_MS, Clock.systemUTC());
        }

        public Options withLogDefaults(Map<String, String> defaults) {
            return new Options(defaults, flushIntervalMs, clock, retentionCheckIntervalMs, fileDeleteDelayMs,
                    cleanerBackoffMs, cleanerEnabled);
        }

        public Options withFlushIntervalMs(long ms) {
            return new Options(logDefaults, ms, clock, retentionCheckIntervalMs, fileDeleteDelayMs, cleanerBackoffMs,
                    cleanerEnabled);
        }

        public Options withClock(Clock c) {
            return new Options(logDefaults, flushIntervalMs, c, retentionCheckIntervalMs, fileDeleteDelayMs,
                    cleanerBackoffMs, cleanerEnabled);
        }

        public Options withRetentionCheckIntervalMs(long ms) {
            return new Options(logDefaults, flushIntervalMs, clock, ms, fileDeleteDelayMs, cleanerBackoffMs,
                    cleanerEnabled);
        }

        public Options withFileDeleteDelayMs(long ms) {
            return new Options(logDefaults, flushIntervalMs, clock, retentionCheckIntervalMs, ms, cleanerBackoffMs,
                    cleanerEnabled);
        }

        public Options withCleanerBackoffMs(long ms) {
            return new Options(logDefaults, flushIntervalMs, clock, retentionCheckIntervalMs, fileDeleteDelayMs, ms,
                    cleanerEnabled);
        }

        public Options withCleanerEnabled(boolean enabled) {
            return new Options(logDefaults, flushIntervalMs, clock, retentionCheckIntervalMs, fileDeleteDelayMs,
                    cleanerBackoffMs, enabled);
        }
    }

    private final StoreDirectory directory;
    private final Options options;
    private final LogConfig defaultConfig;
    private final ReentrantLock admin = new ReentrantLock();
    private final ScheduledExecutorService flusher;
    private final LogMaintenance maintenance;
    private final TopicRegistry topics;
    private volatile boolean closed;

    private FileLogStore(StoreDirectory directory, Options options) {
        this.directory = directory;
        this.options = options;
        this.defaultConfig = LogConfig.of(options.logDefaults(), Map.of());
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-log-flusher");
            t.setDaemon(true);
            return t;
        });
        this.maintenance = new LogMaintenance(this::openLogs, options.clock(), options.retentionCheckIntervalMs(),
                options.fileDeleteDelayMs(), options.cleanerBackoffMs(), options.cleanerEnabled());
        this.topics = new TopicRegistry(directory, options.logDefaults(), options.clock(), maintenance.deleter());
    }

    /** Opens {@code dir} with {@link Options#defaults()}. */
    public static FileLogStore open(Path dir) throws IOException {
        return open(dir, Options.defaults());
    }

    /** Opens {@code dir} with these log defaults and background flush interval and the system clock. */
    public static FileLogStore open(Path dir, Map<String, String> logDefaults, long flushIntervalMs)
            throws IOException {
        return open(dir, new Options(logDefaults, flushIntervalMs, Clock.systemUTC()));
    }

    /**
     * Opens (creating if needed) the store in {@code dir}, recovering the logs if the last stop
     * was not a {@link #close()}.
     *
     * @throws IOException when the directory is in use by another store or cannot be read
     */
    public static FileLogStore open(Path dir, Options options) throws IOException {
        FileLogStore store = new FileLogStore(StoreDirectory.lock(dir), options);
        try {
            store.load();
        } catch (IOException | RuntimeException e) {
            store.crashClose();
            throw e;
        }
        return store;
    }

    private void load() throws IOException {
        boolean clean = directory.wasShutDownCleanly();
        directory.removeLeftovers();
        long started = System.nanoTime();
        topics.load(clean);
        directory.markInUse();
        LOG.log(System.Logger.Level.INFO, () -> "opened " + topics.size() + " topic(s) in " + directory.root() + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms" + (clean ? "" : " (no clean-shutdown marker:"
                + " logs past their recovery points were checked)"));
        long tick = Math.min(options.flushIntervalMs(), 1000);
        flusher.scheduleWithFixedDelay(this::flushTick, tick, tick, TimeUnit.MILLISECONDS);
        maintenance.start();
    }

    /** Every open log of every topic (for {@link LogMaintenance}). */
    private List<FileLog> openLogs() {
        return topics.openLogs();
    }

    private void flushTick() {
        long now = options.clock().millis();
        for (FileLog log : topics.logs()) {
            try {
                log.maybeFlush(now, options.flushIntervalMs());
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "background flush of " + log + " failed", e);
            }
        }
    }

    @Override
    public TopicInfo createTopic(String name, int partitions, Map<String, String> overrides) throws IOException {
        admin.lock();
        try {
            ensureOpen();
            return topics.create(name, partitions, overrides);
        } finally {
            admin.unlock();
        }
    }

    @Override
    public Optional<TopicInfo> topic(String name) {
        ensureOpen();
        return topics.info(name);
    }

    @Override
    public long topicsVersion() {
        return topics.version();
    }

    @Override
    public Optional<TopicInfo> topic(UUID id) {
        ensureOpen();
        return topics.info(id);
    }

    @Override
    public Collection<TopicInfo> topics() {
        ensureOpen();
        return topics.infos();
    }

    @Override
    public void deleteTopic(String name) throws IOException {
        admin.lock();
        try {
            ensureOpen();
            topics.delete(name);
        } finally {
            admin.unlock();
        }
    }

    @Override
    public TopicInfo createPartitions(String name, int newCount) throws IOException {
        admin.lock();
        try {
            ensureOpen();
            return topics.createPartitions(name, newCount);
        } finally {
            admin.unlock();
        }
    }

    @Override
    public TopicInfo alterConfig(String name, Map<String, String> set, Set<String> remove) throws IOException {
        admin.lock();
        try {
            ensureOpen();
            return topics.alterConfig(name, set, remove);
        } finally {
            admin.unlock();
        }
    }

    @Override
    public PartitionLog log(String topic, int partition) {
        ensureOpen();
        return topics.log(topic, partition);
    }

    @Override
    public LogConfig defaultConfig() {
        ensureOpen();
        return defaultConfig;
    }

    /** The data directory. */
    public Path directory() {
        return directory.root();
    }

    /**
     * Applies {@code retention.ms} and {@code retention.bytes} to every log whose
     * {@code cleanup.policy} contains {@code delete}, now, on the caller's thread (the background
     * task does the same every {@link Options#retentionCheckIntervalMs()}).
     *
     * @return the number of segments deleted
     */
    public int runRetentionOnce() {
        ensureOpen();
        return maintenance.runRetentionOnce();
    }

    /**
     * Compacts, now, on the caller's thread, every log whose {@code cleanup.policy} contains
     * {@code compact} and that is due (dirty ratio or tombstone horizon; see {@link LogCleaner}).
     * Waits for a background cleaning in progress.
     *
     * @return the number of partitions cleaned
     */
    public int runCleanerOnce() {
        ensureOpen();
        return maintenance.runCleanerOnce();
    }

    LogMaintenance maintenance() {
        return maintenance;
    }

    @Override
    public void close() throws IOException {
        admin.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopFlusher(false);
            maintenance.stop(false);
            IOException failure = null;
            try {
                topics.closeAll();
            } catch (IOException e) {
                failure = e;
            }
            maintenance.finishDeletions();
            try {
                if (failure == null) {
                    // only now is every log durable, so only now may the next open skip recovery
                    directory.markCleanShutdown();
                }
            } finally {
                directory.release();
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            admin.unlock();
        }
    }

    /**
     * Stops the background thread and releases every file without flushing or writing the
     * clean-shutdown marker: what {@code kill -9} leaves behind (data written so far is in the
     * page cache, so it is in the files). For crash tests.
     */
    void crashClose() {
        admin.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopFlusher(true);
            maintenance.stop(true);
            topics.crashCloseAll();
            directory.release();
        } finally {
            admin.unlock();
        }
    }

    private void stopFlusher(boolean now) {
        if (now) {
            flusher.shutdownNow();
        } else {
            flusher.shutdown();
        }
        try {
            if (!flusher.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.log(System.Logger.Level.WARNING, "background flush did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the log store in " + directory.root() + " is closed");
        }
    }

    /**
     * Removes {@code root} and everything below it, if it exists; {@link StoreDirectory},
     * {@link TopicRegistry} and {@link CleanerKeyMap} use it too.
     */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
