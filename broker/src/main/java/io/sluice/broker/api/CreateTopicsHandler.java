package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.InvalidConfigException;
import io.sluice.storage.LogConfig;
import io.sluice.storage.TopicExistsException;
import io.sluice.storage.TopicInfo;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * CreateTopics. A partition count of -1 takes {@code num.partitions}; the replication factor
 * must be -1 or 1 (there is one broker); explicit replica assignments must name this broker.
 */
final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequestData> {

    private final BrokerServices services;

    CreateTopicsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, CreateTopicsRequestData request) {
        CreateTopicsResponseData response = new CreateTopicsResponseData();
        Set<String> seen = new HashSet<>();
        for (CreatableTopic t : request.topics()) {
            CreatableTopicResult r = new CreatableTopicResult().setName(t.name())
                    .setNumPartitions(-1).setReplicationFactor((short) -1);
            if (!seen.add(t.name())) {
                r.setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("topic '" + t.name()
                        + "' appears twice in the request");
            } else {
                create(t, request.validateOnly(), r);
            }
            response.topics().add(r);
        }
        return CompletableFuture.completedFuture(response);
    }

    private void create(CreatableTopic t, boolean validateOnly, CreatableTopicResult r) {
        int partitions = t.numPartitions() == -1 ? services.config().defaultPartitions() : t.numPartitions();
        if (!t.assignments().isEmpty()) {
            partitions = t.assignments().size();
            for (CreateTopicsRequestData.CreatableReplicaAssignment a : t.assignments()) {
                if (!a.brokerIds().equals(List.of(services.nodeId()))) {
                    fail(r, Errors.INVALID_REPLICA_ASSIGNMENT, "replica assignment " + a.brokerIds()
                            + " names brokers other than the only one, " + services.nodeId());
                    return;
                }
            }
        }
        if (t.replicationFactor() != -1 && t.replicationFactor() != 1) {
            fail(r, Errors.INVALID_REPLICATION_FACTOR, "Replication factor: " + t.replicationFactor()
                    + " larger than available brokers: 1.");
            return;
        }
        if (partitions <= 0) {
            fail(r, Errors.INVALID_PARTITIONS, "Number of partitions must be larger than 0, got " + partitions + ".");
            return;
        }
        try {
            Topic.validate(t.name());
        } catch (org.apache.kafka.common.errors.InvalidTopicException e) {
            fail(r, Errors.INVALID_TOPIC_EXCEPTION, e.getMessage());
            return;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (CreatableTopicConfig c : t.configs()) {
            if (c.value() != null) {
                overrides.put(c.name(), c.value());
            }
        }
        try {
            // validates the overrides before anything is created
            LogConfig requested = services.store().defaultConfig().with(overrides, Set.of());
            if (services.store().topic(t.name()).isPresent()) {
                fail(r, Errors.TOPIC_ALREADY_EXISTS, "Topic '" + t.name() + "' already exists.");
                return;
            }
            LogConfig effective = requested;
            if (!validateOnly) {
                TopicInfo info = services.store().createTopic(t.name(), partitions, overrides);
                r.setTopicId(BrokerServices.kafkaId(info.id()));
                effective = info.config();
            }
            r.setNumPartitions(partitions).setReplicationFactor((short) 1);
            for (String key : LogConfig.keys()) {
                r.configs().add(new CreatableTopicConfigs().setName(key).setValue(effective.value(key))
                        .setConfigSource(TopicConfigs.source(effective, services.store().defaultConfig(), key).id())
                        .setReadOnly(false).setIsSensitive(false));
            }
        } catch (TopicExistsException e) {
            fail(r, Errors.TOPIC_ALREADY_EXISTS, "Topic '" + t.name() + "' already exists.");
        } catch (InvalidConfigException e) {
            fail(r, Errors.INVALID_CONFIG, e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(r, Errors.INVALID_REQUEST, e.getMessage());
        } catch (IOException e) {
            fail(r, Errors.KAFKA_STORAGE_ERROR, "could not create the topic's files: " + e.getMessage());
        }
    }

    private static void fail(CreatableTopicResult r, Errors error, String message) {
        r.setErrorCode(error.code()).setErrorMessage(message);
    }
}
