package io.sluice.broker.api;

import io.sluice.broker.group.GroupCoordinator;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/** JoinGroup: answers when the group's rebalance completes (see {@link GroupCoordinator}). */
final class JoinGroupHandler implements ApiHandler<JoinGroupRequestData> {

    private final BrokerServices services;

    JoinGroupHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.JOIN_GROUP;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, JoinGroupRequestData request) {
        List<GroupCoordinator.Protocol> protocols = new ArrayList<>();
        for (JoinGroupRequestProtocol p : request.protocols()) {
            protocols.add(new GroupCoordinator.Protocol(p.name(), p.metadata()));
        }
        String host = ctx.client() instanceof InetSocketAddress a ? "/" + a.getAddress().getHostAddress() : "";
        var join = new GroupCoordinator.JoinRequest(request.groupId(), request.memberId(), request.groupInstanceId(),
                ctx.header().clientId(), host, request.sessionTimeoutMs(),
                ctx.apiVersion() >= 1 ? request.rebalanceTimeoutMs() : request.sessionTimeoutMs(),
                request.protocolType(), protocols, ctx.apiVersion() >= 4);
        boolean canSkip = ctx.apiVersion() >= 9;
        // skipAssignment exists from v9; older leaders assign again, and a stable group's SyncGroup
        // answers with the assignment it has
        return services.groups().join(join).thenApply(r -> canSkip ? r : r.setSkipAssignment(false));
    }
}
