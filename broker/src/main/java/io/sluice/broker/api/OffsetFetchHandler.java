package io.sluice.broker.api;

import io.sluice.broker.group.OffsetStore;
import io.sluice.broker.group.OffsetStore.Committed;
import io.sluice.broker.net.ApiHandler;
import io.sluice.broker.net.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestGroup;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopic;
import org.apache.kafka.common.message.OffsetFetchRequestData.OffsetFetchRequestTopics;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartition;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponsePartitions;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopic;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseTopics;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * OffsetFetch: a group's committed offsets, for named partitions or all of them (topics null);
 * partitions without a commit answer offset -1. Versions 8+ ask for several groups at once.
 */
final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequestData> {

    private final BrokerServices services;

    OffsetFetchHandler(BrokerServices services) {
        this.services = services;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FETCH;
    }

    /** One requested topic: its name (or id, v10+) and partitions. */
    private record Wanted(String name, Uuid id, List<Integer> partitions) {
    }

    @Override
    public CompletionStage<ApiMessage> handle(RequestContext ctx, OffsetFetchRequestData request) {
        OffsetFetchResponseData response = new OffsetFetchResponseData();
        if (ctx.apiVersion() < 8) {
            List<Wanted> wanted = null;
            if (request.topics() != null) {
                wanted = new ArrayList<>();
                for (OffsetFetchRequestTopic t : request.topics()) {
                    wanted.add(new Wanted(t.name(), null, t.partitionIndexes()));
                }
            }
            for (Answer a : answer(request.groupId(), wanted)) {
                OffsetFetchResponseTopic tr = new OffsetFetchResponseTopic().setName(a.topic);
                for (Row r : a.rows) {
                    tr.partitions().add(new OffsetFetchResponsePartition().setPartitionIndex(r.partition)
                            .setCommittedOffset(r.offset).setCommittedLeaderEpoch(r.epoch).setMetadata(r.metadata));
                }
                response.topics().add(tr);
            }
            return CompletableFuture.completedFuture(response);
        }
        for (OffsetFetchRequestGroup g : request.groups()) {
            List<Wanted> wanted = null;
            if (g.topics() != null) {
                wanted = new ArrayList<>();
                for (OffsetFetchRequestTopics t : g.topics()) {
                    wanted.add(new Wanted(t.name(), t.topicId(), t.partitionIndexes()));
                }
            }
            OffsetFetchResponseGroup gr = new OffsetFetchResponseGroup().setGroupId(g.groupId());
            for (Answer a : answer(g.groupId(), wanted)) {
                OffsetFetchResponseTopics tr = new OffsetFetchResponseTopics().setName(a.topic).setTopicId(a.id);
                for (Row r : a.rows) {
                    tr.partitions().add(new OffsetFetchResponsePartitions().setPartitionIndex(r.partition)
                            .setCommittedOffset(r.offset).setCommittedLeaderEpoch(r.epoch).setMetadata(r.metadata));
                }
                gr.topics().add(tr);
            }
            response.groups().add(gr);
        }
        return CompletableFuture.completedFuture(response);
    }

    private record Row(int partition, long offset, int epoch, String metadata) {
    }

    private record Answer(String topic, Uuid id, List<Row> rows) {
    }

    private List<Answer> answer(String group, List<Wanted> wanted) {
        Map<OffsetStore.Partition, Committed> committed = services.offsets().committed(group);
        List<Answer> out = new ArrayList<>();
        if (wanted == null) {
            Map<String, List<Row>> byTopic = new TreeMap<>();
            committed.forEach((p, c) -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(row(p.partition(), c)));
            byTopic.forEach((topic, rows) -> out.add(new Answer(topic, idOf(topic), rows)));
            return out;
        }
        for (Wanted w : wanted) {
            String name = w.name;
            if ((name == null || name.isEmpty()) && w.id != null) {
                name = services.topic(w.id).map(t -> t.name()).orElse("");
            }
            List<Row> rows = new ArrayList<>();
            for (int p : w.partitions) {
                rows.add(row(p, committed.get(new OffsetStore.Partition(name, p))));
            }
            out.add(new Answer(w.name, w.id == null ? idOf(name) : w.id, rows));
        }
        return out;
    }

    private Uuid idOf(String topic) {
        return services.store().topic(topic).map(t -> BrokerServices.kafkaId(t.id())).orElse(Uuid.ZERO_UUID);
    }

    private static Row row(int partition, Committed c) {
        return c == null ? new Row(partition, -1, -1, "") : new Row(partition, c.offset(), c.leaderEpoch(), c.metadata());
    }
}
