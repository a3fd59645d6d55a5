package io.sluice.server;

import io.sluice.broker.KafkaBroker;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The launcher's entry point: {@code --version}, {@code server ...}, {@code test --qtt ...}. */
public final class Main {

    /** Every subcommand; the launcher script runs {@code sluice}, {@code shell} and {@code stop} itself. */
    static final String USAGE = """
            usage: sluice [command]
              (no command)        start a server in the background unless one answers at $SLUICE_SERVER
                                  (default http://127.0.0.1:8088; data in ./data, log in ./data/sluice.log,
                                  pid in ./data/sluice.pid), wait until it is ready, then open the shell;
                                  the server keeps running after the shell exits
              shell [options]     the SQL shell; `sluice shell --help` lists its options (-f, -e, --output, ...)
              stop                stop the background server (SIGTERM, then wait for it to exit)
              server [options]    run the server in the foreground
              test --qtt CASES    run conformance cases
              --version           print the version
              --help              this text
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty() || list.get(0).equals("--help") || list.get(0).equals("-h")) {
            System.out.println(USAGE + "\n" + ServerOptions.USAGE + "\n" + ConformanceCommand.USAGE);
            return;
        }
        switch (list.get(0)) {
            case "--version", "version" -> System.out.println("sluice " + version());
            case "server" -> runServer(list.subList(1, list.size()));
            case "test" -> System.exit(ConformanceCommand.run(list.subList(1, list.size())));
            default -> {
                System.err.println("unknown command '" + list.get(0) + "'\nusage: sluice --version | sluice server [options]");
                System.exit(2);
            }
        }
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void runServer(List<String> args) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice server: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("Sluice {} starting, data directory {}", version(), options.dataDir().toAbsolutePath());
        SluiceServer server = SluiceServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                server.close();
            } catch (Exception e) {
                log.error("unclean stop: {}", e.toString());
            }
            stopped.countDown();
        }, "sluice-shutdown"));
        log.info("Sluice ready: Kafka clients connect to {}, the HTTP API (ksqlDB's REST API) is at {}",
                server.broker().bootstrapServers(), server.http().url());
        stopped.await();
    }
}
