package io.sluice.broker;

/** The Kafka contract against Sluice's broker. */
class SluiceBrokerContractIT extends KafkaContractTests {

    @Override
    TargetBroker startTarget() throws Exception {
        return new SluiceTarget();
    }
}
