package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.TopicInfo;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** CreatePartitions: raises a topic's partition count. Existing keys keep their partitions; new keys may land on new ones. */
final class CreatePartitionsHandler implements ApiHandler<CreatePartitionsRequestData> {

    private final BrokerServices services;

    CreatePartitionsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.CREATE_PARTITIONS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, CreatePartitionsRequestData request) {
        CreatePartitionsResponseData response = new CreatePartitionsResponseData();
        for (CreatePartitionsTopic t : request.topics()) {
            CreatePartitionsTopicResult r = new CreatePartitionsTopicResult().setName(t.name());
            Optional<TopicInfo> topic = services.store().topic(t.name());
            try {
                if (topic.isEmpty()) {
                    fail(r, Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic '" + t.name() + "' does not exist.");
                } else if (t.count() <= topic.get().partitions()) {
                    fail(r, Errors.INVALID_PARTITIONS, "Topic currently has " + topic.get().partitions()
                            + " partitions, which is higher than the requested " + t.count() + ".");
                } else if (!request.validateOnly()) {
                    services.store().createPartitions(t.name(), t.count());
                }
            } catch (UnknownTopicException e) {
                fail(r, Errors.UNKNOWN_TOPIC_OR_PARTITION, e.getMessage());
            } catch (IllegalArgumentException e) {
                fail(r, Errors.INVALID_PARTITIONS, e.getMessage());
            } catch (IOException e) {
                fail(r, Errors.KAFKA_STORAGE_ERROR, "could not create the partitions' files: " + e.getMessage());
            }
            response.results().add(r);
        }
        return CompletableFuture.completedFuture(response);
    }

    private static void fail(CreatePartitionsTopicResult r, Errors error, String message) {
        r.setErrorCode(error.code()).setErrorMessage(message);
    }
}
