package io.sluice.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice server} in a child JVM, as the launcher runs it, so tests can kill it with
 * SIGKILL and start it again over the same data directory.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final StringBuffer log = new StringBuffer();

    private ServerProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the server and waits until it says it is ready. */
    static ServerProcess start(Path dataDir, int kafkaPort) throws IOException, InterruptedException {
        return start(dataDir, kafkaPort, List.of());
    }

    /** Starts the server with more {@code sluice server} arguments and waits until it is ready. */
    static ServerProcess start(Path dataDir, int kafkaPort, List<String> extraArgs)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // INFO whatever simplelogger.properties the class path holds first (bench's says WARN):
        // readiness is read from the server's log
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "server", "--data-dir",
                dataDir.toString(), "--kafka-port", Integer.toString(kafkaPort)));
        command.addAll(extraArgs);
        // a free HTTP port unless the test picks one: tests run beside each other and a real server
        int httpPort = extraArgs.contains("--http-port")
                ? Integer.parseInt(extraArgs.get(extraArgs.indexOf("--http-port") + 1)) : freePort();
        if (!extraArgs.contains("--http-port")) {
            command.addAll(List.of("--http-port", Integer.toString(httpPort)));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ServerProcess sp = new ServerProcess(p, httpPort);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Object ready = new Object();
        boolean[] isReady = {false};
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    sp.log.append(line).append('\n');
                    if (line.contains("Sluice ready")) {
                        synchronized (ready) {
                            isReady[0] = true;
                            ready.notifyAll();
                        }
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
            synchronized (ready) {
                ready.notifyAll();
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (ready) {
            while (!isReady[0] && p.isAlive() && System.currentTimeMillis() < deadline) {
                ready.wait(500);
            }
        }
        if (!isReady[0]) {
            p.destroyForcibly();
            throw new IOException("server did not become ready:\n" + sp.log);
        }
        return sp;
    }

    /** The HTTP API's port. */
    int httpPort() {
        return httpPort;
    }

    /** Everything the server printed so far. */
    String log() {
        return log.toString();
    }

    /** SIGKILL: no shutdown hook, no flush, no clean-shutdown marker. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, and checks the stop was clean: the JVM's exit code for SIGTERM (143, as for
     * Kafka) and the broker's word that the logs were closed.
     */
    void stopCleanly() throws InterruptedException {
        // the handle's SIGTERM leaves our end of the output pipe open (Process.destroy closes it)
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 60 s of SIGTERM:\n" + log);
        }
        int code = process.exitValue();
        if (code != 143 && code != 0) {
            throw new AssertionError("server exited with " + code + " on SIGTERM:\n" + log);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (!log.toString().contains("logs closed cleanly") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (!log.toString().contains("logs closed cleanly")) {
            throw new AssertionError("no clean close in the server's log:\n" + log);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
