package io.sluice.broker;

import io.sluice.storage.FileLogStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one broker, immutable. {@link #withSettings} applies settings under Kafka's
 * broker config names, as a server config file gives them.
 *
 * @param host                    address to bind and advertise (loopback by default)
 * @param port                    Kafka protocol port; 0 picks a free one (see {@link KafkaBroker#port()})
 * @param nodeId                  this broker's node id
 * @param clusterId               the cluster id to require of the data directory; empty: whatever it has
 *                                (a new one on first start)
 * @param dataDir                 where the logs and broker state live
 * @param autoCreateTopics        {@code auto.create.topics.enable}
 * @param defaultPartitions       {@code num.partitions}: partitions of auto-created topics and of
 *                                CreateTopics requests that leave the count to the broker
 * @param maxRequestBytes         {@code socket.request.max.bytes}: a larger frame closes its connection
 * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms}: how long an empty
 *                                group's first rebalance waits for more members (Kafka's
 *                                default is 3000; 0 suits a single developer machine)
 * @param storage                 the log store's settings: topic-config defaults, flush, retention and cleaner
 */
public record BrokerConfig(String host, int port, int nodeId, String clusterId, Path dataDir,
                           boolean autoCreateTopics, int defaultPartitions, int maxRequestBytes,
                           int initialRebalanceDelayMs, FileLogStore.Options storage) {

    public static final int DEFAULT_MAX_REQUEST_BYTES = 100 * 1024 * 1024;

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(storage, "storage");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("num.partitions must be at least 1, got " + defaultPartitions);
        }
    }

    /** Defaults for a broker on 127.0.0.1:{@code port} with data in {@code dataDir}. */
    public static BrokerConfig defaults(Path dataDir, int port) {
        return new BrokerConfig("127.0.0.1", port, 1, "", dataDir, true, 1, DEFAULT_MAX_REQUEST_BYTES, 0,
                FileLogStore.Options.defaults());
    }

    public BrokerConfig withPort(int newPort) {
        return new BrokerConfig(host, newPort, nodeId, clusterId, dataDir, autoCreateTopics, defaultPartitions,
                maxRequestBytes, initialRebalanceDelayMs, storage);
    }

    public BrokerConfig withHost(String newHost) {
        return new BrokerConfig(newHost, port, nodeId, clusterId, dataDir, autoCreateTopics, defaultPartitions,
                maxRequestBytes, initialRebalanceDelayMs, storage);
    }

    /**
     * This config with {@code settings} applied, by Kafka's broker config names
     * ({@code num.partitions}, {@code log.retention.ms}, {@code log.retention.check.interval.ms}, ...;
     * see {@link BrokerSettings}).
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public BrokerConfig withSettings(Map<String, String> settings) {
        return BrokerSettings.apply(this, settings);
    }
}
