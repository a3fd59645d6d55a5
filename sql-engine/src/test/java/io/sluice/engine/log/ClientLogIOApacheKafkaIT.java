package io.sluice.engine.log;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract through kafka-clients against a stock Apache Kafka 4.4 broker from
 * {@code ../shared/peers/kafka}; skipped when that is absent (or {@code SLUICE_SKIP_PEER=1}).
 */
class ClientLogIOApacheKafkaIT extends LogIOContractTests {

    @RegisterExtension
    static final Brokers BROKER = Brokers.apacheKafka();

    @Override
    protected LogIO open() {
        return new ClientLogIO(BROKER.bootstrap(), Map.of());
    }

    @Override
    protected List<Integer> stockProducerPartitions(String topic, int partitions, List<byte[]> keys) throws Exception {
        return sendWithStockProducer(BROKER.bootstrap(), topic, keys);
    }
}
