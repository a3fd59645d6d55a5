package io.sluice.engine.log;

import io.sluice.broker.SluiceTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract through kafka-clients against Sluice's broker (in a child JVM). */
class ClientLogIOSluiceIT extends LogIOContractTests {

    private static SluiceTarget broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new SluiceTarget();
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
