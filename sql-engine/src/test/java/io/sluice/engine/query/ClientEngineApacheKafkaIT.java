package io.sluice.engine.query;

import io.sluice.broker.ApacheKafkaTarget;
import io.sluice.engine.log.ClientLogIO;
import io.sluice.engine.log.LogIO;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The engine's contract through kafka-clients against a stock Apache Kafka 4.4 broker from
 * {@code ../shared/peers/kafka}; skipped when that is absent (or {@code SLUICE_SKIP_PEER=1}).
 */
class ClientEngineApacheKafkaIT extends EngineContractTests {

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
}
