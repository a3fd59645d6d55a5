package io.sluice.broker;

import java.io.Closeable;
import java.io.IOException;

/** A broker the contract tests run against, in a process of its own: Sluice's, or Apache Kafka. */
public interface TargetBroker extends Closeable {

    /** bootstrap.servers for clients. */
    String bootstrap();

    /** A short name for messages. */
    String name();

    /** The broker's process id, for signals (SIGSTOP stalls it as a long GC pause or a full disk would). */
    long pid() throws IOException;

    /** Stops the broker cleanly and starts it again over the same data, on the same address. */
    void restart() throws IOException, InterruptedException;

    /**
     * Stops the broker process (SIGSTOP) for {@code millis}, then lets it go on (SIGCONT) and
     * waits until it creates topics again (a KRaft broker that missed its heartbeats is fenced
     * for a while after a stall).
     */
    default void stall(long millis) throws IOException, InterruptedException {
        long pid = pid();
        signal("STOP", pid);
        try {
            Thread.sleep(millis);
        } finally {
            signal("CONT", pid);
        }
        try (org.apache.kafka.clients.admin.Admin admin = Clients.admin(bootstrap())) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try {
                    admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(
                            "stall-probe-" + System.nanoTime(), 1, (short) 1))).all().get();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IOException("broker not usable 60 s after the stall", e);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    private static void signal(String sig, long pid) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IOException("kill -" + sig + " " + pid + " failed with " + code);
        }
    }
}
