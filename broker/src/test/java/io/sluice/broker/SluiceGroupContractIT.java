package io.sluice.broker;

/** The consumer-group contract against Sluice's broker. */
class SluiceGroupContractIT extends GroupContractTests {

    @Override
    TargetBroker startTarget() throws Exception {
        return new SluiceTarget();
    }
}
