package io.sluice.broker.api;

import io.sluice.storage.LogConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * Kafka's names and types for topic configs: the broker-level synonym of each topic config
 * ({@code retention.ms} is {@code log.retention.ms} on a broker) and the type DescribeConfigs reports.
 */
public final class TopicConfigs {

    private record Meta(String brokerName, ConfigType type) {
    }

    private static final Map<String, Meta> META = new LinkedHashMap<>();

    static {
        META.put(LogConfig.SEGMENT_BYTES, new Meta("log.segment.bytes", ConfigType.INT));
        META.put(LogConfig.SEGMENT_MS, new Meta("log.roll.ms", ConfigType.LONG));
        META.put(LogConfig.SEGMENT_INDEX_BYTES, new Meta("log.index.size.max.bytes", ConfigType.INT));
        META.put(LogConfig.INDEX_INTERVAL_BYTES, new Meta("log.index.interval.bytes", ConfigType.INT));
        META.put(LogConfig.FLUSH_MESSAGES, new Meta("log.flush.interval.messages", ConfigType.LONG));
        META.put(LogConfig.FLUSH_MS, new Meta("log.flush.interval.ms", ConfigType.LONG));
        META.put(LogConfig.RETENTION_MS, new Meta("log.retention.ms", ConfigType.LONG));
        META.put(LogConfig.RETENTION_BYTES, new Meta("log.retention.bytes", ConfigType.LONG));
        META.put(LogConfig.CLEANUP_POLICY, new Meta("log.cleanup.policy", ConfigType.LIST));
        META.put(LogConfig.DELETE_RETENTION_MS, new Meta("log.cleaner.delete.retention.ms", ConfigType.LONG));
        META.put(LogConfig.MIN_COMPACTION_LAG_MS, new Meta("log.cleaner.min.compaction.lag.ms", ConfigType.LONG));
        META.put(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, new Meta("log.cleaner.min.cleanable.ratio", ConfigType.DOUBLE));
        META.put(LogConfig.MAX_MESSAGE_BYTES, new Meta("message.max.bytes", ConfigType.INT));
        META.put(LogConfig.MESSAGE_TIMESTAMP_TYPE, new Meta("log.message.timestamp.type", ConfigType.STRING));
        META.put(LogConfig.COMPRESSION_TYPE, new Meta("compression.type", ConfigType.STRING));
        META.put(LogConfig.MIN_INSYNC_REPLICAS, new Meta("min.insync.replicas", ConfigType.INT));
    }

    private TopicConfigs() {
    }

    /** The broker config that sets the default of topic config {@code key}, or null. */
    public static String brokerName(String key) {
        Meta m = META.get(key);
        return m == null ? null : m.brokerName;
    }

    /** The topic config whose default broker config {@code brokerKey} sets, or null. */
    public static String topicName(String brokerKey) {
        for (Map.Entry<String, Meta> e : META.entrySet()) {
            if (e.getValue().brokerName.equals(brokerKey)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The type DescribeConfigs reports for topic config {@code key}. */
    static ConfigType type(String key) {
        Meta m = META.get(key);
        return m == null ? ConfigType.STRING : m.type;
    }

    /** Where the value of {@code key} in {@code config} comes from, as DescribeConfigs reports it. */
    static ConfigSource source(LogConfig config, LogConfig storeDefaults, String key) {
        if (!config.isDefault(key)) {
            return ConfigSource.TOPIC_CONFIG;
        }
        String builtIn = LogConfig.DEFAULTS.get(key);
        return builtIn != null && builtIn.equals(storeDefaults.value(key))
                ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG;
    }
}
