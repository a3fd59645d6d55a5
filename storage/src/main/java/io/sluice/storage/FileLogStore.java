package io.sluice.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Thread-safety: every method may be called from any thread. Topic changes are serialized by
 * one lock; {@link #log} and the topic look-ups read concurrent maps without locking.
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

    static final String TOPICS_DIR = "topics";
    static final String TMP_DIR = "tmp";
    static final String TRASH_DIR = "deleting";
    static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    static final String LOCK_FILE = ".lock";

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

    /** A live topic: its metadata and logs, replaced whole on change. */
    private static final class Topic {
        final Path dir;
        volatile TopicInfo info;
        volatile FileLog[] logs;

        Topic(Path dir, TopicInfo info, FileLog[] logs) {
            this.dir = dir;
            this.info = info;
            this.logs = logs;
        }
    }

    private final Path dir;
    private final Path topicsDir;
    private final Options options;
    private final LogConfig defaultConfig;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConcurrentHashMap<String, Topic> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Topic> byId = new ConcurrentHashMap<>();
    private final ReentrantLock admin = new ReentrantLock();
    private final ScheduledExecutorService flusher;
    private final LogMaintenance maintenance;
    private volatile boolean closed;

    private FileLogStore(Path dir, Options options, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.topicsDir = dir.resolve(TOPICS_DIR);
        this.options = options;
        this.defaultConfig = LogConfig.of(options.logDefaults(), Map.of());
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-log-flusher");
            t.setDaemon(true);
            return t;
        });
        this.maintenance = new LogMaintenance(this::openLogs, options.clock(), options.retentionCheckIntervalMs(),
                options.fileDeleteDelayMs(), options.cleanerBackoffMs(), options.cleanerEnabled());
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
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("data directory " + dir + " is in use by another log store");
        }
        FileLogStore store = new FileLogStore(dir, options, lockChannel, lock);
        try {
            store.load();
        } catch (IOException | RuntimeException e) {
            store.crashClose();
            throw e;
        }
        return store;
    }

    private void load() throws IOException {
        Path marker = dir.resolve(CLEAN_SHUTDOWN_FILE);
        boolean clean = Files.exists(marker);
        deleteRecursively(dir.resolve(TMP_DIR));
        deleteRecursively(dir.resolve(TRASH_DIR));
        Files.createDirectories(topicsDir);
        long started = System.nanoTime();
        for (Path topicDir : sortedChildren(topicsDir)) {
            String name = topicDir.getFileName().toString();
            if (!Files.isRegularFile(topicDir.resolve(TopicMetadata.FILE))) {
                LOG.log(System.Logger.Level.WARNING, "ignoring " + topicDir + ": it has no " + TopicMetadata.FILE);
                continue;
            }
            TopicMetadata meta = TopicMetadata.read(topicDir);
            LogConfig config;
            try {
                config = LogConfig.of(options.logDefaults(), meta.overrides());
            } catch (InvalidConfigException e) {
                throw new IOException("topic '" + name + "' has a config this version refuses: " + e.getMessage(), e);
            }
            FileLog[] logs = new FileLog[meta.partitions()];
            Topic t = new Topic(topicDir, new TopicInfo(name, meta.id(), meta.partitions(), config), logs);
            // registered before its logs open so that a failure closes the ones already open
            byName.put(name, t);
            byId.put(meta.id(), t);
            for (int p = 0; p < logs.length; p++) {
                logs[p] = FileLog.open(topicDir.resolve(Integer.toString(p)), name, p, config, clean,
                        options.clock(), maintenance.deleter());
            }
        }
        Files.deleteIfExists(marker);
        Checkpoints.fsyncDirectory(dir);
        LOG.log(System.Logger.Level.INFO, () -> "opened " + byName.size() + " topic(s) in " + dir + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms" + (clean ? "" : " (no clean-shutdown marker:"
                + " logs past their recovery points were checked)"));
        long tick = Math.min(options.flushIntervalMs(), 1000);
        flusher.scheduleWithFixedDelay(this::flushTick, tick, tick, TimeUnit.MILLISECONDS);
        maintenance.start();
    }

    /** Every open log of every topic. */
    private List<FileLog> openLogs() {
        List<FileLog> all = new ArrayList<>();
        for (Topic t : byName.values()) {
            for (FileLog log : t.logs) {
                if (log != null && log.isOpen()) {
                    all.add(log);
                }
            }
        }
        return all;
    }

    private void flushTick() {
        long now = options.clock().millis();
        for (Topic t : byName.values()) {
            for (FileLog log : t.logs) {
                if (log == null) {
                    continue;
                }
                try {
                    log.maybeFlush(now, options.flushIntervalMs());
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "background flush of " + log + " failed", e);
                }
            }
        }
    }

    @Override
    public TopicInfo createTopic(String name, int partitions, Map<String, String> overrides) throws IOException {
        admin.lock();
        try {
            ensureOpen();
            TopicMetadata.validateName(name);
            if (partitions < 1) {
                throw new IllegalArgumentException("a topic needs at least 1 partition, not " + partitions);
            }
            if (byName.containsKey(name)) {
                throw new TopicExistsException("topic '" + name + "' already exists");
            }
            LogConfig config = LogConfig.of(options.logDefaults(), overrides);
            UUID id;
            do {
                id = UUID.randomUUID();
            } while (byId.containsKey(id));
            // built aside and moved in whole, so a crash never leaves half a topic in topics/; named by
            // id alone because a 249-character topic name plus anything would exceed file name limits
            Path staging = dir.resolve(TMP_DIR).resolve(id.toString());
            Files.createDirectories(staging);
            new TopicMetadata(id, partitions, config.overrides()).write(staging);
            Path topicDir = topicsDir.resolve(name);
            deleteRecursively(topicDir);
            Files.move(staging, topicDir, StandardCopyOption.ATOMIC_MOVE);
            Checkpoints.fsyncDirectory(topicsDir);
            FileLog[] logs = openNewPartitions(topicDir, name, new FileLog[0], partitions, config);
            TopicInfo info = new TopicInfo(name, id, partitions, config);
            Topic t = new Topic(topicDir, info, logs);
            byName.put(name, t);
            byId.put(id, t);
            return info;
        } finally {
            admin.unlock();
        }
    }

    private FileLog[] openNewPartitions(Path topicDir, String name, FileLog[] existing, int count, LogConfig config)
            throws IOException {
        FileLog[] logs = Arrays.copyOf(existing, count);
        try {
            for (int p = existing.length; p < count; p++) {
                Path partitionDir = topicDir.resolve(Integer.toString(p));
                deleteRecursively(partitionDir); // left by an interrupted createPartitions
                logs[p] = FileLog.open(partitionDir, name, p, config, false, options.clock(), maintenance.deleter());
            }
        } catch (IOException | RuntimeException e) {
            for (int p = existing.length; p < count; p++) {
                if (logs[p] != null) {
                    logs[p].crashClose();
                }
            }
            throw e;
        }
        return logs;
    }

    @Override
    public Optional<TopicInfo> topic(String name) {
        ensureOpen();
        Topic t = byName.get(name);
        return t == null ? Optional.empty() : Optional.of(t.info);
    }

    @Override
    public Optional<TopicInfo> topic(UUID id) {
        ensureOpen();
        Topic t = byId.get(id);
        return t == null ? Optional.empty() : Optional.of(t.info);
    }

    @Override
    public Collection<TopicInfo> topics() {
        ensureOpen();
        return byName.values().stream().map(t -> t.info).sorted(Comparator.comparing(TopicInfo::name)).toList();
    }

    @Override
    public void deleteTopic(String name) throws IOException {
        admin.lock();
        try {
            Topic t = existing(name);
            byName.remove(name);
            byId.remove(t.info.id());
            for (FileLog log : t.logs) {
                log.markDeleted();
            }
            Path trash = dir.resolve(TRASH_DIR).resolve(t.info.id().toString());
            Files.createDirectories(trash.getParent());
            Files.move(t.dir, trash, StandardCopyOption.ATOMIC_MOVE);
            Checkpoints.fsyncDirectory(topicsDir);
            try {
                deleteRecursively(trash);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not remove " + trash + " yet; it goes on the next open", e);
            }
        } finally {
            admin.unlock();
        }
    }

    @Override
    public TopicInfo createPartitions(String name, int newCount) throws IOException {
        admin.lock();
        try {
            Topic t = existing(name);
            TopicInfo info = t.info;
            if (newCount <= info.partitions()) {
                throw new IllegalArgumentException("topic '" + name + "' has " + info.partitions()
                        + " partitions; the new count must be greater, not " + newCount);
            }
            FileLog[] logs = openNewPartitions(t.dir, name, t.logs, newCount, info.config());
            try {
                new TopicMetadata(info.id(), newCount, info.config().overrides()).write(t.dir);
            } catch (IOException | RuntimeException e) {
                for (int p = info.partitions(); p < newCount; p++) {
                    logs[p].crashClose();
                }
                throw e;
            }
            t.logs = logs;
            t.info = new TopicInfo(name, info.id(), newCount, info.config());
            return t.info;
        } finally {
            admin.unlock();
        }
    }

    @Override
    public TopicInfo alterConfig(String name, Map<String, String> set, Set<String> remove) throws IOException {
        admin.lock();
        try {
            Topic t = existing(name);
            Set<String> keys = new HashSet<>(set.keySet());
            keys.addAll(remove);
            for (String k : new TreeSet<>(keys)) {
                if (!LogConfig.isKnown(k)) {
                    throw new InvalidConfigException("unknown topic config '" + k + "'; known: " + LogConfig.keys());
                }
            }
            TopicInfo info = t.info;
            LogConfig config = info.config().with(set, remove);
            new TopicMetadata(info.id(), info.partitions(), config.overrides()).write(t.dir);
            t.info = new TopicInfo(name, info.id(), info.partitions(), config);
            for (FileLog log : t.logs) {
                log.setConfig(config);
            }
            return t.info;
        } finally {
            admin.unlock();
        }
    }

    @Override
    public PartitionLog log(String topic, int partition) {
        ensureOpen();
        Topic t = byName.get(topic);
        if (t == null) {
            throw new UnknownTopicException("unknown topic '" + topic + "'");
        }
        FileLog[] logs = t.logs;
        if (partition < 0 || partition >= logs.length) {
            throw new UnknownTopicException("topic '" + topic + "' has no partition " + partition + " (it has "
                    + logs.length + ")");
        }
        return logs[partition];
    }

    @Override
    public LogConfig defaultConfig() {
        ensureOpen();
        return defaultConfig;
    }

    /** The data directory. */
    public Path directory() {
        return dir;
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
            for (Topic t : byName.values()) {
                for (FileLog log : t.logs) {
                    try {
                        log.close();
                    } catch (IOException e) {
                        if (failure == null) {
                            failure = e;
                        } else {
                            failure.addSuppressed(e);
                        }
                    }
                }
            }
            maintenance.finishDeletions();
            try {
                if (failure == null) {
                    // only now is every log durable, so only now may the next open skip recovery
                    Checkpoints.writeAtomically(dir.resolve(CLEAN_SHUTDOWN_FILE), new byte[0]);
                }
            } finally {
                releaseLock();
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
            for (Topic t : byName.values()) {
                for (FileLog log : t.logs) {
                    if (log != null) {
                        log.crashClose();
                    }
                }
            }
            releaseLock();
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

    private void releaseLock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release " + dir.resolve(LOCK_FILE), e);
        }
    }

    private Topic existing(String name) {
        ensureOpen();
        Topic t = byName.get(name);
        if (t == null) {
            throw new UnknownTopicException("unknown topic '" + name + "'");
        }
        return t;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the log store in " + dir + " is closed");
        }
    }

    private static List<Path> sortedChildren(Path d) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, Files::isDirectory)) {
            s.forEach(children::add);
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }

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
