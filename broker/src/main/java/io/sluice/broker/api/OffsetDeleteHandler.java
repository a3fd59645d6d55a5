package io.sluice.broker.api;

import io.sluice.broker.group.OffsetStore;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** OffsetDelete: drops committed offsets of topics the group's members do not subscribe to. */
final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequestData> {

    private final BrokerServices services;

    OffsetDeleteHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_DELETE;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, OffsetDeleteRequestData request) {
        OffsetDeleteResponseData response = new OffsetDeleteResponseData();
        String group = request.groupId();
        if (services.groups().describe(group).isEmpty() && !services.offsets().hasOffsets(group)) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()));
        }
        Set<String> subscribed = new HashSet<>();
        for (byte[] metadata : services.groups().subscriptions(group)) {
            try {
                subscribed.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata)).topics());
            } catch (RuntimeException unreadable) {
                // not a consumer subscription: nothing to protect
            }
        }
        Set<OffsetStore.Partition> delete = new HashSet<>();
        for (OffsetDeleteRequestTopic t : request.topics()) {
            OffsetDeleteResponseTopic tr = new OffsetDeleteResponseTopic().setName(t.name());
            for (OffsetDeleteRequestPartition p : t.partitions()) {
                Errors e = subscribed.contains(t.name()) ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE;
                if (e == Errors.NONE) {
                    delete.add(new OffsetStore.Partition(t.name(), p.partitionIndex()));
                }
                tr.partitions().add(new OffsetDeleteResponsePartition().setPartitionIndex(p.partitionIndex())
                        .setErrorCode(e.code()));
            }
            response.topics().add(tr);
        }
        try {
            services.offsets().delete(group, delete);
        } catch (IOException e) {
            response.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code());
        }
        return CompletableFuture.completedFuture(response);
    }
}
