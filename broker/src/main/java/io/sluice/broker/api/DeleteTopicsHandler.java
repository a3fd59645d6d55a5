package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.TopicInfo;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** DeleteTopics, by name (all versions) or by topic id (version 6+). */
final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequestData> {

    private final BrokerServices services;

    DeleteTopicsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_TOPICS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DeleteTopicsRequestData request) {
        DeleteTopicsResponseData response = new DeleteTopicsResponseData();
        if (ctx.apiVersion() < 6) {
            for (String name : request.topicNames()) {
                response.responses().add(delete(name, null, services.store().topic(name)));
            }
        } else {
            for (DeleteTopicState t : request.topics()) {
                Optional<TopicInfo> topic = t.name() != null ? services.store().topic(t.name()) : services.topic(t.topicId());
                response.responses().add(delete(t.name(), t.topicId(), topic));
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private DeletableTopicResult delete(String name, Uuid id, Optional<TopicInfo> topic) {
        DeletableTopicResult r = new DeletableTopicResult().setName(name).setTopicId(id == null ? Uuid.ZERO_UUID : id);
        if (topic.isEmpty()) {
            Errors e = name == null ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            return r.setErrorCode(e.code()).setErrorMessage(e.message());
        }
        TopicInfo t = topic.get();
        r.setName(t.name()).setTopicId(BrokerServices.kafkaId(t.id()));
        try {
            services.store().deleteTopic(t.name());
        } catch (UnknownTopicException e) {
            r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).setErrorMessage(e.getMessage());
        } catch (IOException e) {
            r.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code()).setErrorMessage("could not delete the topic's files: "
                    + e.getMessage());
        }
        return r;
    }
}
