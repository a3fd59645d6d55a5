package io.sluice.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A group member in a process of its own, so a test can kill it with SIGKILL: subscribes,
 * polls and commits synchronously after every poll until killed.
 *
 * <p>args: bootstrap group topic sessionTimeoutMs
 */
public final class GroupMemberMain {

    private GroupMemberMain() {
    }

    public static void main(String[] args) {
        try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(args[0], Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, args[1],
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.parseInt(args[3]),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500))) {
            c.subscribe(List.of(args[2]));
            System.out.println("MEMBER-STARTED");
            System.out.flush();
            while (true) {
                if (!c.poll(Duration.ofMillis(200)).isEmpty()) {
                    try {
                        c.commitSync();
                    } catch (org.apache.kafka.common.errors.RebalanceInProgressException
                             | org.apache.kafka.clients.consumer.CommitFailedException e) {
                        // the next poll rejoins; the records are committed by a later commit
                    }
                }
            }
        }
    }
}
