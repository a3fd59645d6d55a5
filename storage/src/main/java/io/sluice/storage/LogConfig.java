package io.sluice.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A topic's log settings under Kafka's topic-config names, immutable.
 *
 * <p>A config is built from defaults ({@link #DEFAULTS}, which a store may override
 * per broker) and per-topic overrides. Every value is validated when the config is built, so a
 * bad override is refused before any log sees it.
 */
public final class LogConfig {

    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private record Key(String name, String defaultValue, Function<String, Object> parser) {
    }

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        key(SEGMENT_BYTES, "1073741824", v -> intAtLeast(v, 14));
        key(SEGMENT_MS, "604800000", v -> longAtLeast(v, 1));
        key(SEGMENT_INDEX_BYTES, "10485760", v -> intAtLeast(v, 4));
        key(INDEX_INTERVAL_BYTES, "4096", v -> intAtLeast(v, 0));
        key(FLUSH_MESSAGES, "9223372036854775807", v -> longAtLeast(v, 1));
        key(FLUSH_MS, "9223372036854775807", v -> longAtLeast(v, 0));
        key(RETENTION_MS, "604800000", v -> longAtLeast(v, -1));
        key(RETENTION_BYTES, "-1", v -> longAtLeast(v, -1));
        key(CLEANUP_POLICY, "delete", LogConfig::cleanupPolicy);
        key(DELETE_RETENTION_MS, "86400000", v -> longAtLeast(v, 0));
        key(MIN_COMPACTION_LAG_MS, "0", v -> longAtLeast(v, 0));
        key(MIN_CLEANABLE_DIRTY_RATIO, "0.5", LogConfig::ratio);
        key(MAX_MESSAGE_BYTES, "1048588", v -> intAtLeast(v, 0));
        key(MESSAGE_TIMESTAMP_TYPE, "CreateTime", v -> oneOf(v, "CreateTime", "LogAppendTime"));
        key(COMPRESSION_TYPE, "producer", v -> oneOf(v, "producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"));
        key(MIN_INSYNC_REPLICAS, "1", v -> intAtLeast(v, 1));
    }

    /** The built-in defaults, Kafka's, by key in a stable order. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        KEYS.values().forEach(k -> d.put(k.name, k.defaultValue));
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private final Map<String, String> defaults;
    private final Map<String, String> overrides;
    private final Map<String, Object> parsed = new LinkedHashMap<>();

    private LogConfig(Map<String, String> defaults, Map<String, String> overrides) {
        this.defaults = Map.copyOf(defaults);
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        for (Key k : KEYS.values()) {
            String raw = overrides.getOrDefault(k.name, defaults.get(k.name));
            parsed.put(k.name, parse(k, raw));
        }
    }

    /**
     * A config of {@code overrides} over {@code defaults}.
     *
     * @param defaults  values for every key (see {@link #DEFAULTS}); keys missing here take the built-in default
     * @param overrides per-topic values; unknown keys and bad values are refused
     * @throws InvalidConfigException naming the key, the value and what is accepted
     */
    public static LogConfig of(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, String> d = new LinkedHashMap<>(DEFAULTS);
        d.putAll(defaults);
        for (String k : overrides.keySet()) {
            if (!KEYS.containsKey(k)) {
                throw new InvalidConfigException("unknown topic config '" + k + "'; known: " + KEYS.keySet());
            }
        }
        return new LogConfig(d, overrides);
    }

    /** The built-in defaults with no overrides. */
    public static LogConfig defaults() {
        return of(Map.of(), Map.of());
    }

    /** True when {@code key} is a topic config this store knows. */
    public static boolean isKnown(String key) {
        return KEYS.containsKey(key);
    }

    /** Every known key, in a stable order. */
    public static Set<String> keys() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }

    /** This config with {@code set} added to and {@code remove} taken from the overrides. */
    public LogConfig with(Map<String, String> set, Set<String> remove) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        remove.forEach(o::remove);
        o.putAll(set);
        return of(defaults, o);
    }

    /** The per-topic overrides, unmodifiable. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** The effective value of {@code key} as a string, or null for an unknown key. */
    public String value(String key) {
        return KEYS.containsKey(key) ? overrides.getOrDefault(key, defaults.get(key)) : null;
    }

    /** True when {@code key} takes its value from the defaults. */
    public boolean isDefault(String key) {
        return !overrides.containsKey(key);
    }

    public int segmentBytes() {
        return (Integer) parsed.get(SEGMENT_BYTES);
    }

    public long segmentMs() {
        return (Long) parsed.get(SEGMENT_MS);
    }

    public int segmentIndexBytes() {
        return (Integer) parsed.get(SEGMENT_INDEX_BYTES);
    }

    public int indexIntervalBytes() {
        return (Integer) parsed.get(INDEX_INTERVAL_BYTES);
    }

    public long flushMessages() {
        return (Long) parsed.get(FLUSH_MESSAGES);
    }

    public long flushMs() {
        return (Long) parsed.get(FLUSH_MS);
    }

    /** Retention by age in ms; -1 keeps everything. */
    public long retentionMs() {
        return (Long) parsed.get(RETENTION_MS);
    }

    /** Retention by size in bytes per partition; -1 keeps everything. */
    public long retentionBytes() {
        return (Long) parsed.get(RETENTION_BYTES);
    }

    public boolean compact() {
        return ((String) parsed.get(CLEANUP_POLICY)).contains("compact");
    }

    public boolean delete() {
        return ((String) parsed.get(CLEANUP_POLICY)).contains("delete");
    }

    public long deleteRetentionMs() {
        return (Long) parsed.get(DELETE_RETENTION_MS);
    }

    public long minCompactionLagMs() {
        return (Long) parsed.get(MIN_COMPACTION_LAG_MS);
    }

    public double minCleanableDirtyRatio() {
        return (Double) parsed.get(MIN_CLEANABLE_DIRTY_RATIO);
    }

    public int maxMessageBytes() {
        return (Integer) parsed.get(MAX_MESSAGE_BYTES);
    }

    public boolean logAppendTime() {
        return "LogAppendTime".equals(parsed.get(MESSAGE_TIMESTAMP_TYPE));
    }

    @Override
    public String toString() {
        return "LogConfig" + overrides;
    }

    private static void key(String name, String def, Function<String, Object> parser) {
        KEYS.put(name, new Key(name, def, parser));
    }

    private static Object parse(Key k, String raw) {
        try {
            return k.parser.apply(raw == null ? "" : raw.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("invalid value '" + raw + "' for topic config '" + k.name + "': "
                    + e.getMessage());
        }
    }

    private static Object intAtLeast(String v, int min) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer");
        }
        if (n < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return n;
    }

    private static Object longAtLeast(String v, long min) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a long integer");
        }
        if (n < min) {
            throw new IllegalArgumentException("must be at least " + min);
        }
        return n;
    }

    private static Object ratio(String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("must be between 0 and 1");
        }
        return d;
    }

    private static Object cleanupPolicy(String v) {
        String norm = v.replace(" ", "");
        for (String p : norm.split(",")) {
            if (!p.equals("delete") && !p.equals("compact")) {
                throw new IllegalArgumentException("expected delete, compact or compact,delete");
            }
        }
        return norm;
    }

    private static Object oneOf(String v, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
    }
}
