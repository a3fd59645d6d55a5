package io.sluice.broker;

import io.sluice.broker.api.TopicConfigs;
import io.sluice.storage.FileLogStore;
import io.sluice.storage.InvalidConfigException;
import io.sluice.storage.LogConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Broker settings under Kafka's names, as a server config file gives them:
 * {@code node.id}, {@code num.partitions}, {@code auto.create.topics.enable},
 * {@code socket.request.max.bytes}, {@code group.initial.rebalance.delay.ms},
 * {@code log.retention.check.interval.ms}, {@code log.cleaner.backoff.ms},
 * {@code log.cleaner.enable}, {@code log.segment.delete.delay.ms}, Sluice's
 * {@code log.flush.periodic.ms} (the background flush of dirty logs), and every topic-config
 * default under its broker name ({@code log.retention.ms}, {@code log.segment.bytes}, ...).
 */
public final class BrokerSettings {

    /** The keys this class reads besides the topic defaults, for help texts. */
    public static final List<String> KEYS = List.of("node.id", "num.partitions", "auto.create.topics.enable",
            "socket.request.max.bytes", "group.initial.rebalance.delay.ms", "log.flush.periodic.ms",
            "log.retention.check.interval.ms", "log.cleaner.backoff.ms", "log.cleaner.enable",
            "log.segment.delete.delay.ms");

    private BrokerSettings() {
    }

    static BrokerConfig apply(BrokerConfig c, Map<String, String> settings) {
        Map<String, String> rest = new LinkedHashMap<>(settings);
        int nodeId = intValue(rest, "node.id", c.nodeId(), 0, Integer.MAX_VALUE);
        int partitions = intValue(rest, "num.partitions", c.defaultPartitions(), 1, 100_000);
        boolean autoCreate = bool(rest, "auto.create.topics.enable", c.autoCreateTopics());
        int maxRequest = intValue(rest, "socket.request.max.bytes", c.maxRequestBytes(), 1024, Integer.MAX_VALUE);
        int rebalanceDelay = intValue(rest, "group.initial.rebalance.delay.ms", c.initialRebalanceDelayMs(), 0,
                Integer.MAX_VALUE);
        FileLogStore.Options s = c.storage();
        s = s.withFlushIntervalMs(longValue(rest, "log.flush.periodic.ms", s.flushIntervalMs(), 1));
        s = s.withRetentionCheckIntervalMs(longValue(rest, "log.retention.check.interval.ms",
                s.retentionCheckIntervalMs(), 1));
        s = s.withCleanerBackoffMs(longValue(rest, "log.cleaner.backoff.ms", s.cleanerBackoffMs(), 1));
        s = s.withCleanerEnabled(bool(rest, "log.cleaner.enable", s.cleanerEnabled()));
        s = s.withFileDeleteDelayMs(longValue(rest, "log.segment.delete.delay.ms", s.fileDeleteDelayMs(), 0));
        Map<String, String> logDefaults = new LinkedHashMap<>(s.logDefaults());
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : rest.entrySet()) {
            String topicKey = TopicConfigs.topicName(e.getKey());
            if (topicKey == null) {
                unknown.add(e.getKey());
            } else {
                logDefaults.put(topicKey, e.getValue().trim());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown broker settings " + unknown + "; known: " + KEYS
                    + " and topic defaults such as log.retention.ms");
        }
        try {
            s = s.withLogDefaults(logDefaults);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new BrokerConfig(c.host(), c.port(), nodeId, c.clusterId(), c.dataDir(), autoCreate, partitions,
                maxRequest, rebalanceDelay, s);
    }

    /** The broker name of each topic-config default, for help texts. */
    public static List<String> topicDefaultKeys() {
        List<String> out = new ArrayList<>();
        LogConfig.keys().forEach(k -> out.add(TopicConfigs.brokerName(k)));
        return out;
    }

    private static String take(Map<String, String> m, String key) {
        String v = m.remove(key);
        return v == null ? null : v.trim();
    }

    private static boolean bool(Map<String, String> m, String key, boolean def) {
        String v = take(m, key);
        if (v == null) {
            return def;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static int intValue(Map<String, String> m, String key, int def, int min, int max) {
        long n = longValue(m, key, def, min);
        if (n > max) {
            throw new IllegalArgumentException(key + " must be at most " + max + ", got " + n);
        }
        return (int) n;
    }

    private static long longValue(Map<String, String> m, String key, long def, long min) {
        String v = take(m, key);
        if (v == null) {
            return def;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
        if (n < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + n);
        }
        return n;
    }
}
