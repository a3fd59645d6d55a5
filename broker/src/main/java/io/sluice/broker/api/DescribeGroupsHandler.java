package io.sluice.broker.api;

import io.sluice.broker.group.GroupCoordinator.GroupView;
import io.sluice.broker.group.GroupCoordinator.MemberView;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroup;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** DescribeGroups: state, protocol and members (with subscription and assignment when Stable). */
final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequestData> {

    private final BrokerServices services;

    DescribeGroupsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_GROUPS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DescribeGroupsRequestData request) {
        DescribeGroupsResponseData response = new DescribeGroupsResponseData();
        for (String id : request.groups()) {
            Optional<GroupView> view = services.groups().describe(id);
            DescribedGroup g = new DescribedGroup().setGroupId(id).setAuthorizedOperations(Integer.MIN_VALUE);
            if (view.isEmpty()) {
                // Kafka answers unknown groups as Dead with no members (newer versions add an error)
                g.setGroupState(services.offsets().hasOffsets(id) ? "Empty" : "Dead").setProtocolType("")
                        .setProtocolData("");
                if (ctx.apiVersion() >= 6 && !services.offsets().hasOffsets(id)) {
                    g.setErrorCode(Errors.GROUP_ID_NOT_FOUND.code()).setErrorMessage("Group " + id + " not found.");
                }
            } else {
                GroupView v = view.get();
                g.setGroupState(v.state()).setProtocolType(v.protocolType())
                        .setProtocolData(v.protocolName() == null ? "" : v.protocolName());
                for (MemberView m : v.members()) {
                    g.members().add(new DescribedGroupMember().setMemberId(m.memberId())
                            .setGroupInstanceId(m.instanceId()).setClientId(m.clientId()).setClientHost(m.clientHost())
                            .setMemberMetadata(m.metadata() == null ? new byte[0] : m.metadata())
                            .setMemberAssignment(m.assignment()));
                }
            }
            response.groups().add(g);
        }
        return CompletableFuture.completedFuture(response);
    }
}
