package io.sluice.broker;

/** The same contract against Apache Kafka 4.4, skipped when the peer can't run here. */
class ApacheKafkaContractIT extends KafkaContractTests {

    @Override
    TargetBroker startTarget() throws Exception {
        return ApacheKafkaTarget.startOrSkip();
    }
}
