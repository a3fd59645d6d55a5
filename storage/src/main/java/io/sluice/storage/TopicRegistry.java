package io.sluice.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FileLogStore}'s topics: their metadata ({@link TopicMetadata}, on disk as
 * {@code topics/NAME/topic.properties}) and partition logs, looked up by name and by id. Loads
 * them on open, and creates, deletes, repartitions and reconfigures them, keeping disk and memory
 * in step: a new topic, partition count or config is on disk before the maps show it, and a
 * deleted topic leaves the maps before its directory goes.
 *
 * <p>Thread-safety: look-ups ({@link #info}, {@link #infos}, {@link #log}, {@link #openLogs},
 * {@link #logs}) may run on any thread without a lock; they read concurrent maps and volatile
 * fields, and a topic's metadata and logs are replaced whole. Everything else changes topics and
 * requires the caller to serialize it: the store calls it holding its admin lock, which also
 * keeps it from running once the store is closing.
 */
final class TopicRegistry {

    // the store's logger, so that logging configured for FileLogStore still covers topic changes
    private static final System.Logger LOG = System.getLogger(FileLogStore.class.getName());

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

    private final StoreDirectory directory;
    private final Map<String, String> logDefaults;
    private final Clock clock;
    private final SegmentDeleter deleter;
    private final ConcurrentHashMap<String, Topic> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Topic> byId = new ConcurrentHashMap<>();
    /** Moved on every change of a topic's presence or info: see {@link LogStore#topicsVersion}. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param logDefaults the store's defaults of topic configs, under each topic's overrides
     * @param deleter     where segments leaving any log go
     */
    TopicRegistry(StoreDirectory directory, Map<String, String> logDefaults, Clock clock, SegmentDeleter deleter) {
        this.directory = directory;
        this.logDefaults = logDefaults;
        this.clock = clock;
        this.deleter = deleter;
    }

    /**
     * Opens every topic under {@code topics/}, recovering its logs unless {@code cleanShutdown}.
     * A topic is registered before its logs open, so that when one fails to open, closing the
     * registry releases those already open.
     */
    void load(boolean cleanShutdown) throws IOException {
        for (Path topicDir : sortedChildren(directory.topics())) {
            String name = topicDir.getFileName().toString();
            if (!Files.isRegularFile(topicDir.resolve(TopicMetadata.FILE))) {
                LOG.log(System.Logger.Level.WARNING, "ignoring " + topicDir + ": it has no " + TopicMetadata.FILE);
                continue;
            }
            TopicMetadata meta = TopicMetadata.read(topicDir);
            LogConfig config;
            try {
                config = LogConfig.of(logDefaults, meta.overrides());
            } catch (InvalidConfigException e) {
                throw new IOException("topic '" + name + "' has a config this version refuses: " + e.getMessage(), e);
            }
            FileLog[] logs = new FileLog[meta.partitions()];
            Topic t = new Topic(topicDir, new TopicInfo(name, meta.id(), meta.partitions(), config), logs);
            byName.put(name, t);
            byId.put(meta.id(), t);
            version.incrementAndGet();
            for (int p = 0; p < logs.length; p++) {
                logs[p] = FileLog.open(topicDir.resolve(Integer.toString(p)), name, p, config, cleanShutdown, clock,
                        deleter);
            }
        }
    }

    /** The number of topics. */
    int size() {
        return byName.size();
    }

    /** See {@link LogStore#createTopic}. */
    TopicInfo create(String name, int partitions, Map<String, String> overrides) throws IOException {
        TopicMetadata.validateName(name);
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least 1 partition, not " + partitions);
        }
        if (byName.containsKey(name)) {
            throw new TopicExistsException("topic '" + name + "' already exists");
        }
        LogConfig config = LogConfig.of(logDefaults, overrides);
        UUID id;
        do {
            id = UUID.randomUUID();
        } while (byId.containsKey(id));
        // built aside and moved in whole, so a crash never leaves half a topic in topics/; named by
        // id alone because a 249-character topic name plus anything would exceed file name limits
        Path staging = directory.staging(id);
        Files.createDirectories(staging);
        new TopicMetadata(id, partitions, config.overrides()).write(staging);
        Path topicDir = directory.topics().resolve(name);
        FileLogStore.deleteRecursively(topicDir);
        Files.move(staging, topicDir, StandardCopyOption.ATOMIC_MOVE);
        Checkpoints.fsyncDirectory(directory.topics());
        FileLog[] logs = openNewPartitions(topicDir, name, new FileLog[0], partitions, config);
        TopicInfo info = new TopicInfo(name, id, partitions, config);
        Topic t = new Topic(topicDir, info, logs);
        byName.put(name, t);
        byId.put(id, t);
        version.incrementAndGet();
        return info;
    }

    private FileLog[] openNewPartitions(Path topicDir, String name, FileLog[] existing, int count, LogConfig config)
            throws IOException {
        FileLog[] logs = Arrays.copyOf(existing, count);
        try {
            for (int p = existing.length; p < count; p++) {
                Path partitionDir = topicDir.resolve(Integer.toString(p));
                FileLogStore.deleteRecursively(partitionDir); // left by an interrupted createPartitions
                logs[p] = FileLog.open(partitionDir, name, p, config, false, clock, deleter);
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

    long version() {
        return version.get();
    }

    Optional<TopicInfo> info(String name) {
        Topic t = byName.get(name);
        return t == null ? Optional.empty() : Optional.of(t.info);
    }

    Optional<TopicInfo> info(UUID id) {
        Topic t = byId.get(id);
        return t == null ? Optional.empty() : Optional.of(t.info);
    }

    /** Every topic, by name. */
    Collection<TopicInfo> infos() {
        return byName.values().stream().map(t -> t.info).sorted(Comparator.comparing(TopicInfo::name)).toList();
    }

    /**
     * See {@link LogStore#deleteTopic}. The topic leaves the maps and its logs refuse use first;
     * its directory is then moved out of {@code topics/} and removed (on the next open if that fails).
     */
    void delete(String name) throws IOException {
        Topic t = existing(name);
        byName.remove(name);
        byId.remove(t.info.id());
        version.incrementAndGet();
        for (FileLog log : t.logs) {
            log.markDeleted();
        }
        Path trash = directory.trash(t.info.id());
        Files.createDirectories(trash.getParent());
        Files.move(t.dir, trash, StandardCopyOption.ATOMIC_MOVE);
        Checkpoints.fsyncDirectory(directory.topics());
        try {
            FileLogStore.deleteRecursively(trash);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + trash + " yet; it goes on the next open", e);
        }
    }

    /** See {@link LogStore#createPartitions}. The new logs exist before the metadata counts them. */
    TopicInfo createPartitions(String name, int newCount) throws IOException {
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
        version.incrementAndGet();
        return t.info;
    }

    /** See {@link LogStore#alterConfig}. The logs take the new config once it is on disk. */
    TopicInfo alterConfig(String name, Map<String, String> set, Set<String> remove) throws IOException {
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
        version.incrementAndGet();
        for (FileLog log : t.logs) {
            log.setConfig(config);
        }
        return t.info;
    }

    /** See {@link LogStore#log}. */
    FileLog log(String topic, int partition) {
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

    /** Every log of every topic, open or not, for the periodic flush (which skips closed ones itself). */
    List<FileLog> logs() {
        List<FileLog> all = new ArrayList<>();
        for (Topic t : byName.values()) {
            for (FileLog log : t.logs) {
                // null while load() opens the topic's logs, or after one of them failed to open
                if (log != null) {
                    all.add(log);
                }
            }
        }
        return all;
    }

    /** Every open log of every topic. */
    List<FileLog> openLogs() {
        List<FileLog> all = new ArrayList<>();
        for (FileLog log : logs()) {
            if (log.isOpen()) {
                all.add(log);
            }
        }
        return all;
    }

    /**
     * Closes every log (flushing it and writing its checkpoint), all of them even when some fail.
     *
     * @throws IOException the first failure, with the later ones suppressed
     */
    void closeAll() throws IOException {
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
        if (failure != null) {
            throw failure;
        }
    }

    /** Releases every log's files without flushing anything (see {@link FileLog#crashClose}). */
    void crashCloseAll() {
        for (FileLog log : logs()) {
            log.crashClose();
        }
    }

    private Topic existing(String name) {
        Topic t = byName.get(name);
        if (t == null) {
            throw new UnknownTopicException("unknown topic '" + name + "'");
        }
        return t;
    }

    private static List<Path> sortedChildren(Path d) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, Files::isDirectory)) {
            s.forEach(children::add);
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }
}
