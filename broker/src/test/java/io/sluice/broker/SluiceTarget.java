package io.sluice.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Sluice's broker in a child JVM ({@link TestBrokerMain}) on a free loopback port, with data in
 * a fresh temp directory, so tests can stall or kill it like any other broker process.
 */
public final class SluiceTarget implements TargetBroker {

    private final Path dir;
    private final Map<String, String> settings;
    private Process process;
    private int port;

    public SluiceTarget() throws IOException {
        this(Map.of());
    }

    /** A broker with {@code settings} (Kafka's broker config names) on top of the defaults. */
    public SluiceTarget(Map<String, String> settings) throws IOException {
        this.dir = Files.createTempDirectory("sluice-broker-test");
        this.settings = Map.copyOf(settings);
        launch(0);
    }

    private void launch(int wantedPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), TestBrokerMain.class.getName(), dir.toString(),
                Integer.toString(wantedPort)));
        settings.forEach((k, v) -> cmd.add(k + "=" + v));
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        int found = -1;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(TestBrokerMain.READY)) {
                found = Integer.parseInt(line.substring(TestBrokerMain.READY.length()).trim());
                break;
            }
            seen.append(line).append('\n');
        }
        if (found < 0) {
            process.destroyForcibly();
            throw new IOException("test broker did not start:\n" + seen);
        }
        this.port = found;
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling; the broker's log is not checked here
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "sluice-target-output");
        drain.setDaemon(true);
        drain.start();
    }

    @Override
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String name() {
        return "sluice";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void restart() throws IOException, InterruptedException {
        stopProcess();
        launch(port);
    }

    private void stopProcess() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopProcess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
