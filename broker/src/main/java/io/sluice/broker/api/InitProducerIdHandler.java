package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId for idempotent producers: a new id at epoch 0, or, when the producer names its
 * current id and epoch (KIP-360), the same id at the next epoch. Transactional producers are
 * refused: this broker has no transaction coordinator yet.
 */
final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequestData> {

    private static final Logger LOG = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final BrokerServices services;

    InitProducerIdHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INIT_PRODUCER_ID;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, InitProducerIdRequestData request) {
        InitProducerIdResponseData response = new InitProducerIdResponseData().setProducerId(-1).setProducerEpoch((short) -1);
        if (request.transactionalId() != null) {
            LOG.warn("refused transactional producer '{}' from {}: transactions are not available on this broker",
                    request.transactionalId(), ctx.client());
            return CompletableFuture.completedFuture(
                    response.setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code()));
        }
        if (request.producerId() >= 0 && request.producerEpoch() >= 0 && request.producerEpoch() < Short.MAX_VALUE - 1) {
            return CompletableFuture.completedFuture(
                    response.setProducerId(request.producerId()).setProducerEpoch((short) (request.producerEpoch() + 1)));
        }
        try {
            return CompletableFuture.completedFuture(
                    response.setProducerId(services.producerIds().next()).setProducerEpoch((short) 0));
        } catch (IOException e) {
            LOG.error("could not allocate a producer id", e);
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code()));
        }
    }
}
