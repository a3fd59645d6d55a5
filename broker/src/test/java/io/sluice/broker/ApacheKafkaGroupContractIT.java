package io.sluice.broker;

/** The same consumer-group contract against Apache Kafka 4.4, skipped when the peer can't run here. */
class ApacheKafkaGroupContractIT extends GroupContractTests {

    @Override
    TargetBroker startTarget() throws Exception {
        return ApacheKafkaTarget.startOrSkip();
    }
}
