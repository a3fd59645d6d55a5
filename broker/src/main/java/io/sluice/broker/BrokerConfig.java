package io.sluice.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one broker, immutable.
 *
 * @param host                    address to bind and advertise (loopback by default)
 * @param port                    Kafka protocol port; 0 picks a free one (see {@link KafkaBroker#port()})
 * @param nodeId                  this broker's node id
 * @param clusterId               the cluster id reported in metadata; persisted by the caller
 * @param dataDir                 where the logs and broker state live
 * @param autoCreateTopics        {@code auto.create.topics.enable}
 * @param defaultPartitions       {@code num.partitions}: partitions of auto-created topics and of
 *                                CreateTopics requests that leave the count to the broker
 * @param maxRequestBytes         {@code socket.request.max.bytes}: a larger frame closes its connection
 * @param logDefaults             broker-wide defaults of topic configs, by topic-config name
 *                                ({@code segment.bytes}, {@code retention.ms}, ...)
 * @param periodicFlushMs         how often dirty logs are forced to disk in the background
 * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}: how long an empty
 *                                group's first rebalance waits for more members (Kafka's
 *                                default is 3000; 0 suits a single developer machine)
 */
public record BrokerConfig(String host, int port, int nodeId, String clusterId, Path dataDir,
                           boolean autoCreateTopics, int defaultPartitions, int maxRequestBytes,
                           Map<String, String> logDefaults, long periodicFlushMs, int initialRebalanceDelayMs) {

    public static final int DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;
    public static final long DEFAULT_PERIODIC_FLUSH_MS = 10_000;

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        logDefaults = Map.copyOf(logDefaults);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("num.partitions must be at least 1, got " + defaultPartitions);
        }
    }

    /** Defaults for a broker on 127.0.0.1:{@code port} with data in {@code dataDir}. */
    public static BrokerConfig defaults(Path dataDir, int port) {
        return new BrokerConfig("127.0.0.1", port, 1, "", dataDir, true, 1, DEFAULT_MAX_REQUEST_BYTES,
                Map.of(), DEFAULT_PERIODIC_FLUSH_MS, 0);
    }

    public BrokerConfig withPort(int newPort) {
        return new BrokerConfig(host, newPort, nodeId, clusterId, dataDir, autoCreateTopics, defaultPartitions,
                maxRequestBytes, logDefaults, periodicFlushMs, initialRebalanceDelayMs);
    }

    public BrokerConfig withLogDefaults(Map<String, String> defaults) {
        return new BrokerConfig(host, port, nodeId, clusterId, dataDir, autoCreateTopics, defaultPartitions,
                maxRequestBytes, defaults, periodicFlushMs, initialRebalanceDelayMs);
    }

    public BrokerConfig withDefaultPartitions(int n) {
        return new BrokerConfig(host, port, nodeId, clusterId, dataDir, autoCreateTopics, n,
                maxRequestBytes, logDefaults, periodicFlushMs, initialRebalanceDelayMs);
    }

    public BrokerConfig withMaxRequestBytes(int n) {
        return new BrokerConfig(host, port, nodeId, clusterId, dataDir, autoCreateTopics, defaultPartitions,
                n, logDefaults, periodicFlushMs, initialRebalanceDelayMs);
    }
}
