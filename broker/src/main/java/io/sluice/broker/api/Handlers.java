package io.sluice.broker.api;

import io.sluice.broker.net.ApiHandler;
import java.util.List;

/** Every API the broker serves, one handler each. */
public final class Handlers {

    private Handlers() {
    }

    /** The handlers over {@code services}; ApiVersions (served by the router) answers with these APIs and itself. */
    public static List<ApiHandler<?>> all(BrokerServices services) {
        return List.of(
                new MetadataHandler(services),
                new ProduceHandler(services),
                new FetchHandler(services),
                new ListOffsetsHandler(services),
                new OffsetForLeaderEpochHandler(services),
                new InitProducerIdHandler(services),
                new CreateTopicsHandler(services),
                new DeleteTopicsHandler(services),
                new CreatePartitionsHandler(services),
                new DescribeConfigsHandler(services),
                new AlterConfigsHandler(services),
                new IncrementalAlterConfigsHandler(services),
                new DeleteRecordsHandler(services),
                new DescribeClusterHandler(services),
                new DescribeTopicPartitionsHandler(services),
                new FindCoordinatorHandler(services),
                new JoinGroupHandler(services),
                new SyncGroupHandler(services),
                new HeartbeatHandler(services),
                new LeaveGroupHandler(services),
                new OffsetCommitHandler(services),
                new OffsetFetchHandler(services),
                new ListGroupsHandler(services),
                new DescribeGroupsHandler(services),
                new DeleteGroupsHandler(services),
                new OffsetDeleteHandler(services));
    }
}
