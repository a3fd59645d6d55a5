package io.sluice.engine.log;

import io.sluice.broker.ApacheKafkaTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract through kafka-clients against a stock Apache Kafka 4.4 broker from
 * {@code ../shared/peers/kafka}; skipped when that is absent (or {@code SLUICE_SKIP_PEER=1}).
 */
class ClientLogIOApacheKafkaIT extends LogIOContractTests {

    private static ApacheKafkaTarget broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ApacheKafkaTarget.startOrSkip();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected LogIO open() {
        return new ClientLogIO(broker.bootstrap(), Map.of());
    }

    @Override
    protected List<Integer> stockProducerPartitions(String topic, int partitions, List<byte[]> keys) throws Exception {
        return sendWithStockProducer(broker.bootstrap(), topic, keys);
    }
}
