package io.sluice.broker.api;

import io.sluice.storage.InvalidConfigException;
import io.sluice.storage.LogConfig;
import io.sluice.storage.TopicInfo;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * Applies a change of topic config overrides for AlterConfigs and IncrementalAlterConfigs:
 * validated in full before anything changes; broker configs are static and refused.
 */
final class TopicConfigChange {

    private TopicConfigChange() {
    }

    /** Checks that the resource is a topic config this broker can change; the topic, or an error. */
    static ApiError checkResource(BrokerServices services, byte resourceType, String name) {
        ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
        if (type == ConfigResource.Type.BROKER) {
            return new ApiError(Errors.INVALID_REQUEST, "broker configs are static on this broker: "
                    + "set them in the server's config file and restart");
        }
        if (type != ConfigResource.Type.TOPIC) {
            return new ApiError(Errors.INVALID_REQUEST, "config resources of type " + type
                    + " are not kept by this broker");
        }
        if (services.store().topic(name).isEmpty()) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + name + "' does not exist.");
        }
        return ApiError.NONE;
    }

    /** Validates and, unless {@code validateOnly}, applies the change. */
    static ApiError apply(BrokerServices services, String topic, Map<String, String> set, Set<String> remove,
                          boolean validateOnly) {
        try {
            Optional<TopicInfo> t = services.store().topic(topic);
            if (t.isEmpty()) {
                return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + topic + "' does not exist.");
            }
            for (String key : remove) {
                if (!LogConfig.isKnown(key)) {
                    return new ApiError(Errors.INVALID_CONFIG, "unknown topic config '" + key + "'");
                }
            }
            t.get().config().with(set, remove);
            if (!validateOnly) {
                services.store().alterConfig(topic, set, remove);
            }
            return ApiError.NONE;
        } catch (InvalidConfigException e) {
            return new ApiError(Errors.INVALID_CONFIG, e.getMessage());
        } catch (UnknownTopicException e) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, e.getMessage());
        } catch (IOException e) {
            return new ApiError(Errors.KAFKA_STORAGE_ERROR, "could not save the topic's config: " + e.getMessage());
        }
    }
}
