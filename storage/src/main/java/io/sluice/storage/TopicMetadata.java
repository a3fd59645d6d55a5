package io.sluice.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A topic's persistent metadata and Kafka's topic name rules.
 *
 * <p>File {@code DIR/topics/NAME/topic.properties}, {@link Properties} format, replaced
 * atomically: {@code id} (UUID), {@code partitions} (count) and one {@code config.KEY} per
 * config override.
 *
 * <p>Immutable; the file is written under the store's topic lock.
 *
 * @param id         the topic id
 * @param partitions the partition count
 * @param overrides  the topic's config overrides
 */
record TopicMetadata(UUID id, int partitions, Map<String, String> overrides) {

    static final String FILE = "topic.properties";
    static final int MAX_NAME_LENGTH = 249;

    private static final String CONFIG_PREFIX = "config.";

    TopicMetadata {
        overrides = Map.copyOf(overrides);
    }

    /**
     * Refuses names Kafka refuses.
     *
     * @throws IllegalArgumentException saying what is wrong with the name
     */
    static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("topic name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("topic name cannot be '.' or '..'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("topic name is " + name.length() + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("topic name '" + name + "' contains '" + c
                        + "'; only ASCII letters, digits, '.', '_' and '-' are allowed");
            }
        }
    }

    void write(Path topicDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("id", id.toString());
        p.setProperty("partitions", Integer.toString(partitions));
        overrides.forEach((k, v) -> p.setProperty(CONFIG_PREFIX + k, v));
        StringWriter out = new StringWriter();
        p.store(out, "Sluice topic metadata");
        Checkpoints.writeAtomically(topicDir.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the metadata of the topic in {@code topicDir}; an IOException names what is wrong. */
    static TopicMetadata read(Path topicDir) throws IOException {
        Path file = topicDir.resolve(FILE);
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        try {
            UUID id = UUID.fromString(required(p, "id", file));
            int partitions = Integer.parseInt(required(p, "partitions", file));
            if (partitions < 1) {
                throw new IOException(file + ": partitions must be at least 1, is " + partitions);
            }
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String k : new TreeSet<>(p.stringPropertyNames())) {
                if (k.startsWith(CONFIG_PREFIX)) {
                    overrides.put(k.substring(CONFIG_PREFIX.length()), p.getProperty(k));
                }
            }
            return new TopicMetadata(id, partitions, overrides);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException(file + " lacks '" + key + "'");
        }
        return v.trim();
    }
}
