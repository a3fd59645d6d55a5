package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.UnknownTopicException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetForLeaderEpoch, which consumers use to validate their position after a metadata change.
 * This broker has led every partition since its creation in epoch 0, so epoch 0 ends at the
 * log end offset; a current epoch above 0 is one the broker has not seen.
 */
final class OffsetForLeaderEpochHandler implements ApiHandler<OffsetForLeaderEpochRequestData> {

    private final BrokerServices services;

    OffsetForLeaderEpochHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, OffsetForLeaderEpochRequestData request) {
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
        for (OffsetForLeaderTopic t : request.topics()) {
            OffsetForLeaderTopicResult tr = new OffsetForLeaderTopicResult().setTopic(t.topic());
            for (OffsetForLeaderPartition p : t.partitions()) {
                EpochEndOffset e = new EpochEndOffset().setPartition(p.partition()).setLeaderEpoch(-1).setEndOffset(-1);
                try {
                    long end = services.store().log(t.topic(), p.partition()).logEndOffset();
                    if (p.currentLeaderEpoch() > 0) {
                        e.setErrorCode(Errors.UNKNOWN_LEADER_EPOCH.code());
                    } else {
                        // asked for epoch 0 or a later one: either way the largest epoch <= the
                        // asked one is 0, which ends at the log end
                        e.setLeaderEpoch(0).setEndOffset(end);
                    }
                } catch (UnknownTopicException ex) {
                    e.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                }
                tr.partitions().add(e);
            }
            response.topics().add(tr);
        }
        return CompletableFuture.completedFuture(response);
    }
}
