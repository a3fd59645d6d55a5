package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import io.sluice.broker.records.WireRecords;
import io.sluice.storage.LogSlice;
import io.sluice.storage.OffsetOutOfRangeException;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.TopicInfo;
import io.sluice.storage.UnknownTopicException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch: reads whole batches from each requested partition, straight from the segment files.
 *
 * <p>Follows Kafka's rules: the response holds at most {@code max_bytes} and each partition at
 * most its {@code partition_max_bytes}, except that the first partition with data always gets
 * at least one whole batch. When fewer than {@code min_bytes} are available the fetch waits
 * (long poll) until an append to one of its partitions brings enough, or {@code max_wait_ms}
 * passes. Fetch sessions are not kept: the response's session id 0 tells clients to send full
 * fetches. Versions 13+ name topics by id.
 */
final class FetchHandler implements ApiHandler<FetchRequestData> {

    private static final Logger LOG = LoggerFactory.getLogger(FetchHandler.class);

    private final BrokerServices services;

    FetchHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, FetchRequestData request) {
        Read first = read(ctx, request);
        if (first.satisfies(request) || request.maxWaitMs() <= 0) {
            return CompletableFuture.completedFuture(first.response);
        }
        return new Pending(ctx, request, first.partitions).start();
    }

    /** One pass over the requested partitions. */
    private static final class Read {
        final FetchResponseData response = new FetchResponseData().setSessionId(0);
        final List<FetchWaiters.Partition> partitions = new ArrayList<>();
        long bytes;
        boolean error;

        boolean satisfies(FetchRequestData request) {
            return error || bytes >= request.minBytes() || partitions.isEmpty();
        }
    }

    private Read read(RequestContext ctx, FetchRequestData request) {
        boolean byId = ctx.apiVersion() >= 13;
        Read r = new Read();
        int responseBudget = request.maxBytes() <= 0 ? Integer.MAX_VALUE : request.maxBytes();
        for (FetchTopic ft : request.topics()) {
            FetchableTopicResponse tr = new FetchableTopicResponse().setTopic(ft.topic()).setTopicId(ft.topicId());
            Optional<TopicInfo> topic = byId ? services.topic(ft.topicId()) : services.store().topic(ft.topic());
            for (FetchPartition fp : ft.partitions()) {
                PartitionData pd = new PartitionData().setPartitionIndex(fp.partition())
                        .setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1)
                        .setRecords(WireRecords.empty());
                if (topic.isEmpty()) {
                    pd.setErrorCode((byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code());
                    r.error = true;
                } else {
                    int limit = Math.min(fp.partitionMaxBytes(), responseBudget);
                    int got = readPartition(topic.get().name(), fp, limit, r.bytes == 0, pd);
                    if (pd.errorCode() != Errors.NONE.code()) {
                        r.error = true;
                    } else {
                        r.partitions.add(new FetchWaiters.Partition(topic.get().name(), fp.partition()));
                    }
                    r.bytes += got;
                    responseBudget = Math.max(0, responseBudget - got);
                }
                tr.partitions().add(pd);
            }
            r.response.responses().add(tr);
        }
        return r;
    }

    /** Fills {@code pd} and returns the bytes of records it got. */
    private int readPartition(String topic, FetchPartition fp, int limit, boolean minOneBatch, PartitionData pd) {
        try {
            PartitionLog log = services.store().log(topic, fp.partition());
            long start = log.logStartOffset();
            long end = log.logEndOffset();
            pd.setHighWatermark(end).setLastStableOffset(end).setLogStartOffset(start);
            if (fp.fetchOffset() < start || fp.fetchOffset() > end) {
                pd.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
                return 0;
            }
            if (limit <= 0 && !minOneBatch) {
                return 0;
            }
            LogSlice slice = log.read(fp.fetchOffset(), Math.max(limit, 0), minOneBatch);
            pd.setRecords(WireRecords.fromSlice(slice));
            return slice.size();
        } catch (UnknownTopicException e) {
            pd.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        } catch (OffsetOutOfRangeException e) {
            pd.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code());
        } catch (IOException e) {
            LOG.error("read of {}-{} at {} failed", topic, fp.partition(), fp.fetchOffset(), e);
            pd.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
        return 0;
    }

    /** A fetch waiting for data; every step runs on the connection's event loop. */
    private final class Pending implements FetchWaiters.Waiter {
        private final RequestContext ctx;
        private final FetchRequestData request;
        private final List<FetchWaiters.Partition> partitions;
        private final CompletableFuture<ApiMessage> result = new CompletableFuture<>();
        private final AtomicBoolean wakeQueued = new AtomicBoolean();

        Pending(RequestContext ctx, FetchRequestData request, List<FetchWaiters.Partition> partitions) {
            this.ctx = ctx;
            this.request = request;
            this.partitions = partitions;
        }

        CompletionStage<ApiMessage> start() {
            services.waiters().register(partitions, this);
            ctx.eventLoop().schedule(() -> {
                if (!result.isDone()) {
                    finish(read(ctx, request));
                }
            }, request.maxWaitMs(), TimeUnit.MILLISECONDS);
            // an append between the first read and the registration would otherwise go unseen
            tryComplete();
            return result;
        }

        @Override
        public void wake() {
            if (wakeQueued.compareAndSet(false, true)) {
                ctx.eventLoop().execute(() -> {
                    wakeQueued.set(false);
                    tryComplete();
                });
            }
        }

        private void tryComplete() {
            if (result.isDone()) {
                return;
            }
            Read r = read(ctx, request);
            if (r.satisfies(request)) {
                finish(r);
            }
        }

        private void finish(Read r) {
            if (!result.isDone()) {
                services.waiters().unregister(partitions, this);
                result.complete(r.response);
            }
        }
    }
}
