package io.sluice.engine.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LogIO} over kafka-clients, for any Kafka-protocol cluster (Sluice's broker, Apache Kafka).
 *
 * <ul>
 * <li>Each {@link LogWriter} owns a {@code KafkaProducer<byte[], byte[]>} with {@code acks=all} and
 *     {@code enable.idempotence=true} (forced), {@code linger.ms=5} and {@code batch.size=131072}
 *     (defaults you may override). The writer picks every partition itself (keyed: Kafka's
 *     murmur2; unkeyed: round-robin) and passes it explicitly, so the producer's sticky
 *     partitioner is never used.</li>
 * <li>Each {@link LogReader} owns a {@code KafkaConsumer<byte[], byte[]>} used with {@code assign}
 *     only: no {@code group.id}, {@code enable.auto.commit=false}, {@code auto.offset.reset=none}
 *     (out-of-range positions are reported, not silently reset) and
 *     {@code allow.auto.create.topics=false} (all forced), {@code max.poll.records=10000} (a
 *     default).</li>
 * <li>One {@code Admin} serves the topic operations and start/end offsets.</li>
 * </ul>
 *
 * <p>Client properties: every entry goes to all three clients, except keys prefixed with
 * {@code producer.}, {@code consumer.} or {@code admin.}, which go (without the prefix) to that
 * client only. {@code default.api.timeout.ms} (default 30000) bounds every blocking call here.
 *
 * <p>Caching: partition counts are cached per topic and refreshed by this {@code LogIO}'s
 * {@link #describe}, {@link #createTopic} and {@link #deleteTopic}, and when a write or offset query
 * names a partition beyond the cached count. A topic deleted by someone else may thus still look
 * alive to writers until a describe; brokers that auto-create topics (Apache Kafka's default)
 * would then re-create it on the next append, because producers ask for metadata with
 * auto-creation allowed.
 *
 * <p>Thread-safety: as {@link LogIO} says.
 */
public final class ClientLogIO implements LogIO {

    private static final Logger LOG = LoggerFactory.getLogger(ClientLogIO.class);

    private static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(30);
    private static final long VISIBILITY_BACKOFF_MS = 20;

    private final Map<String, Object> producerConfig;
    private final Map<String, Object> consumerConfig;
    private final Duration apiTimeout;
    private final Admin admin;
    private final ConcurrentHashMap<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong countsVersion = new java.util.concurrent.atomic.AtomicLong();
    private final Set<ClientLogWriter> writers = ConcurrentHashMap.newKeySet();
    private final Set<ClientLogReader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Connects to a cluster. Clients connect lazily: an unreachable cluster shows up as a
     * {@link LogException} (timeout) from the first operation, not here.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param clientProperties extra kafka-clients settings (security, timeouts, tuning), see above
     * @throws IllegalArgumentException when kafka-clients refuses the settings
     */
    public ClientLogIO(String bootstrapServers, Map<String, ?> clientProperties) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Map<String, Object> common = new HashMap<>();
        Map<String, Object> producer = new HashMap<>();
        Map<String, Object> consumer = new HashMap<>();
        Map<String, Object> adminCfg = new HashMap<>();
        clientProperties.forEach((k, v) -> {
            if (k.startsWith("producer.")) {
                producer.put(k.substring("producer.".length()), v);
            } else if (k.startsWith("consumer.")) {
                consumer.put(k.substring("consumer.".length()), v);
            } else if (k.startsWith("admin.")) {
                adminCfg.put(k.substring("admin.".length()), v);
            } else {
                common.put(k, v);
            }
        });
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Object timeout = common.get(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        this.apiTimeout = timeout == null ? DEFAULT_API_TIMEOUT : Duration.ofMillis(Long.parseLong(timeout.toString()));

        Map<String, Object> p = new HashMap<>(common);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.putAll(producer);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producerConfig = Map.copyOf(p);

        Map<String, Object> c = new HashMap<>(common);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        c.putAll(consumer);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerConfig = Map.copyOf(c);

        Map<String, Object> a = new HashMap<>(common);
        a.putAll(adminCfg);
        a.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        try {
            this.admin = Admin.create(a);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new IllegalArgumentException("invalid client settings: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<io.sluice.engine.log.TopicDescription> describe(String topic) {
        ensureOpen();
        Objects.requireNonNull(topic, "topic");
        Optional<TopicDescription> d = describeRaw(topic);
        if (d.isEmpty()) {
            knownCount(topic, null);
            return Optional.empty();
        }
        int n = d.get().partitions().size();
        knownCount(topic, n);
        return Optional.of(new io.sluice.engine.log.TopicDescription(topic, n));
    }

    private Optional<TopicDescription> describeRaw(String topic) {
        try {
            return Optional.of(await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic),
                    "describing topic '" + topic + "'"));
        } catch (UnknownTopicException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public io.sluice.engine.log.TopicDescription createTopic(String name, int partitions, Map<String, String> configs) {
        ensureOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least 1 partition, not " + partitions);
        }
        NewTopic nt = new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
        String what = "creating topic '" + name + "'";
        try {
            await(admin.createTopics(List.of(nt)).all(), what);
        } catch (LogException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            int existing = describe(name).map(io.sluice.engine.log.TopicDescription::partitions)
                    .orElseThrow(() -> new LogException(what + ": it exists but cannot be described (being deleted?)", e));
            if (existing != partitions) {
                throw new TopicConflictException(name, existing, partitions);
            }
        }
        // the controller has it; wait until the brokers serve it with a leader for every partition
        waitUntil(() -> describeRaw(name).filter(d -> d.partitions().size() == partitions
                && d.partitions().stream().allMatch(p -> hasLeader(p.leader()))).isPresent(),
                "topic '" + name + "' to be served");
        // ... and until every leader has its partition ready: Apache Kafka publishes the leader in its
        // metadata before the partition's log exists. A producer writing then gets NOT_LEADER for its
        // first batch while a pipelined later one may land, after which the retried first batch is
        // out of sequence until delivery.timeout.ms. ListOffsets passes the same leader check as Produce.
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            ends.put(new TopicPartition(name, p), OffsetSpec.latest());
        }
        ListOffsetsOptions opts = new ListOffsetsOptions().timeoutMs((int) apiTimeout.toMillis());
        waitUntil(() -> {
            try {
                await(admin.listOffsets(ends, opts).all(), "listing the end offsets of '" + name + "'");
                return true;
            } catch (UnknownTopicException e) {
                return false;
            }
        }, "the partitions of '" + name + "' to be ready");
        knownCount(name, partitions);
        return new io.sluice.engine.log.TopicDescription(name, partitions);
    }

    private static boolean hasLeader(Node n) {
        return n != null && !n.isEmpty();
    }

    @Override
    public void deleteTopic(String name) {
        ensureOpen();
        Objects.requireNonNull(name, "name");
        knownCount(name, null);
        await(admin.deleteTopics(List.of(name)).all(), "deleting topic '" + name + "'");
        waitUntil(() -> describeRaw(name).isEmpty(), "topic '" + name + "' to be gone");
        knownCount(name, null);
    }

    @Override
    public List<String> listTopics() {
        ensureOpen();
        List<String> names = new ArrayList<>(await(admin.listTopics().names(), "listing topics"));
        names.sort(null);
        return names;
    }

    @Override
    public int partitionFor(String topic, byte[] keyBytes) {
        ensureOpen();
        Objects.requireNonNull(keyBytes, "partitionFor needs a key; records without a key go round-robin");
        return LogIO.keyPartition(keyBytes, partitionCount(topic));
    }

    @Override
    public LogWriter writer() {
        ensureOpen();
        ClientLogWriter w = new ClientLogWriter(this, producerConfig, apiTimeout);
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
        ClientLogReader r = new ClientLogReader(this, consumerConfig, apiTimeout);
        readers.add(r);
        if (closed) {
            r.close();
            ensureOpen();
        }
        return r;
    }

    @Override
    public long startOffset(TopicPartition tp) {
        return listOffset(tp, OffsetSpec.earliest(), "start");
    }

    @Override
    public long endOffset(TopicPartition tp) {
        return listOffset(tp, OffsetSpec.latest(), "end");
    }

    private long listOffset(TopicPartition tp, OffsetSpec spec, String which) {
        ensureOpen();
        checkPartition(tp.topic(), tp.partition());
        ListOffsetsOptions opts = new ListOffsetsOptions().timeoutMs((int) apiTimeout.toMillis());
        return await(admin.listOffsets(Map.of(tp, spec), opts).partitionResult(tp),
                "asking the " + which + " offset of " + tp).offset();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LogWriters.closeAll(writers, LOG);
        for (ClientLogReader r : List.copyOf(readers)) {
            try {
                r.close();
            } catch (java.util.ConcurrentModificationException e) {
                // its thread is inside a call: Kafka's consumer can't be closed under it
                r.wakeup();
                LOG.warn("a reader in use by another thread was not closed; close it from that thread");
            }
        }
        admin.close(apiTimeout);
    }

    @Override
    public String toString() {
        return "ClientLogIO[" + producerConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + "]";
    }

    // ------------------------------------------------------------------ for the writer and reader

    /** The topic's partition count (cached), or UnknownTopicException. */
    /** Records a topic's partition count (null: unknown or gone), moving {@link #countsVersion} on a change. */
    private void knownCount(String topic, Integer n) {
        Integer old = n == null ? partitionCounts.remove(topic) : partitionCounts.put(topic, n);
        if (!Objects.equals(old, n)) {
            countsVersion.incrementAndGet();
        }
    }

    /**
     * A number that moves whenever a cached partition count changes: a writer may keep what
     * {@link #partitionCount} answered while it stays the same, if it read it before asking.
     */
    long countsVersion() {
        return countsVersion.get();
    }

    int partitionCount(String topic) {
        Objects.requireNonNull(topic, "topic");
        Integer n = partitionCounts.get(topic);
        if (n != null) {
            return n;
        }
        return describe(topic).orElseThrow(() -> new UnknownTopicException("unknown topic '" + topic + "'"))
                .partitions();
    }

    /** Throws UnknownTopicException unless the partition exists (asking again when the cache says no). */
    void checkPartition(String topic, int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, not " + partition);
        }
        int n = partitionCount(topic);
        if (partition >= n) {
            n = describe(topic).orElseThrow(() -> new UnknownTopicException("unknown topic '" + topic + "'"))
                    .partitions();
            if (partition >= n) {
                throw new UnknownTopicException("topic '" + topic + "' has no partition " + partition + " (it has "
                        + n + ")");
            }
        }
    }

    void writerClosed(ClientLogWriter w) {
        writers.remove(w);
    }

    void readerClosed(ClientLogReader r) {
        readers.remove(r);
    }

    /** Waits for an admin result, turning Kafka's failures into ours. */
    private <T> T await(KafkaFuture<T> f, String what) {
        try {
            return f.get(apiTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LogException(what + ": no answer within " + apiTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogException(what + ": interrupted", e);
        }
    }

    /** Kafka's exception as ours: UnknownTopicException, IllegalArgumentException or LogException. */
    static RuntimeException translate(Throwable t, String what) {
        String msg = what + ": " + t.getMessage();
        if (t instanceof UnknownTopicOrPartitionException) {
            return new UnknownTopicException(msg, t);
        }
        if (t instanceof InvalidTopicException || t instanceof InvalidConfigurationException
                || t instanceof InvalidPartitionsException || t instanceof InvalidReplicationFactorException
                || t instanceof PolicyViolationException) {
            return new IllegalArgumentException(msg, t);
        }
        return new LogException(what + " failed: " + t, t);
    }

    /** Polls {@code done} with a short sleep until it holds or the API timeout passes. */
    private void waitUntil(Supplier<Boolean> done, String what) {
        long deadline = System.nanoTime() + apiTimeout.toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new LogException("gave up waiting for " + what + " after " + apiTimeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(VISIBILITY_BACKOFF_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("interrupted while waiting for " + what, e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this ClientLogIO is closed");
        }
    }
}
