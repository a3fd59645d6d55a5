package io.sluice.engine.query;

import io.sluice.broker.SluiceTarget;
import io.sluice.engine.log.ClientLogIO;
import io.sluice.engine.log.LogIO;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine's contract through kafka-clients against Sluice's broker (in a child JVM). */
class ClientEngineSluiceIT extends EngineContractTests {

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
}
