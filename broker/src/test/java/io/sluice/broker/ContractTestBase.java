package io.sluice.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A contract test class's broker and Admin client, started once per class: subclasses say which
 * broker ({@link #startTarget()}), so the same assertions run against Sluice and Apache Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class ContractTestBase {

    TargetBroker target;
    Admin admin;

    abstract TargetBroker startTarget() throws Exception;

    @BeforeAll
    void start() throws Exception {
        target = startTarget();
        admin = Clients.admin(target.bootstrap());
    }

    @AfterAll
    void stop() throws IOException {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (target != null) {
            target.close();
        }
    }
}
