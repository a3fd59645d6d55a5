package io.sluice.engine.log;

import static io.sluice.engine.log.LogIOContractTests.bytes;
import static io.sluice.engine.log.LogIOContractTests.earliest;
import static io.sluice.engine.log.LogIOContractTests.readAtLeast;
import static io.sluice.engine.log.LogIOContractTests.readInt;
import static io.sluice.engine.log.LogIOContractTests.str;
import static io.sluice.engine.log.LogIOContractTests.writeInt;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The writer half of the {@link LogIO} contract (flush, sharing, futures, failures), run by every
 * {@link LogIOContractTests} implementation. Helpers are the contract class's statics.
 */
interface LogWriterContract {

    /** The log under test, open for the current test. */
    LogIO io();

    /** A topic name no other test uses. */
    String topic();

    /** Every record of a topic, which must hold exactly {@code n}. */
    default List<InRecord> readAll(String topic, int partitions, int n) {
        try (LogReader r = io().reader()) {
            r.assign(earliest(topic, partitions));
            List<InRecord> got = readAtLeast(r, n);
            assertEquals(n, got.size(), "records read: " + got);
            return got;
        }
    }

    @Test
    default void flushMakesEverythingAppendedVisibleToANewReader() throws Exception {
        String t = topic();
        io().createTopic(t, 2, Map.of());
        int n = 1_000;
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (LogWriter w = io().writer()) {
            for (int i = 0; i < n; i++) {
                futures.add(w.append(OutRecord.of(t, bytes("k" + i), bytes("v" + i))));
            }
            w.flush();
            for (CompletableFuture<Long> f : futures) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally(), "flush completes every earlier future");
            }
            assertEquals(n, io().endOffset(new TopicPartition(t, 0)) + io().endOffset(new TopicPartition(t, 1)),
                    "the end offsets count every flushed record");
            try (LogReader r = io().reader()) {
                r.assign(earliest(t, 2));
                assertEquals(n, readAtLeast(r, n).size());
            }
        }
    }

    @Test
    default void aWriterCanBeSharedByThreads() throws Exception {
        String t = topic();
        int threads = 4;
        int each = 5_000;
        io().createTopic(t, threads, Map.of());
        try (LogWriter w = io().writer()) {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int partition = k;
                running.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        byte[] v = new byte[4];
                        writeInt(v, i);
                        w.append(OutRecord.of(t, partition, null, v));
                    }
                }, r -> new Thread(r, "appender-" + partition).start()));
            }
            CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            w.flush();
        }
        List<InRecord> got = readAll(t, threads, threads * each);
        int[] next = new int[threads];
        for (InRecord r : got) {
            assertEquals(next[r.partition()]++, readInt(r.value()), "each thread's records in its order");
        }
    }

    @Test
    default void actionsOnAppendFuturesMayAppendAgain() throws Exception {
        String t = topic();
        io().createTopic(t, 1, Map.of());
        int chain = 50;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (LogWriter w = io().writer()) {
            // each record, once written, appends the next: a chain through the writer's own futures
            class Link {
                void append(int i) {
                    w.append(OutRecord.of(t, 0, null, bytes("c" + i))).whenComplete((off, e) -> {
                        if (e != null) {
                            done.completeExceptionally(e);
                        } else if (i + 1 < chain) {
                            append(i + 1);
                        } else {
                            done.complete(null);
                        }
                    });
                }
            }
            new Link().append(0);
            done.get(30, TimeUnit.SECONDS);
            w.flush();
        }
        List<InRecord> got = readAll(t, 1, chain);
        for (int i = 0; i < chain; i++) {
            assertEquals(i, got.get(i).offset());
            assertEquals("c" + i, str(got.get(i).value()));
        }
    }

    @Test
    default void appendsCompleteWithoutAFlushToo() throws Exception {
        String t = topic();
        io().createTopic(t, 1, Map.of());
        try (LogWriter w = io().writer()) {
            CompletableFuture<Long> f = w.append(OutRecord.of(t, bytes("k"), bytes("v")));
            assertEquals(0L, f.get(30, TimeUnit.SECONDS), "written within the linger time");
            assertEquals(1, io().endOffset(new TopicPartition(t, 0)));
        }
    }

    @Test
    default void appendingToAMissingTopicOrPartitionFails() {
        String t = topic();
        io().createTopic(t, 2, Map.of());
        try (LogWriter w = io().writer()) {
            assertThrows(UnknownTopicException.class, () -> w.append(OutRecord.of(t + "-missing", bytes("k"), bytes("v"))));
            assertThrows(UnknownTopicException.class, () -> w.append(OutRecord.of(t, 2, bytes("k"), bytes("v"))));
            w.flush();
        }
        try (LogReader r = io().reader()) {
            assertThrows(UnknownTopicException.class, () -> r.assign(Map.of(new TopicPartition(t + "-missing", 0), 0L)));
            assertThrows(UnknownTopicException.class, () -> r.assign(Map.of(new TopicPartition(t, 5), 0L)));
        }
        assertEquals(Optional.empty(), io().describe(t + "-missing"), "not auto-created");
    }

    @Test
    default void aFailedAppendFailsItsFutureAndTheNextFlushOnly() throws Exception {
        String t = topic();
        io().createTopic(t, 1, Map.of("max.message.bytes", "2048"));
        try (LogWriter w = io().writer()) {
            CompletableFuture<Long> big = w.append(OutRecord.of(t, 0, bytes("big"), new byte[10_000]));
            LogException e = assertThrows(LogException.class, w::flush);
            assertTrue(big.isCompletedExceptionally());
            ExecutionException ee = assertThrows(ExecutionException.class, big::get);
            assertInstanceOf(LogException.class, ee.getCause());
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());

            CompletableFuture<Long> small = w.append(OutRecord.of(t, 0, bytes("small"), bytes("fits")));
            w.flush(); // the failure was reported once; this flush is clean
            assertEquals(0L, small.get(), "the refused record took no offset");
        }
        TopicPartition tp = new TopicPartition(t, 0);
        assertEquals(1, io().endOffset(tp));
    }

    @Test
    default void writtenRecordsMixWithAppendedOnesAndAFailedWriteFailsTheNextFlush() throws Exception {
        String t = topic();
        io().createTopic(t, 1, Map.of("max.message.bytes", "2048"));
        try (LogWriter w = io().writer()) {
            w.write(OutRecord.of(t, 0, bytes("a"), bytes("1")));
            CompletableFuture<Long> b = w.append(OutRecord.of(t, 0, bytes("b"), bytes("2")));
            w.write(OutRecord.of(t, 0, bytes("c"), bytes("3")));
            w.flush();
            assertEquals(1L, b.get(), "offsets count the written records");
            w.write(OutRecord.of(t, 0, bytes("big"), new byte[10_000]));
            LogException e = assertThrows(LogException.class, w::flush);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            w.write(OutRecord.of(t, 0, bytes("d"), bytes("4")));
            w.flush(); // reported once
            assertThrows(UnknownTopicException.class, () -> w.write(OutRecord.of(t + "-missing", bytes("k"), bytes("v"))));
        }
        try (LogReader r = io().reader()) {
            r.assign(earliest(t, 1));
            List<InRecord> got = readAtLeast(r, 4);
            assertEquals(List.of("a", "b", "c", "d"), got.stream().map(x -> new String(x.key(), java.nio.charset.StandardCharsets.UTF_8)).toList());
        }
    }

}
