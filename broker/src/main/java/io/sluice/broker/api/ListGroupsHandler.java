package io.sluice.broker.api;

import io.sluice.broker.group.GroupCoordinator.GroupView;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * ListGroups: groups with members and groups known only by their committed offsets (Empty),
 * filtered by state (v4+) and type (v5+; every group here is "classic").
 */
final class ListGroupsHandler implements ApiHandler<ListGroupsRequestData> {

    private final BrokerServices services;

    ListGroupsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_GROUPS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, ListGroupsRequestData request) {
        ListGroupsResponseData response = new ListGroupsResponseData();
        Set<String> seen = new HashSet<>();
        for (GroupView g : services.groups().list()) {
            seen.add(g.groupId());
            add(request, response, g.groupId(), g.protocolType(), g.state());
        }
        for (String group : services.offsets().groups()) {
            if (seen.add(group)) {
                add(request, response, group, "", "Empty");
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private static void add(ListGroupsRequestData request, ListGroupsResponseData response, String id, String type,
                            String state) {
        if (!request.statesFilter().isEmpty() && request.statesFilter().stream().noneMatch(state::equalsIgnoreCase)) {
            return;
        }
        if (!request.typesFilter().isEmpty() && request.typesFilter().stream().noneMatch("classic"::equalsIgnoreCase)) {
            return;
        }
        response.groups().add(new ListedGroup().setGroupId(id).setProtocolType(type).setGroupState(state)
                .setGroupType("classic"));
    }
}
