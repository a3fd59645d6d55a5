package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * FindCoordinator: this broker coordinates every group. Transaction coordinators (key type 1)
 * don't exist here yet, so those lookups fail with COORDINATOR_NOT_AVAILABLE.
 */
final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequestData> {

    private static final byte GROUP = 0;

    private final BrokerServices services;

    FindCoordinatorHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FIND_COORDINATOR;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, FindCoordinatorRequestData request) {
        FindCoordinatorResponseData response = new FindCoordinatorResponseData();
        boolean group = request.keyType() == GROUP;
        Errors error = group ? Errors.NONE : Errors.COORDINATOR_NOT_AVAILABLE;
        String message = group ? null : "this broker has no transaction coordinator";
        if (ctx.apiVersion() >= 4) {
            for (String key : request.coordinatorKeys()) {
                Coordinator c = new Coordinator().setKey(key).setErrorCode(error.code()).setErrorMessage(message);
                if (group) {
                    c.setNodeId(services.nodeId()).setHost(services.config().host()).setPort(services.port());
                } else {
                    c.setNodeId(-1).setHost("").setPort(-1);
                }
                response.coordinators().add(c);
            }
        } else if (group) {
            response.setNodeId(services.nodeId()).setHost(services.config().host()).setPort(services.port());
        } else {
            response.setErrorCode(error.code()).setErrorMessage(message).setNodeId(-1).setHost("").setPort(-1);
        }
        return CompletableFuture.completedFuture(response);
    }
}
