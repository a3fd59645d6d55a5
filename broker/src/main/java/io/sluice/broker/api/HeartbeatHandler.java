package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/** Heartbeat: keeps a member's session alive and tells it when the group rebalances. */
final class HeartbeatHandler implements ApiHandler<HeartbeatRequestData> {

    private final BrokerServices services;

    HeartbeatHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.HEARTBEAT;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, HeartbeatRequestData request) {
        return CompletableFuture.completedFuture(new HeartbeatResponseData().setErrorCode(services.groups()
                .heartbeat(request.groupId(), request.generationId(), request.memberId(), request.groupInstanceId())
                .code()));
    }
}
