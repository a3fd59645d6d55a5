package io.sluice.server;

import java.util.Optional;

import io.sluice.broker.BrokerConfig;
import io.sluice.broker.BrokerSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The server's settings from its command line and an optional config file (Java properties).
 * Flags win over the file. Unknown keys and bad values are refused with the key named.
 *
 * <p>Keys: {@code data.dir}, {@code kafka.port}, {@code kafka.host}, {@code http.port},
 * {@code http.host}, and the broker settings under Kafka's names ({@link BrokerSettings}).
 *
 * @param broker the broker's settings
 * @param queriesFile SQL statements run at every start, after the catalog is restored (ksqlDB's
 *     {@code ksql.queries.file}); use {@code IF NOT EXISTS} so that restarts are no-ops
 * @param httpHost the address the HTTP API binds (loopback unless configured otherwise)
 * @param httpPort the HTTP API's port (0 picks a free one)
 */
record ServerOptions(BrokerConfig broker, Optional<Path> queriesFile, String httpHost,
        int httpPort) {

    static final String USAGE = """
            usage: sluice server [--data-dir DIR] [--kafka-port N] [--http-port N] [--http-host H]
                                 [--queries-file FILE] [--config FILE]
              --data-dir DIR    where logs and state live (default ./data)
              --kafka-port N    Kafka protocol port on 127.0.0.1 (default 9092)
              --http-port N     HTTP API port, ksqlDB's REST API (default 8088)
              --http-host H     address the HTTP API binds (default 127.0.0.1)
              --queries-file F  SQL statements to run at every start (ksql.queries.file), e.g.
                                CREATE STREAM IF NOT EXISTS ... AS SELECT ...;
              --config FILE     Java properties file; keys: data.dir, kafka.port, kafka.host, http.port,
                                http.host and broker
                                settings under Kafka's names: %s,
                                and topic defaults such as log.retention.ms, log.segment.bytes
            """.formatted(String.join(", ", BrokerSettings.KEYS));

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
                case "--http-port" -> values.put("http.port", need(a, value));
                case "--http-host" -> values.put("http.host", need(a, value));
                case "--queries-file" -> values.put("ksql.queries.file", need(a, value));
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
        int port = port(rest, "kafka.port", "9092");
        String httpHost = take(rest, "http.host", "127.0.0.1");
        int httpPort = port(rest, "http.port", "8088");
        Optional<Path> queries = Optional.ofNullable(rest.remove("ksql.queries.file")).map(Path::of);
        return new ServerOptions(BrokerConfig.defaults(dataDir, port).withHost(host).withSettings(rest),
                queries, httpHost, httpPort);
    }

    private static int port(Map<String, String> m, String key, String def) {
        String text = take(m, key, def);
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be between 0 and 65535, got " + port);
        }
        return port;
    }

    private static String take(Map<String, String> m, String key, String def) {
        String v = m.remove(key);
        return v == null ? def : v;
    }

    Path dataDir() {
        return broker.dataDir();
    }
}
