package io.sluice.broker;

/** Retention and compaction against Apache Kafka 4.4, skipped when the peer can't run here. */
class ApacheKafkaRetentionContractIT extends RetentionContractTests {

    @Override
    TargetBroker startTarget() throws Exception {
        return ApacheKafkaTarget.startOrSkip(BROKER_PROPS);
    }
}
