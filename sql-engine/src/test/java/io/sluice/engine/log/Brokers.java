package io.sluice.engine.log;

import io.sluice.broker.ApacheKafkaTarget;
import io.sluice.broker.SluiceTarget;
import io.sluice.broker.TargetBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker for a test class's integration tests: Sluice's (a child JVM) or a stock Apache Kafka
 * 4.4 from {@code ../shared/peers/kafka} (the class is skipped when that is absent, or with
 * {@code SLUICE_SKIP_PEER=1}). Started before the class's tests, stopped after them:
 * {@code @RegisterExtension static final Brokers BROKER = Brokers.sluice();}
 */
public final class Brokers implements BeforeAllCallback, AfterAllCallback {

  private final boolean apacheKafka;
  private TargetBroker broker;

  private Brokers(boolean apacheKafka) {
    this.apacheKafka = apacheKafka;
  }

  /** Sluice's broker. */
  public static Brokers sluice() {
    return new Brokers(false);
  }

  /** Apache Kafka 4.4, or the class skipped. */
  public static Brokers apacheKafka() {
    return new Brokers(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    broker = apacheKafka ? ApacheKafkaTarget.startOrSkip() : new SluiceTarget();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  /** {@code host:port} of the running broker. */
  public String bootstrap() {
    return broker.bootstrap();
  }
}
