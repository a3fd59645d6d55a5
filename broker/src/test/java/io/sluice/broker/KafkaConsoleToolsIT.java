package io.sluice.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka's own console tools against Sluice, run from the Apache Kafka 4.4 jars the way
 * {@code ../shared/peers/kafka} runs them. Skipped when the peer scripts (and so the jars) are absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaConsoleToolsIT {

    private Path peers;
    private Path lib;
    private SluiceTarget target;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("SLUICE_SKIP_PEER")), "SLUICE_SKIP_PEER=1");
        Optional<Path> scripts = ApacheKafkaTarget.findPeerScripts();
        Assumptions.assumeTrue(scripts.isPresent(), "../shared/peers/kafka not found beside the project");
        peers = scripts.get();
        lib = ApacheKafkaTarget.peerLib();
        if (!Files.exists(lib.resolve("kafka-tools-4.4.0.jar"))) {
            // fetch the jars exactly as run-kafka.sh does
            Result r = run(List.of("mvn", "-B", "-q", "-f", peers.resolve("pom.xml").toString(),
                    "dependency:copy-dependencies", "-DoutputDirectory=" + lib, "-DincludeScope=runtime"), null);
            Assumptions.assumeTrue(r.code == 0, "could not fetch the Kafka tools' jars: " + r.output);
        }
        target = new SluiceTarget();
    }

    @AfterAll
    void stop() throws IOException {
        if (target != null) {
            target.close();
        }
    }

    private record Result(int code, String output) {
    }

    private Result tool(String mainClass, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlog4j2.configurationFile=" + peers.resolve("tools-log4j2.properties"),
                "-cp", lib + "/*", mainClass));
        cmd.addAll(List.of(args));
        return run(cmd, stdin);
    }

    private static Result run(List<String> cmd, String stdin) throws Exception {
        Path out = Files.createTempFile("tool", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(done ? p.exitValue() : -1, text);
    }

    @Test
    void consoleProducerConsoleConsumerWithGroupAndConsumerGroupsDescribe() throws Exception {
        String topic = "console-" + System.nanoTime();
        String group = "console-group";
        String bs = target.bootstrap();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            input.append("k").append(i % 4).append(':').append("value-").append(i).append('\n');
        }
        Result produced = tool("org.apache.kafka.tools.ConsoleProducer", input.toString(), "--bootstrap-server", bs,
                "--topic", topic, "--property", "parse.key=true", "--property", "key.separator=:");
        assertEquals(0, produced.code, produced.output);

        Result consumed = tool("org.apache.kafka.tools.consumer.ConsoleConsumer", null, "--bootstrap-server", bs,
                "--topic", topic, "--group", group, "--from-beginning", "--max-messages", "20",
                "--property", "print.key=true", "--property", "key.separator=:", "--timeout-ms", "60000");
        assertEquals(0, consumed.code, consumed.output);
        List<String> lines = consumed.output.lines().filter(l -> l.matches("k\\d:value-\\d+")).toList();
        assertEquals(20, lines.size(), consumed.output);
        for (int i = 0; i < 20; i++) {
            assertTrue(lines.contains("k" + (i % 4) + ":value-" + i), "consumed value-" + i);
        }

        Result described = tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", null,
                "--bootstrap-server", bs, "--describe", "--group", group);
        assertEquals(0, described.code, described.output);
        List<String> rows = described.output.lines().filter(l -> l.startsWith(group)).toList();
        assertEquals(1, rows.size(), described.output);
        String[] cols = rows.get(0).trim().split("\\s+");
        // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
        assertEquals(topic, cols[1]);
        assertEquals("20", cols[3], described.output);
        assertEquals("20", cols[4], described.output);
        assertEquals("0", cols[5], described.output);
    }
}
