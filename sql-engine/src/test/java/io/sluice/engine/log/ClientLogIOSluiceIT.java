package io.sluice.engine.log;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract through kafka-clients against Sluice's broker (in a child JVM). */
class ClientLogIOSluiceIT extends LogIOContractTests {

    @RegisterExtension
    static final Brokers BROKER = Brokers.sluice();

    @Override
    protected LogIO open() {
        return new ClientLogIO(BROKER.bootstrap(), Map.of());
    }

    @Override
    protected List<Integer> stockProducerPartitions(String topic, int partitions, List<byte[]> keys) throws Exception {
        return sendWithStockProducer(BROKER.bootstrap(), topic, keys);
    }
}
