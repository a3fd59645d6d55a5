package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.broker.records.WireRecords;
import io.sluice.storage.AppendResult;
import io.sluice.storage.InvalidBatchException;
import io.sluice.storage.InvalidProducerEpochException;
import io.sluice.storage.LogConfig;
import io.sluice.storage.OutOfOrderSequenceException;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordTooLargeException;
import io.sluice.storage.TopicInfo;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce: appends each partition's batches to its log and answers with the base offset.
 *
 * <p>With one replica, acks=1 and acks=all are both satisfied once the append returns (the data
 * is in the OS page cache, as on Kafka; the flush policy decides when it reaches the disk).
 * acks=0 gets no response at all. Versions 13+ name topics by id.
 */
final class ProduceHandler implements ApiHandler<ProduceRequestData> {

    private static final Logger LOG = LoggerFactory.getLogger(ProduceHandler.class);

    private final BrokerServices services;

    ProduceHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.PRODUCE;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, ProduceRequestData request) {
        short acks = request.acks();
        boolean byId = ctx.apiVersion() >= 13;
        ProduceResponseData response = new ProduceResponseData();
        for (TopicProduceData td : request.topicData()) {
            TopicProduceResponse tr = new TopicProduceResponse().setName(td.name()).setTopicId(td.topicId());
            Optional<TopicInfo> topic = byId ? services.topic(td.topicId()) : services.store().topic(td.name());
            for (PartitionProduceData pd : td.partitionData()) {
                PartitionProduceResponse pr = new PartitionProduceResponse().setIndex(pd.index())
                        .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
                if (acks != 0 && acks != 1 && acks != -1) {
                    error(pr, Errors.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1 (all), got " + acks);
                } else if (request.transactionalId() != null) {
                    error(pr, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                            "transactions are not available on this broker");
                } else if (topic.isEmpty()) {
                    error(pr, byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
                } else if (BrokerServices.isInternal(topic.get().name())) {
                    error(pr, Errors.INVALID_TOPIC_EXCEPTION, "Cannot append to internal topic " + topic.get().name());
                } else {
                    append(topic.get(), pd, acks, pr);
                }
                tr.partitionResponses().add(pr);
            }
            response.responses().add(tr);
        }
        return CompletableFuture.completedFuture(acks == 0 ? null : response);
    }

    private void append(TopicInfo topic, PartitionProduceData pd, short acks, PartitionProduceResponse pr) {
        String name = topic.name();
        try {
            PartitionLog log = services.store().log(name, pd.index());
            int minIsr = Integer.parseInt(log.config().value(LogConfig.MIN_INSYNC_REPLICAS));
            if (acks == -1 && minIsr > 1) {
                error(pr, Errors.NOT_ENOUGH_REPLICAS,
                        "min.insync.replicas is " + minIsr + " but this partition has 1 replica");
                return;
            }
            ByteBuffer bytes = WireRecords.bytesOf(pd.records());
            if (bytes == null || !bytes.hasRemaining()) {
                error(pr, Errors.CORRUPT_MESSAGE, "the request carried no records");
                return;
            }
            if (log.config().compact()) {
                int keyless = WireRecords.firstKeylessRecord(bytes);
                if (keyless >= 0) {
                    String msg = "Compacted topic cannot accept message without key in topic partition "
                            + name + "-" + pd.index() + ".";
                    error(pr, Errors.INVALID_RECORD, msg);
                    pr.recordErrors().add(new ProduceResponseData.BatchIndexAndErrorMessage()
                            .setBatchIndex(keyless).setBatchIndexErrorMessage(msg));
                    return;
                }
            }
            AppendResult r = log.append(bytes);
            pr.setBaseOffset(r.firstOffset()).setLogAppendTimeMs(r.logAppendTime())
                    .setLogStartOffset(r.logStartOffset());
            if (!r.duplicate()) {
                services.waiters().appended(name, pd.index());
            }
        } catch (UnknownTopicException e) {
            error(pr, Errors.UNKNOWN_TOPIC_OR_PARTITION, e.getMessage());
        } catch (InvalidBatchException e) {
            LOG.warn("rejected batch for {}-{}: {}", name, pd.index(), e.getMessage());
            error(pr, Errors.CORRUPT_MESSAGE, e.getMessage());
        } catch (RecordTooLargeException e) {
            error(pr, Errors.MESSAGE_TOO_LARGE, e.getMessage());
        } catch (OutOfOrderSequenceException e) {
            error(pr, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, e.getMessage());
        } catch (InvalidProducerEpochException e) {
            error(pr, Errors.INVALID_PRODUCER_EPOCH, e.getMessage());
        } catch (IOException e) {
            LOG.error("append to {}-{} failed", name, pd.index(), e);
            error(pr, Errors.KAFKA_STORAGE_ERROR, "the broker could not write to its log: " + e.getMessage());
        }
    }

    private static void error(PartitionProduceResponse pr, Errors error, String message) {
        pr.setErrorCode(error.code()).setErrorMessage(message);
    }
}
