package io.sluice.engine.query;

import io.sluice.engine.log.Brokers;
import io.sluice.engine.log.ClientLogIO;
import io.sluice.engine.log.LogIO;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine's contract through kafka-clients against Sluice's broker (in a child JVM). */
class ClientEngineSluiceIT extends EngineContractTests {

  @RegisterExtension
  static final Brokers BROKER = Brokers.sluice();

  @Override
  protected LogIO open() {
    return new ClientLogIO(BROKER.bootstrap(), Map.of());
  }
}
