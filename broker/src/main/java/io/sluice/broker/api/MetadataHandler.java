package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Metadata: this single broker leads every partition. Missing topics are created when the
 * request allows it and {@code auto.create.topics.enable} is on.
 */
final class MetadataHandler implements ApiHandler<MetadataRequestData> {

    private final BrokerServices services;

    MetadataHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.METADATA;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, MetadataRequestData request) {
        MetadataResponseData response = new MetadataResponseData()
                .setClusterId(services.clusterId())
                .setControllerId(services.nodeId())
                .setClusterAuthorizedOperations(Integer.MIN_VALUE);
        response.brokers().add(new MetadataResponseBroker().setNodeId(services.nodeId())
                .setHost(services.config().host()).setPort(services.port()));
        // version 0 used an empty list for "all topics"; later versions use null
        boolean all = request.topics() == null || (ctx.apiVersion() == 0 && request.topics().isEmpty());
        if (all) {
            for (TopicInfo t : services.store().topics()) {
                response.topics().add(topic(t));
            }
        } else {
            boolean allowCreate = ctx.apiVersion() < 4 || request.allowAutoTopicCreation();
            for (MetadataRequestData.MetadataRequestTopic rt : request.topics()) {
                response.topics().add(lookup(rt, allowCreate));
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private MetadataResponseTopic lookup(MetadataRequestData.MetadataRequestTopic rt, boolean allowCreate) {
        if (rt.name() == null) {
            Uuid id = rt.topicId();
            return services.topic(id).map(this::topic).orElseGet(() -> new MetadataResponseTopic()
                    .setTopicId(id).setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
        }
        Optional<TopicInfo> t;
        try {
            t = services.topicOrCreate(rt.name(), allowCreate);
        } catch (IllegalArgumentException invalidName) {
            return new MetadataResponseTopic().setName(rt.name()).setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
        return t.map(this::topic).orElseGet(() -> new MetadataResponseTopic().setName(rt.name())
                .setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
    }

    private MetadataResponseTopic topic(TopicInfo t) {
        MetadataResponseTopic topic = new MetadataResponseTopic()
                .setName(t.name())
                .setTopicId(BrokerServices.kafkaId(t.id()))
                .setIsInternal(BrokerServices.isInternal(t.name()))
                .setTopicAuthorizedOperations(Integer.MIN_VALUE);
        List<Integer> replicas = List.of(services.nodeId());
        for (int p = 0; p < t.partitions(); p++) {
            topic.partitions().add(new MetadataResponsePartition()
                    .setPartitionIndex(p)
                    .setLeaderId(services.nodeId())
                    .setLeaderEpoch(0)
                    .setReplicaNodes(new ArrayList<>(replicas))
                    .setIsrNodes(new ArrayList<>(replicas))
                    .setOfflineReplicas(new ArrayList<>()));
        }
        return topic;
    }
}
