package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.OffsetAndTimestamp;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * ListOffsets: earliest (-2), latest (-1), max timestamp (-3), earliest local (-4, the same as
 * earliest: there is no tiered storage), latest tiered (-5, none: -1) and by timestamp. With no
 * transactions the last stable offset is the high watermark, so both isolation levels agree.
 */
final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequestData> {

    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;
    static final long LATEST_TIERED = -5;

    private final BrokerServices services;

    ListOffsetsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, ListOffsetsRequestData request) {
        ListOffsetsResponseData response = new ListOffsetsResponseData();
        for (ListOffsetsTopic t : request.topics()) {
            ListOffsetsTopicResponse tr = new ListOffsetsTopicResponse().setName(t.name());
            for (ListOffsetsPartition p : t.partitions()) {
                tr.partitions().add(offset(t.name(), p));
            }
            response.topics().add(tr);
        }
        return CompletableFuture.completedFuture(response);
    }

    private ListOffsetsPartitionResponse offset(String topic, ListOffsetsPartition p) {
        ListOffsetsPartitionResponse r = new ListOffsetsPartitionResponse().setPartitionIndex(p.partitionIndex())
                .setTimestamp(-1).setOffset(-1).setLeaderEpoch(0);
        try {
            PartitionLog log = services.store().log(topic, p.partitionIndex());
            long ts = p.timestamp();
            if (ts == LATEST) {
                r.setOffset(log.logEndOffset());
            } else if (ts == EARLIEST || ts == EARLIEST_LOCAL) {
                r.setOffset(log.logStartOffset());
            } else if (ts == LATEST_TIERED) {
                r.setOffset(-1);
            } else if (ts == MAX_TIMESTAMP) {
                set(r, log.maxTimestamp());
            } else if (ts >= 0) {
                set(r, log.offsetForTimestamp(ts));
            } else {
                r.setErrorCode(Errors.INVALID_REQUEST.code());
            }
        } catch (UnknownTopicException e) {
            r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        } catch (IOException e) {
            r.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
        return r;
    }

    private static void set(ListOffsetsPartitionResponse r, Optional<OffsetAndTimestamp> found) {
        found.ifPresent(o -> r.setOffset(o.offset()).setTimestamp(o.timestamp()));
    }
}
