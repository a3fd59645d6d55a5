package io.sluice.broker.api;

import io.sluice.broker.group.OffsetStore;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.TopicInfo;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OffsetCommit: members commit with their generation; group-less consumers and Admin commit
 * with generation -1 to groups that have no members. Offsets of unknown partitions and
 * metadata over {@code offset.metadata.max.bytes} are refused per partition.
 */
final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequestData> {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitHandler.class);
    /** Kafka's offset.metadata.max.bytes default. */
    private static final int MAX_METADATA = 4096;

    private final BrokerServices services;

    OffsetCommitHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_COMMIT;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, OffsetCommitRequestData request) {
        boolean byId = ctx.apiVersion() >= 10;
        Errors groupError = request.groupId() == null || request.groupId().isEmpty() ? Errors.INVALID_GROUP_ID
                : services.groups().checkCommit(request.groupId(), request.generationIdOrMemberEpoch(),
                        request.memberId(), request.groupInstanceId());
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        Map<OffsetStore.Partition, OffsetStore.Committed> commits = new LinkedHashMap<>();
        Map<OffsetStore.Partition, OffsetCommitResponsePartition> results = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (OffsetCommitRequestTopic t : request.topics()) {
            OffsetCommitResponseTopic tr = new OffsetCommitResponseTopic().setName(t.name()).setTopicId(t.topicId());
            Optional<TopicInfo> topic = byId ? services.topic(t.topicId()) : services.store().topic(t.name());
            for (OffsetCommitRequestPartition p : t.partitions()) {
                OffsetCommitResponsePartition pr = new OffsetCommitResponsePartition().setPartitionIndex(p.partitionIndex());
                tr.partitions().add(pr);
                if (groupError != Errors.NONE) {
                    pr.setErrorCode(groupError.code());
                } else if (topic.isEmpty() || p.partitionIndex() < 0 || p.partitionIndex() >= topic.get().partitions()) {
                    pr.setErrorCode((byId && topic.isEmpty() ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code());
                } else if (p.committedMetadata() != null && p.committedMetadata().length() > MAX_METADATA) {
                    pr.setErrorCode(Errors.OFFSET_METADATA_TOO_LARGE.code());
                } else {
                    OffsetStore.Partition key = new OffsetStore.Partition(topic.get().name(), p.partitionIndex());
                    commits.put(key, new OffsetStore.Committed(p.committedOffset(), p.committedLeaderEpoch(),
                            p.committedMetadata(), now));
                    results.put(key, pr);
                }
            }
            response.topics().add(tr);
        }
        try {
            services.offsets().commit(request.groupId(), commits);
        } catch (IOException e) {
            LOG.error("could not store offsets of group {}", request.groupId(), e);
            results.values().forEach(pr -> pr.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code()));
        }
        return CompletableFuture.completedFuture(response);
    }
}
