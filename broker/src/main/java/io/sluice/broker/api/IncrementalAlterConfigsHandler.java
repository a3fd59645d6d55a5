package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.LogConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * IncrementalAlterConfigs of topics: SET and DELETE any topic config, APPEND and SUBTRACT
 * list-valued ones ({@code cleanup.policy}). All operations on a resource apply together or not at all.
 */
final class IncrementalAlterConfigsHandler implements ApiHandler<IncrementalAlterConfigsRequestData> {

    private final BrokerServices services;

    IncrementalAlterConfigsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INCREMENTAL_ALTER_CONFIGS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, IncrementalAlterConfigsRequestData request) {
        IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
        for (AlterConfigsResource res : request.resources()) {
            ApiError error = TopicConfigChange.checkResource(services, res.resourceType(), res.resourceName());
            if (error.isSuccess()) {
                error = alter(res, request.validateOnly());
            }
            response.responses().add(new AlterConfigsResourceResponse().setResourceType(res.resourceType())
                    .setResourceName(res.resourceName()).setErrorCode(error.error().code())
                    .setErrorMessage(error.message()));
        }
        return CompletableFuture.completedFuture(response);
    }

    private ApiError alter(AlterConfigsResource res, boolean validateOnly) {
        LogConfig current = services.store().topic(res.resourceName()).orElseThrow().config();
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new HashSet<>();
        for (AlterableConfig c : res.configs()) {
            OpType op = OpType.forId(c.configOperation());
            if (op == null) {
                return new ApiError(Errors.INVALID_REQUEST, "unknown config operation " + c.configOperation());
            }
            if (!LogConfig.isKnown(c.name())) {
                return new ApiError(Errors.INVALID_CONFIG, "unknown topic config '" + c.name() + "'");
            }
            switch (op) {
                case SET -> {
                    set.put(c.name(), c.value());
                    remove.remove(c.name());
                }
                case DELETE -> {
                    remove.add(c.name());
                    set.remove(c.name());
                }
                case APPEND, SUBTRACT -> {
                    if (TopicConfigs.type(c.name()) != ConfigType.LIST) {
                        return new ApiError(Errors.INVALID_CONFIG, op + " applies to list-valued configs only; '"
                                + c.name() + "' is not one");
                    }
                    String base = set.getOrDefault(c.name(), current.value(c.name()));
                    List<String> items = new ArrayList<>(Arrays.asList(base.isEmpty() ? new String[0] : base.split(",")));
                    for (String v : c.value() == null ? new String[0] : c.value().split(",")) {
                        String item = v.trim();
                        if (op == OpType.APPEND && !items.contains(item)) {
                            items.add(item);
                        } else if (op == OpType.SUBTRACT) {
                            items.remove(item);
                        }
                    }
                    set.put(c.name(), String.join(",", items));
                    remove.remove(c.name());
                }
                default -> {
                    return new ApiError(Errors.INVALID_REQUEST, "unknown config operation " + op);
                }
            }
        }
        return TopicConfigChange.apply(services, res.resourceName(), set, remove, validateOnly);
    }
}
