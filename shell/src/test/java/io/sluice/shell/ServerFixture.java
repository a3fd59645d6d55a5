package io.sluice.shell;

import io.sluice.driver.SluiceClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice server} in a child JVM from the server module's classes (the shell's test
 * classpath), on free loopback ports, ready once {@code GET /healthcheck} answers.
 */
final class ServerFixture implements AutoCloseable {

    /**
     * The server's flag for its HTTP port. The HTTP API is developed beside the shell; if it names
     * the flag differently, this is the one line to change.
     */
    static final String HTTP_PORT_FLAG = "--http-port";

    private final Process process;
    private final Path log;
    private final String url;

    private ServerFixture(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    static ServerFixture start(Path dir) throws IOException, InterruptedException {
        int httpPort = freePort();
        int kafkaPort = freePort();
        Path log = dir.resolve("server.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.sluice.server.Main", "server",
                "--data-dir", dir.resolve("data").toString(), "--kafka-port", Integer.toString(kafkaPort),
                HTTP_PORT_FLAG, Integer.toString(httpPort));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String url = "http://127.0.0.1:" + httpPort;
        ServerFixture f = new ServerFixture(p, log, url);
        SluiceClient client = SluiceClient.connect(url);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!client.healthy()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                f.close();
                throw new IOException("the server did not answer " + url + "/healthcheck:\n" + f.log());
            }
            Thread.sleep(200);
        }
        return f;
    }

    String url() {
        return url;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
