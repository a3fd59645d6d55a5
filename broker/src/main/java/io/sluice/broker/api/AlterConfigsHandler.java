package io.sluice.broker.api;

import io.sluice.storage.TopicInfo;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.ApiError;

/** AlterConfigs (the legacy form): the given configs replace all of a topic's overrides. */
final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequestData> {

    private final BrokerServices services;

    AlterConfigsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.ALTER_CONFIGS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, AlterConfigsRequestData request) {
        AlterConfigsResponseData response = new AlterConfigsResponseData();
        for (AlterConfigsResource res : request.resources()) {
            ApiError error = TopicConfigChange.checkResource(services, res.resourceType(), res.resourceName());
            if (error.isSuccess()) {
                Map<String, String> set = new LinkedHashMap<>();
                for (AlterableConfig c : res.configs()) {
                    set.put(c.name(), c.value());
                }
                Set<String> remove = new HashSet<>(services.store().topic(res.resourceName())
                        .map(TopicInfo::config).map(c -> c.overrides().keySet()).orElse(Set.of()));
                remove.removeAll(set.keySet());
                error = TopicConfigChange.apply(services, res.resourceName(), set, remove, request.validateOnly());
            }
            response.responses().add(new AlterConfigsResourceResponse().setResourceType(res.resourceType())
                    .setResourceName(res.resourceName()).setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
        }
        return CompletableFuture.completedFuture(response);
    }
}
