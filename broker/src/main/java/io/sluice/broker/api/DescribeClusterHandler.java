package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** DescribeCluster: one broker, which is also the controller. */
final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequestData> {

    /** Endpoint type 1 is brokers (KIP-919); 2 asks for controllers, which clients may not reach here. */
    private static final byte BROKER_ENDPOINTS = 1;

    private final BrokerServices services;

    DescribeClusterHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CLUSTER;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DescribeClusterRequestData request) {
        DescribeClusterResponseData response = new DescribeClusterResponseData()
                .setClusterId(services.clusterId())
                .setControllerId(services.nodeId())
                .setEndpointType(request.endpointType())
                .setClusterAuthorizedOperations(Integer.MIN_VALUE);
        if (ctx.apiVersion() >= 1 && request.endpointType() != BROKER_ENDPOINTS) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.MISMATCHED_ENDPOINT_TYPE.code())
                    .setErrorMessage("this is a broker endpoint; ask for brokers (endpoint type 1)"));
        }
        response.brokers().add(new DescribeClusterBroker().setBrokerId(services.nodeId())
                .setHost(services.config().host()).setPort(services.port()));
        return CompletableFuture.completedFuture(response);
    }
}
