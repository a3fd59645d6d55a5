package io.sluice.engine.query;

import io.sluice.engine.log.Brokers;
import io.sluice.engine.log.ClientLogIO;
import io.sluice.engine.log.LogIO;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's contract through kafka-clients against a stock Apache Kafka 4.4 broker from
 * {@code ../shared/peers/kafka}; skipped when that is absent (or {@code SLUICE_SKIP_PEER=1}).
 */
class ClientEngineApacheKafkaIT extends EngineContractTests {

  @RegisterExtension
  static final Brokers BROKER = Brokers.apacheKafka();

  @Override
  protected LogIO open() {
    return new ClientLogIO(BROKER.bootstrap(), Map.of());
  }
}
