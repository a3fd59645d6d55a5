package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.storage.OffsetOutOfRangeException;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/** DeleteRecords: moves the log start offset forward; offset -1 means the high watermark. */
final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequestData> {

    private final BrokerServices services;

    DeleteRecordsHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_RECORDS;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, DeleteRecordsRequestData request) {
        DeleteRecordsResponseData response = new DeleteRecordsResponseData();
        for (DeleteRecordsTopic t : request.topics()) {
            DeleteRecordsTopicResult tr = new DeleteRecordsTopicResult().setName(t.name());
            for (DeleteRecordsPartition p : t.partitions()) {
                DeleteRecordsPartitionResult r = new DeleteRecordsPartitionResult()
                        .setPartitionIndex(p.partitionIndex()).setLowWatermark(-1);
                try {
                    PartitionLog log = services.store().log(t.name(), p.partitionIndex());
                    long offset = p.offset() == -1 ? log.logEndOffset() : p.offset();
                    if (offset < 0) {
                        r.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
                    } else {
                        r.setLowWatermark(log.deleteRecordsBefore(offset));
                    }
                } catch (UnknownTopicException e) {
                    r.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                } catch (OffsetOutOfRangeException e) {
                    r.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
                } catch (IOException e) {
                    r.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
                }
                tr.partitions().add(r);
            }
            response.topics().add(tr);
        }
        return CompletableFuture.completedFuture(response);
    }
}
