package io.sluice.broker.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/** ApiVersions: the APIs the router serves and their version ranges. */
final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequestData> {

    private final ApiRouter router;

    ApiVersionsHandler(ApiRouter router) {
        this.router = router;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.API_VERSIONS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, ApiVersionsRequestData request) {
        return CompletableFuture.completedFuture(new ApiVersionsResponseData()
                .setApiKeys(router.apiVersions())
                .setFinalizedFeaturesEpoch(-1));
    }
}
