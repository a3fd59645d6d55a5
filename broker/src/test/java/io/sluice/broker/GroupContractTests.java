package io.sluice.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.junit.jupiter.api.Test;

/**
 * Consumer groups as stock kafka-clients 4.4 use them (classic protocol), run unchanged against
 * Sluice and Apache Kafka 4.4.
 */
abstract class GroupContractTests extends ContractTestBase {

    static final int SESSION_TIMEOUT_MS = 6000;


    private Map<String, Object> member(String group) {
        return Map.of(ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
    }

    /** An in-process member polling and committing on its own thread. */
    private final class Member implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Member(String group, String topic) {
            thread = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(), member(group))) {
                    c.subscribe(List.of(topic));
                    while (running.get()) {
                        if (!c.poll(Duration.ofMillis(200)).isEmpty()) {
                            c.commitSync();
                        }
                    }
                }
            }, "member");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    private static void produce(String bootstrap, String topic, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = Clients.producer(bootstrap, Map.of())) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[20]));
            }
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
    }

    /** The group, or null while it does not exist yet (newer brokers answer GROUP_ID_NOT_FOUND). */
    private static ConsumerGroupDescription describeIfExists(Admin admin, String group) throws Exception {
        try {
            return describe(admin, group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private static Set<TopicPartition> assigned(ConsumerGroupDescription d) {
        Set<TopicPartition> all = new HashSet<>();
        for (MemberDescription m : d.members()) {
            all.addAll(m.assignment().topicPartitions());
        }
        return all;
    }

    private static boolean stableWith(ConsumerGroupDescription d, int members, int partitions) {
        return d.groupState() == GroupState.STABLE && d.members().size() == members
                && assigned(d).size() == partitions;
    }

    @Test
    void survivorsTakeOverAKilledMembersPartitionsAndOffsetsNeverGoBack() throws Exception {
        String topic = "grp-" + System.nanoTime();
        String group = "g-" + System.nanoTime();
        try (Admin admin = Clients.admin(target.bootstrap())) {
            Clients.createTopic(admin, new NewTopic(topic, 6, (short) 1));
            produce(target.bootstrap(), topic, 6000);
            Map<TopicPartition, Long> highest = new ConcurrentHashMap<>();
            List<String> wentBack = new CopyOnWriteArrayList<>();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    try {
                        Map<TopicPartition, OffsetAndMetadata> now =
                                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                        now.forEach((tp, om) -> {
                            if (om != null) {
                                Long before = highest.put(tp, om.offset());
                                if (before != null && om.offset() < before) {
                                    wentBack.add(tp + ": " + before + " -> " + om.offset());
                                }
                            }
                        });
                        Thread.sleep(100);
                    } catch (Exception e) {
                        // the group may not exist yet
                    }
                }
            }, "offset-watcher");
            watcher.start();

            // the member in its own JVM joins first, alone, so the three-member rebalance below
            // does not hinge on how fast a cold JVM reaches its first JoinGroup
            Process victim = startMemberProcess(group, topic);
            try {
                awaitGroup(admin, group, 1, 6, Duration.ofSeconds(90));
            } catch (AssertionError e) {
                victim.destroyForcibly();
                throw new AssertionError(e.getMessage() + "\nmember process (alive: " + victim.isAlive()
                        + ") said:\n" + memberOutput, e);
            }
            try (Member a = new Member(group, topic); Member b = new Member(group, topic)) {
                try {
                    awaitGroup(admin, group, 3, 6, Duration.ofSeconds(90));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nmember process (alive: " + victim.isAlive()
                            + ") said:\n" + memberOutput, e);
                }
                produce(target.bootstrap(), topic, 3000);
                long killedAt = System.nanoTime();
                victim.destroyForcibly();
                victim.waitFor(10, TimeUnit.SECONDS);
                awaitGroup(admin, group, 2, 6, Duration.ofSeconds(60));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                assertTrue(tookMs < SESSION_TIMEOUT_MS + 10_000,
                        "survivors owned every partition " + tookMs + " ms after the kill");
                produce(target.bootstrap(), topic, 3000);
                awaitCommitted(admin, group, topic, 12_000, Duration.ofSeconds(60));
            } finally {
                victim.destroyForcibly();
            }
            watching.set(false);
            watcher.join(10_000);
            assertTrue(wentBack.isEmpty(), "committed offsets went backwards: " + wentBack);
            Map<TopicPartition, OffsetAndMetadata> before = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            assertEquals(6, before.size());

            target.restart();

            try (Admin admin2 = Clients.admin(target.bootstrap());
                 KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(), member(group))) {
                Map<TopicPartition, OffsetAndMetadata> after = admin2.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                assertEquals(before, after, "committed offsets survive a broker restart");
                c.subscribe(List.of(topic));
                long deadline = System.currentTimeMillis() + 60_000;
                while (c.assignment().size() < 6 && System.currentTimeMillis() < deadline) {
                    c.poll(Duration.ofMillis(200));
                }
                for (TopicPartition tp : c.assignment()) {
                    assertEquals(before.get(tp).offset(), c.position(tp), "resumes from the committed offset of " + tp);
                }
            }
        }
    }

    @Test
    void adminListsDescribesAltersAndDeletesGroups() throws Exception {
        String topic = "grpadm-" + System.nanoTime();
        String group = "ga-" + System.nanoTime();
        try (Admin admin = Clients.admin(target.bootstrap())) {
            Clients.createTopic(admin, new NewTopic(topic, 2, (short) 1));
            produce(target.bootstrap(), topic, 100);
            try (Member m = new Member(group, topic)) {
                awaitGroup(admin, group, 1, 2, Duration.ofSeconds(60));
                assertTrue(admin.listConsumerGroups().all().get().stream().anyMatch(l -> l.groupId().equals(group)));
                ConsumerGroupDescription d = describe(admin, group);
                assertEquals(1, d.members().size());
                assertTrue(d.partitionAssignor() != null && !d.partitionAssignor().isEmpty(), "assignor named");
                ExecutionException busy = assertThrows(ExecutionException.class,
                        () -> admin.deleteConsumerGroups(List.of(group)).all().get());
                assertTrue(busy.getCause() instanceof GroupNotEmptyException, busy.toString());
            }
            TopicPartition tp0 = new TopicPartition(topic, 0);
            awaitEmpty(admin, group);
            admin.alterConsumerGroupOffsets(group, Map.of(tp0, new OffsetAndMetadata(7))).all().get();
            assertEquals(7, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp0).offset());
            admin.deleteConsumerGroups(List.of(group)).all().get();
            assertTrue(admin.listConsumerGroups().all().get().stream().noneMatch(l -> l.groupId().equals(group)));
        }
    }

    @Test
    void aStaticMemberRestartingWithinItsSessionKeepsItsPartitionsWithoutARebalance() throws Exception {
        String topic = "grpstatic-" + System.nanoTime();
        String group = "gs-" + System.nanoTime();
        try (Admin admin = Clients.admin(target.bootstrap())) {
            Clients.createTopic(admin, new NewTopic(topic, 4, (short) 1));
            List<String> bEvents = new CopyOnWriteArrayList<>();
            AtomicBoolean bRunning = new AtomicBoolean(true);
            Thread b = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> c = Clients.consumer(target.bootstrap(), staticMember(group, "b"))) {
                    c.subscribe(List.of(topic), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> parts) {
                            if (!parts.isEmpty()) {
                                bEvents.add("revoked " + parts);
                            }
                        }

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
                            bEvents.add("assigned " + parts);
                        }
                    });
                    while (bRunning.get()) {
                        c.poll(Duration.ofMillis(100));
                    }
                }
            }, "static-b");
            b.start();
            Set<TopicPartition> aBefore;
            KafkaConsumer<byte[], byte[]> a = Clients.consumer(target.bootstrap(), staticMember(group, "a"));
            a.subscribe(List.of(topic));
            awaitGroupPolling(admin, group, 2, 4, a);
            aBefore = Set.copyOf(a.assignment());
            int bEventsBefore = bEvents.size();
            // a static member's close does not leave the group: its place waits for session.timeout.ms
            a.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
                    org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
            try (KafkaConsumer<byte[], byte[]> a2 = Clients.consumer(target.bootstrap(), staticMember(group, "a"))) {
                a2.subscribe(List.of(topic));
                long deadline = System.currentTimeMillis() + 30_000;
                while (a2.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
                    a2.poll(Duration.ofMillis(100));
                }
                assertEquals(aBefore, a2.assignment(), "the restarted static member gets its old partitions");
                for (int i = 0; i < 10; i++) {
                    a2.poll(Duration.ofMillis(100));
                }
                assertEquals(bEventsBefore, bEvents.size(), "the other member saw no rebalance: " + bEvents);
            } finally {
                bRunning.set(false);
                b.join(30_000);
            }
        }
    }

    private Map<String, Object> staticMember(String group, String instance) {
        Map<String, Object> m = new java.util.HashMap<>(member(group));
        m.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
        return m;
    }

    private static void awaitGroupPolling(Admin admin, String group, int members, int partitions,
                                          KafkaConsumer<byte[], byte[]> c) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            c.poll(Duration.ofMillis(100));
            if (stableWith(describe(admin, group), members, partitions) && !c.assignment().isEmpty()) {
                return;
            }
        }
        throw new AssertionError("group " + group + " did not settle: " + describe(admin, group));
    }

    private void awaitEmpty(Admin admin, String group) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!describe(admin, group).members().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(describe(admin, group).members().isEmpty());
    }

    private static void awaitGroup(Admin admin, String group, int members, int partitions, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerGroupDescription d = describeIfExists(admin, group);
        while ((d == null || !stableWith(d, members, partitions)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            d = describeIfExists(admin, group);
        }
        if (d == null) {
            throw new AssertionError("group " + group + " never appeared");
        }
        assertTrue(stableWith(d, members, partitions), "group " + group + " did not settle with " + members
                + " members on " + partitions + " partitions: " + d);
    }

    private static void awaitCommitted(Admin admin, String group, String topic, long total, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sum = 0;
        while (System.nanoTime() < deadline) {
            sum = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    sum += e.getValue().offset();
                }
            }
            if (sum >= total) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(total, sum, "committed offsets cover everything produced");
    }

    private final StringBuffer memberOutput = new StringBuffer();

    private Process startMemberProcess(String group, String topic) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GroupMemberMain.class.getName(), target.bootstrap(), group, topic, Integer.toString(SESSION_TIMEOUT_MS)))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    memberOutput.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // killed
            }
        }, "member-output");
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}
