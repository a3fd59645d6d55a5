package io.sluice.broker;

/** Retention and compaction against Sluice's broker. */
class SluiceRetentionContractIT extends RetentionContractTests {

    @Override
    TargetBroker startTarget() throws Exception {
        return new SluiceTarget(BROKER_PROPS);
    }
}
