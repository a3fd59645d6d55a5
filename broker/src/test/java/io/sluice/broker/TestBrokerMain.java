package io.sluice.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a broker over the data directory in args[0] on loopback port args[1] (0: a free one),
 * with further args as {@code key=value} broker settings (Kafka's names); prints {@link #READY}
 * and the port.
 */
public final class TestBrokerMain {

    static final String READY = "SLUICE-TEST-BROKER-READY ";

    private TestBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        KafkaBroker broker = KafkaBroker.start(BrokerConfig.defaults(Path.of(args[0]), Integer.parseInt(args[1]))
                .withSettings(settings));
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
