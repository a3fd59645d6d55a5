package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** DeleteGroups: groups without members, with their committed offsets. */
final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequestData> {

    private final BrokerServices services;

    DeleteGroupsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_GROUPS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DeleteGroupsRequestData request) {
        DeleteGroupsResponseData response = new DeleteGroupsResponseData();
        for (String id : request.groupsNames()) {
            Errors e = services.groups().delete(id, services.offsets().hasOffsets(id));
            if (e == Errors.NONE) {
                try {
                    services.offsets().deleteGroup(id);
                } catch (IOException ex) {
                    e = Errors.COORDINATOR_NOT_AVAILABLE;
                }
            }
            response.results().add(new DeletableGroupResult().setGroupId(id).setErrorCode(e.code()));
        }
        return CompletableFuture.completedFuture(response);
    }
}
