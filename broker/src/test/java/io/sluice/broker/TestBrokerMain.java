package io.sluice.broker;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a broker over the data directory in args[0] on loopback port args[1] (0: a free one);
 * prints {@link #READY} and the port.
 */
public final class TestBrokerMain {

    static final String READY = "SLUICE-TEST-BROKER-READY ";

    private TestBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.start(BrokerConfig.defaults(Path.of(args[0]), Integer.parseInt(args[1])));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            done.countDown();
        }));
        System.out.println(READY + broker.port());
        System.out.flush();
        done.await();
    }
}
