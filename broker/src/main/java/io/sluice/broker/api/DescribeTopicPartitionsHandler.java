package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.Cursor;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeTopicPartitions (KIP-966), which Admin's describeTopics uses: topics in name order,
 * paged by {@code responsePartitionLimit} partitions with a cursor, as Kafka does.
 */
final class DescribeTopicPartitionsHandler implements ApiHandler<DescribeTopicPartitionsRequestData> {

    private final BrokerServices services;

    DescribeTopicPartitionsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_TOPIC_PARTITIONS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DescribeTopicPartitionsRequestData request) {
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData();
        // sorted by name, missing ones answered with an error: the cursor pages through this order
        TreeMap<String, Optional<TopicInfo>> topics = new TreeMap<>();
        if (request.topics().isEmpty()) {
            services.store().topics().forEach(t -> topics.put(t.name(), Optional.of(t)));
        } else {
            for (TopicRequest t : request.topics()) {
                topics.put(t.name(), services.store().topic(t.name()));
            }
        }
        String startTopic = request.cursor() == null ? null : request.cursor().topicName();
        int startPartition = request.cursor() == null ? 0 : request.cursor().partitionIndex();
        int budget = request.responsePartitionLimit() <= 0 ? 2000 : request.responsePartitionLimit();
        for (var e : (startTopic == null ? topics : topics.tailMap(startTopic, true)).entrySet()) {
            if (e.getValue().isEmpty()) {
                response.topics().add(new DescribeTopicPartitionsResponseTopic().setName(e.getKey())
                        .setTopicId(Uuid.ZERO_UUID).setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()));
                continue;
            }
            TopicInfo t = e.getValue().get();
            DescribeTopicPartitionsResponseTopic tr = new DescribeTopicPartitionsResponseTopic().setName(t.name())
                    .setTopicId(BrokerServices.kafkaId(t.id())).setIsInternal(BrokerServices.isInternal(t.name()))
                    .setTopicAuthorizedOperations(Integer.MIN_VALUE);
            int p = t.name().equals(startTopic) ? startPartition : 0;
            for (; p < t.partitions() && budget > 0; p++, budget--) {
                tr.partitions().add(partition(p));
            }
            response.topics().add(tr);
            if (p < t.partitions()) {
                response.setNextCursor(new Cursor().setTopicName(t.name()).setPartitionIndex(p));
                break;
            }
            if (budget == 0) {
                String next = topics.higherKey(t.name());
                if (next != null) {
                    response.setNextCursor(new Cursor().setTopicName(next).setPartitionIndex(0));
                }
                break;
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private DescribeTopicPartitionsResponsePartition partition(int p) {
        List<Integer> replicas = List.of(services.nodeId());
        return new DescribeTopicPartitionsResponsePartition().setPartitionIndex(p).setLeaderId(services.nodeId())
                .setLeaderEpoch(0).setReplicaNodes(new ArrayList<>(replicas)).setIsrNodes(new ArrayList<>(replicas))
                .setEligibleLeaderReplicas(new ArrayList<>()).setLastKnownElr(new ArrayList<>())
                .setOfflineReplicas(new ArrayList<>());
    }
}
