package io.sluice.storage;

import java.util.UUID;

/**
 * A topic as the store keeps it.
 *
 * @param name       the topic name (Kafka's rules: 1..249 of {@code [a-zA-Z0-9._-]}, not "." or "..")
 * @param id         the topic id, stable for the topic's life, never reused
 * @param partitions the number of partitions, at least 1
 * @param config     effective log config (overrides over store defaults)
 */
public record TopicInfo(String name, UUID id, int partitions, LogConfig config) {
}
