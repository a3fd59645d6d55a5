package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** SyncGroup: the leader hands out assignments; every member waits for its own. */
final class SyncGroupHandler implements ApiHandler<SyncGroupRequestData> {

    private final BrokerServices services;

    SyncGroupHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.SYNC_GROUP;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, SyncGroupRequestData request) {
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequestAssignment a : request.assignments()) {
            assignments.put(a.memberId(), a.assignment());
        }
        return services.groups().sync(request.groupId(), request.generationId(), request.memberId(),
                request.groupInstanceId(), assignments).thenApply(r -> {
                    if (r.errorCode() == Errors.NONE.code() && request.protocolName() != null
                            && !request.protocolName().equals(r.protocolName())) {
                        return new SyncGroupResponseData().setErrorCode(Errors.INCONSISTENT_GROUP_PROTOCOL.code())
                                .setAssignment(new byte[0]);
                    }
                    return (ApiMessage) r;
                });
    }
}
