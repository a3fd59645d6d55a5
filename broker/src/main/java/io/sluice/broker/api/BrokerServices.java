package io.sluice.broker.api;

import io.sluice.broker.BrokerConfig;
import io.sluice.broker.group.GroupCoordinator;
import io.sluice.broker.group.OffsetStore;
import io.sluice.storage.LogStore;
import io.sluice.storage.TopicInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.apache.kafka.common.Uuid;

/**
 * What the API handlers share: the broker's settings and identity, the log store, fetch waiters
 * and producer ids. Thread-safe (each part is).
 *
 * @param config      the broker's settings
 * @param clusterId   the cluster id (persisted in the data directory)
 * @param boundPort   the port clients reach this broker on (the bound one when configured as 0)
 * @param store       all topics and logs
 * @param waiters     fetches waiting for data
 * @param producerIds the producer id allocator
 * @param groups      the consumer-group coordinator
 * @param offsets     committed offsets of all groups
 */
public record BrokerServices(BrokerConfig config, String clusterId, IntSupplier boundPort, LogStore store,
                             FetchWaiters waiters, ProducerIds producerIds, GroupCoordinator groups,
                             OffsetStore offsets) {

    /** The port clients reach this broker on. */
    public int port() {
        return boundPort.getAsInt();
    }

    public int nodeId() {
        return config.nodeId();
    }

    /** Kafka's form of a topic id. */
    public static Uuid kafkaId(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** The store's form of a topic id. */
    public static UUID storeId(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** True for topics the broker keeps for itself; clients read them but may not write them. */
    public static boolean isInternal(String topic) {
        return OffsetStore.TOPIC.equals(topic);
    }

    /** The topic with that Kafka id, if it exists. */
    public Optional<TopicInfo> topic(Uuid id) {
        return id == null || Uuid.ZERO_UUID.equals(id) ? Optional.empty() : store.topic(storeId(id));
    }

    /**
     * The topic of that name, created with the broker's defaults when it is missing, auto-creation
     * is on and the caller allows it. Empty when it does not exist and is not created.
     *
     * @throws IllegalArgumentException for an invalid topic name
     */
    public Optional<TopicInfo> topicOrCreate(String name, boolean allowCreate) {
        Optional<TopicInfo> t = store.topic(name);
        if (t.isPresent() || !allowCreate || !config.autoCreateTopics()) {
            return t;
        }
        try {
            return Optional.of(store.createTopic(name, config.defaultPartitions(), Map.of()));
        } catch (io.sluice.storage.TopicExistsException raced) {
            return store.topic(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
