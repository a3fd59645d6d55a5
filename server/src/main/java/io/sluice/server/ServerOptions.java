package io.sluice.server;

import io.sluice.broker.BrokerConfig;
import io.sluice.broker.KafkaBroker;
import io.sluice.storage.InvalidConfigException;
import io.sluice.storage.LogConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's settings from its command line and an optional config file (Java properties).
 * Flags win over the file. Unknown keys and bad values are refused with the key named.
 *
 * <p>Keys: {@code data.dir}, {@code kafka.port}, {@code kafka.host}, {@code node.id},
 * {@code num.partitions}, {@code auto.create.topics.enable}, {@code socket.request.max.bytes},
 * {@code log.flush.periodic.ms}, {@code group.initial.rebalance.delay.ms}, and the broker-level topic defaults under Kafka's names
 * ({@code log.retention.ms}, {@code log.segment.bytes}, ...).
 */
record ServerOptions(Path dataDir, String host, int kafkaPort, int nodeId, int numPartitions,
                     boolean autoCreateTopics, int maxRequestBytes, long periodicFlushMs,
                     int initialRebalanceDelayMs, Map<String, String> logDefaults) {

    static final String USAGE = """
            usage: sluice server [--data-dir DIR] [--kafka-port N] [--config FILE]
              --data-dir DIR    where logs and state live (default ./data)
              --kafka-port N    Kafka protocol port on 127.0.0.1 (default 9092)
              --config FILE     Java properties file; keys: data.dir, kafka.port, kafka.host, node.id,
                                num.partitions, auto.create.topics.enable, socket.request.max.bytes,
                                log.flush.periodic.ms, group.initial.rebalance.delay.ms and broker
                                topic defaults such as log.retention.ms
            """;

    /** Parses the arguments after {@code server}. */
    static ServerOptions parse(List<String> args) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Path configFile = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--data-dir" -> values.put("data.dir", need(a, value));
                case "--kafka-port" -> values.put("kafka.port", need(a, value));
                case "--config" -> configFile = Path.of(need(a, value));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
            i++;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(load(configFile));
        }
        merged.putAll(values);
        return from(merged);
    }

    private static String need(String flag, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return value;
    }

    private static Map<String, String> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    static ServerOptions from(Map<String, String> m) {
        Map<String, String> rest = new LinkedHashMap<>(m);
        Path dataDir = Path.of(take(rest, "data.dir", "data"));
        String host = take(rest, "kafka.host", "127.0.0.1");
        int port = intValue(rest, "kafka.port", 9092, 0, 65535);
        int nodeId = intValue(rest, "node.id", 1, 0, Integer.MAX_VALUE);
        int partitions = intValue(rest, "num.partitions", 1, 1, 100_000);
        boolean autoCreate = Boolean.parseBoolean(take(rest, "auto.create.topics.enable", "true"));
        int maxRequest = intValue(rest, "socket.request.max.bytes", BrokerConfig.DEFAULT_MAX_REQUEST_BYTES,
                1024, Integer.MAX_VALUE);
        long flush = Long.parseLong(take(rest, "log.flush.periodic.ms",
                Long.toString(BrokerConfig.DEFAULT_PERIODIC_FLUSH_MS)));
        int rebalanceDelay = intValue(rest, "group.initial.rebalance.delay.ms", 0, 0, Integer.MAX_VALUE);
        Map<String, String> logDefaults = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : rest.entrySet()) {
            String topicKey = KafkaBrokerNames.topicKey(e.getKey());
            if (topicKey == null) {
                unknown.add(e.getKey());
            } else {
                logDefaults.put(topicKey, e.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown config keys " + unknown + "\n" + USAGE);
        }
        try {
            LogConfig.of(logDefaults, Map.of()); // validates the defaults, naming a bad key
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new ServerOptions(dataDir, host, port, nodeId, partitions, autoCreate, maxRequest, flush, rebalanceDelay,
                logDefaults);
    }

    BrokerConfig brokerConfig() {
        return new BrokerConfig(host, kafkaPort, nodeId, "", dataDir, autoCreateTopics, numPartitions,
                maxRequestBytes, logDefaults, periodicFlushMs, initialRebalanceDelayMs);
    }

    private static String take(Map<String, String> m, String key, String def) {
        String v = m.remove(key);
        return v == null ? def : v;
    }

    private static int intValue(Map<String, String> m, String key, int def, int min, int max) {
        String v = take(m, key, Integer.toString(def));
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    /** Broker-level names of topic defaults. */
    private static final class KafkaBrokerNames {
        static String topicKey(String brokerKey) {
            for (String k : LogConfig.keys()) {
                if (brokerKey.equals(KafkaBroker.brokerConfigName(k))) {
                    return k;
                }
            }
            return null;
        }
    }
}
