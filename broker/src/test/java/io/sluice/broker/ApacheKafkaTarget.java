package io.sluice.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A stock Apache Kafka 4.4 broker started by {@code ../shared/peers/kafka/run-kafka.sh}, so the
 * contract tests can show they assert Kafka's behaviour. When the peer scripts are absent, or
 * the broker can't start (no jars, ports taken), the tests using it are skipped, not failed.
 */
public final class ApacheKafkaTarget implements TargetBroker {


    private final Path scripts;
    private final Map<String, String> env;

    private ApacheKafkaTarget(Path scripts, Map<String, String> env) {
        this.scripts = scripts;
        this.env = env;
    }

    /** Starts the peer with the shared scripts' settings, or skips the calling test class with the reason. */
    public static ApacheKafkaTarget startOrSkip() throws IOException, InterruptedException {
        return startOrSkip(Map.of());
    }

    /**
     * Starts the peer with {@code brokerProps} added to the shared server.properties (for broker
     * settings such as check intervals that a topic config can't set), or skips the calling test
     * class. The shared scripts are run from a scratch copy so the shared files stay untouched.
     */
    public static ApacheKafkaTarget startOrSkip(Map<String, String> brokerProps) throws IOException, InterruptedException {
        Assumptions.assumeFalse("1".equals(System.getenv("SLUICE_SKIP_PEER")), "SLUICE_SKIP_PEER=1");
        Optional<Path> scripts = findPeerScripts();
        Assumptions.assumeTrue(scripts.isPresent(), "../shared/peers/kafka not found beside the project");
        // a base directory and ports of its own, so builds running side by side never stop each
        // other's broker; the jars are shared through a link, fetched once by run-kafka.sh
        Path base = Files.createTempDirectory("sluice-kafka-peer");
        Files.createDirectories(peerLib());
        Files.createSymbolicLink(base.resolve("lib"), peerLib());
        int port = freePort();
        int controllerPort = freePort();
        Map<String, String> env = Map.of(
                "KAFKA_BASE", base.toString(),
                "KAFKA_PORT", Integer.toString(port),
                "KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort),
                "KAFKA_HEAP_OPTS", "-Xms512m -Xmx1g");
        Path dir = scripts.get();
        if (!brokerProps.isEmpty()) {
            dir = Files.createTempDirectory("kafka-peer-scripts");
            try (var files = Files.list(scripts.get())) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            StringBuilder extra = new StringBuilder("\n# added by the test\n");
            brokerProps.forEach((k, v) -> extra.append(k).append('=').append(v).append('\n'));
            Files.writeString(dir.resolve("server.properties"), extra.toString(), java.nio.file.StandardOpenOption.APPEND);
        }
        ApacheKafkaTarget t = new ApacheKafkaTarget(dir, env);
        Result r = t.run("run-kafka.sh --fresh", 600);
        Assumptions.assumeTrue(r.code == 0, "Apache Kafka peer did not start: " + r.output);
        if (!t.awaitUsable(90_000)) {
            t.close();
            Assumptions.abort("Apache Kafka peer started but did not create topics within 90 s");
        }
        return t;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Where the peer's jars live (fetched by run-kafka.sh on first use), shared by all test brokers. */
    static Path peerLib() {
        return Path.of(System.getProperty("java.io.tmpdir"), "sluice-apache-kafka-peer", "lib");
    }

    static Optional<Path> findPeerScripts() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/peers/kafka/run-kafka.sh");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.getParent());
            }
        }
        return Optional.empty();
    }

    private record Result(int code, String output) {
    }

    private Result run(String command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kafka-peer", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "./" + command)
                .directory(scripts.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(done ? p.exitValue() : -1, text.length() > 4000 ? text.substring(text.length() - 4000) : text);
    }

    @Override
    public String bootstrap() {
        return "127.0.0.1:" + env.get("KAFKA_PORT");
    }

    @Override
    public String name() {
        return "apache-kafka";
    }

    @Override
    public void restart() throws IOException, InterruptedException {
        run("stop-kafka.sh", 90);
        Result r = run("run-kafka.sh", 300);
        if (r.code != 0 || !awaitUsable(90_000)) {
            throw new IOException("Apache Kafka peer did not restart: " + r.output);
        }
    }

    /** A KRaft broker accepts connections before it is unfenced; wait until it creates topics. */
    private boolean awaitUsable(long timeoutMs) throws InterruptedException {
        try (org.apache.kafka.clients.admin.Admin admin = Clients.admin(bootstrap())) {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < deadline) {
                try {
                    admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(
                            "ready-probe-" + System.nanoTime(), 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
                    return true;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    Thread.sleep(500);
                }
            }
            return false;
        }
    }

    @Override
    public long pid() throws IOException {
        return Long.parseLong(Files.readString(Path.of(env.get("KAFKA_BASE"), "kafka.pid")).trim());
    }

    @Override
    public void close() throws IOException {
        try {
            run("stop-kafka.sh", 90);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the walk does not follow the lib link, so the shared jars stay
        try (var files = Files.walk(Path.of(env.get("KAFKA_BASE")))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
