package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** LeaveGroup: one member (versions 0-2) or a batch of members (3+) leave; the group rebalances. */
final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequestData> {

    private final BrokerServices services;

    LeaveGroupHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LEAVE_GROUP;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, LeaveGroupRequestData request) {
        LeaveGroupResponseData response = new LeaveGroupResponseData();
        if (ctx.apiVersion() < 3) {
            Errors e = services.groups().leave(request.groupId(), request.memberId(), null);
            return CompletableFuture.completedFuture(response.setErrorCode(e.code()));
        }
        for (MemberIdentity m : request.members()) {
            Errors e = services.groups().leave(request.groupId(), m.memberId(), m.groupInstanceId());
            response.members().add(new MemberResponse().setMemberId(m.memberId())
                    .setGroupInstanceId(m.groupInstanceId()).setErrorCode(e.code()));
        }
        return CompletableFuture.completedFuture(response);
    }
}
