package io.sluice.engine.log;

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
 * The behaviour every {@link LogIO} must show. Subclasses supply the implementation (and, for
 * the client one, the broker); every test runs unchanged against each.
 */
@Timeout(60)
abstract class LogIOContractTests implements LogWriterContract {

    /** How long a test waits for records it knows are there before failing. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    protected LogIO io;
    private String testName;

    /** A fresh LogIO over an empty or shared log (tests use topic names of their own). */
    protected abstract LogIO open() throws Exception;

    /** Releases what {@link #open()} made besides the LogIO, after the LogIO is closed. */
    protected void release() throws Exception {
    }

    /**
     * The partitions a stock {@code KafkaProducer} with default settings picks for these keys when
     * no partition is given. Here: what its built-in partitioner computes; the broker-backed tests
     * send the records with a real producer and report where they went.
     */
    protected List<Integer> stockProducerPartitions(String topic, int partitions, List<byte[]> keys) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (byte[] k : keys) {
            out.add(BuiltInPartitioner.partitionForKey(k, partitions));
        }
        return out;
    }

    /** Sends each key with a stock producer (no partition given) and returns the partitions the broker reports. */
    static List<Integer> sendWithStockProducer(String bootstrap, String topic, List<byte[]> keys) throws Exception {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (byte[] k : keys) {
                sent.add(p.send(new ProducerRecord<>(topic, k, "stock".getBytes(UTF_8))));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get(30, TimeUnit.SECONDS).partition());
            }
            return out;
        }
    }

    @Override
    public LogIO io() {
        return io;
    }

    @BeforeEach
    void openLog(TestInfo info) throws Exception {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("t");
        io = open();
    }

    @AfterEach
    void closeLog() throws Exception {
        try {
            if (io != null) {
                io.close();
            }
        } finally {
            release();
        }
    }

    // ------------------------------------------------------------------------------------ tests

    @Test
    void roundTripsKeyedUnkeyedTombstoneHeaderAndTimestampedRecords() throws Exception {
        String t = topic();
        io.createTopic(t, 3, Map.of());
        List<Header> headers = List.of(new Header("h1", bytes("x")), new Header("h1", bytes("y")),
                new Header("h2", null), new Header("empty", new byte[0]));
        List<OutRecord> sent = List.of(
                new OutRecord(t, 1, bytes("k1"), bytes("v1"), 1_000L, headers),
                new OutRecord(t, OutRecord.ANY_PARTITION, bytes("k2"), bytes("v2"), 1_700_000_000_123L, List.of()),
                new OutRecord(t, OutRecord.ANY_PARTITION, null, bytes("v3"), OutRecord.NO_TIMESTAMP, List.of()),
                new OutRecord(t, 2, bytes("k4"), null, 4_000L, List.of(new Header("why", bytes("deleted")))),
                new OutRecord(t, 0, new byte[0], new byte[0], 0L, List.of()),
                new OutRecord(t, 0, null, null, 5_000L, List.of()));
        long before = System.currentTimeMillis();
        List<CompletableFuture<Long>> offsets = new ArrayList<>();
        try (LogWriter w = io.writer()) {
            for (OutRecord r : sent) {
                offsets.add(w.append(r));
            }
            w.flush();
        }
        long after = System.currentTimeMillis();

        List<InRecord> got = readAll(t, 3, sent.size());
        Map<String, InRecord> byWhere = new HashMap<>();
        for (InRecord r : got) {
            byWhere.put(r.partition() + "@" + r.offset(), r);
        }
        for (int i = 0; i < sent.size(); i++) {
            OutRecord s = sent.get(i);
            assertTrue(offsets.get(i).isDone(), "flush completes every future");
            long offset = offsets.get(i).get();
            int partition = s.partition() >= 0 ? s.partition()
                    : s.key() != null ? LogIO.keyPartition(s.key(), 3) : -1;
            InRecord r = partition >= 0 ? byWhere.get(partition + "@" + offset) : findValue(got, s.value());
            assertTrue(r != null, "record " + i + " (" + s + ") was read back; got " + got);
            assertEquals(t, r.topic());
            assertEquals(offset, r.offset(), "offset of " + s);
            assertArrayEquals(s.key(), r.key(), "key of " + s);
            assertArrayEquals(s.value(), r.value(), "value of " + s);
            assertEquals(s.headers(), r.headers(), "headers of " + s);
            if (s.timestamp() == OutRecord.NO_TIMESTAMP) {
                assertTrue(r.timestamp() >= before && r.timestamp() <= after,
                        "stamped at append: " + r.timestamp() + " in [" + before + ", " + after + "]");
            } else {
                assertEquals(s.timestamp(), r.timestamp(), "timestamp of " + s);
            }
        }
        InRecord tombstone = findValueByKey(got, bytes("k4"));
        assertNull(tombstone.value(), "a null value stays null (tombstone)");
        InRecord empty = got.stream().filter(r -> r.key() != null && r.key().length == 0).findFirst().orElseThrow();
        assertArrayEquals(new byte[0], empty.value(), "an empty value is not a tombstone");
        assertTrue(got.stream().anyMatch(r -> r.key() == null && r.value() == null), "null key and value both stay null");
    }

    @Test
    void keyedRecordsGoWhereKafkasDefaultPartitionerPutsThem() throws Exception {
        String t = topic();
        int n = 5;
        io.createTopic(t, n, Map.of());
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(bytes("key-" + i));
        }
        keys.add(new byte[0]);
        keys.add(new byte[] {(byte) 0xff, (byte) 0x80, 0, 1});
        List<Integer> stock = stockProducerPartitions(t, n, keys);
        int[] expected = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            expected[i] = Utils.toPositive(Utils.murmur2(keys.get(i))) % n;
            assertEquals(expected[i], LogIO.keyPartition(keys.get(i), n), "keyPartition of key " + i);
            assertEquals(expected[i], io.partitionFor(t, keys.get(i)), "partitionFor of key " + i);
            assertEquals(expected[i], (int) stock.get(i), "the stock producer's partition for key " + i);
        }

        String t2 = topic() + "-own";
        io.createTopic(t2, n, Map.of());
        try (LogWriter w = io.writer()) {
            for (int i = 0; i < keys.size(); i++) {
                w.append(OutRecord.of(t2, keys.get(i), bytes("v" + i)));
            }
            // records without a key: round-robin, so 2n of them put exactly two in each partition
            for (int i = 0; i < 2 * n; i++) {
                w.append(OutRecord.of(t2, null, bytes("unkeyed")));
            }
            w.flush();
        }
        List<InRecord> got = readAll(t2, n, keys.size() + 2 * n);
        int[] unkeyed = new int[n];
        for (InRecord r : got) {
            if (r.key() == null) {
                unkeyed[r.partition()]++;
                continue;
            }
            int i = indexOf(keys, r.key());
            assertEquals(expected[i], r.partition(), "partition of key " + i);
        }
        int[] two = new int[n];
        Arrays.fill(two, 2);
        assertArrayEquals(two, unkeyed, "round-robin spread of records without a key");

        assertThrows(UnknownTopicException.class, () -> io.partitionFor(topic() + "-missing", bytes("k")));
        assertThrows(NullPointerException.class, () -> io.partitionFor(t, null));
    }

    @Test
    void readsFromTheMiddleAndSeeksAnywhere() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        TopicPartition tp = new TopicPartition(t, 0);
        write(t, 0, 100);
        try (LogReader r = io.reader()) {
            r.assign(Map.of(tp, 40L));
            assertEquals(40, r.position(tp));
            List<InRecord> got = readAtLeast(r, 60);
            assertEquals(60, got.size());
            for (int i = 0; i < 60; i++) {
                assertEquals(40 + i, got.get(i).offset(), "offset order");
                assertEquals("v" + (40 + i), str(got.get(i).value()));
            }
            assertEquals(100, r.position(tp));
            assertEquals(java.util.Set.of(tp), r.assignment());

            r.seek(tp, 10);
            assertEquals(10, r.position(tp));
            assertEquals(10, readAtLeast(r, 1).get(0).offset());
            r.seek(tp, LogReader.EARLIEST);
            assertEquals(0, r.position(tp));
            assertEquals("v0", str(readAtLeast(r, 1).get(0).value()));
            r.seek(tp, LogReader.LATEST);
            assertEquals(100, r.position(tp));
            assertThrows(IllegalStateException.class, () -> r.seek(new TopicPartition(t, 1), 0));
            assertThrows(IllegalStateException.class, () -> r.position(new TopicPartition(t + "x", 0)));
            assertThrows(IllegalArgumentException.class, () -> r.seek(tp, -3));
        }
    }

    @Test
    void aReaderAtTheEndWaitsAndThenGetsALaterAppend() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        TopicPartition tp = new TopicPartition(t, 0);
        write(t, 0, 5);
        try (LogReader r = io.reader(); LogWriter w = io.writer()) {
            r.assign(Map.of(tp, LogReader.LATEST));
            assertEquals(5, r.position(tp), "LATEST is resolved by assign");
            assertEquals(List.of(), r.poll(Duration.ofMillis(200)), "nothing yet");
            CompletableFuture<Long> later = CompletableFuture.supplyAsync(() -> {
                sleep(300);
                CompletableFuture<Long> f = w.append(OutRecord.of(t, 0, bytes("k"), bytes("later")));
                w.flush();
                return f.join();
            });
            List<InRecord> got = r.poll(PATIENCE);
            assertEquals(1, got.size(), "the poll that was waiting gets the record appended meanwhile");
            assertEquals("later", str(got.get(0).value()));
            assertEquals(5, got.get(0).offset());
            assertEquals(5L, later.get(30, TimeUnit.SECONDS));
            assertEquals(6, r.position(tp));
        }
    }

    @Test
    void startAndEndOffsets() throws Exception {
        String t = topic();
        io.createTopic(t, 2, Map.of());
        TopicPartition p0 = new TopicPartition(t, 0);
        TopicPartition p1 = new TopicPartition(t, 1);
        assertEquals(0, io.startOffset(p0));
        assertEquals(0, io.endOffset(p0));
        write(t, 0, 7);
        write(t, 1, 3);
        assertEquals(0, io.startOffset(p0));
        assertEquals(7, io.endOffset(p0));
        assertEquals(0, io.startOffset(p1));
        assertEquals(3, io.endOffset(p1));
        assertThrows(UnknownTopicException.class, () -> io.endOffset(new TopicPartition(t + "-missing", 0)));
        assertThrows(UnknownTopicException.class, () -> io.startOffset(new TopicPartition(t + "-missing", 0)));
        assertThrows(UnknownTopicException.class, () -> io.endOffset(new TopicPartition(t, 2)));
    }

    @Test
    void createTopicIsIdempotentAndRefusesAnotherPartitionCount() {
        String t = topic();
        assertEquals(Optional.empty(), io.describe(t));
        assertEquals(new TopicDescription(t, 3), io.createTopic(t, 3, Map.of()));
        assertEquals(new TopicDescription(t, 3), io.createTopic(t, 3, Map.of("retention.ms", "60000")),
                "same partition count: accepted as is");
        TopicConflictException e = assertThrows(TopicConflictException.class, () -> io.createTopic(t, 4, Map.of()));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        assertEquals(3, e.existingPartitions());
        assertEquals(4, e.requestedPartitions());
        assertEquals(Optional.of(new TopicDescription(t, 3)), io.describe(t), "unchanged by the refused create");
        assertTrue(io.listTopics().contains(t));
        List<String> sorted = new ArrayList<>(io.listTopics());
        sorted.sort(null);
        assertEquals(sorted, io.listTopics(), "listTopics is in name order");

        assertThrows(IllegalArgumentException.class, () -> io.createTopic(t + "-zero", 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> io.createTopic("bad name!", 1, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> io.createTopic(t + "-badcfg", 1, Map.of("no.such.config", "1")));
        assertEquals(Optional.empty(), io.describe(t + "-badcfg"), "nothing created");

        io.deleteTopic(t);
        assertEquals(Optional.empty(), io.describe(t));
        assertFalse(io.listTopics().contains(t));
        assertThrows(UnknownTopicException.class, () -> io.deleteTopic(t));
    }

    @Test
    void twoHundredThousandRecordsKeepTheirOffsetsAndOrder() throws Exception {
        String t = topic();
        int n = 200_000;
        int partitions = 4;
        io.createTopic(t, partitions, Map.of());
        byte[] pad = new byte[90];
        Arrays.fill(pad, (byte) 'x');
        List<CompletableFuture<Long>> futures = new ArrayList<>(n);
        try (LogWriter w = io.writer()) {
            for (int i = 0; i < n; i++) {
                byte[] v = Arrays.copyOf(pad, 100);
                writeInt(v, i);
                futures.add(w.append(OutRecord.of(t, bytes("key-" + i), v)));
            }
            w.flush();
        }
        long[] lastOffset = new long[partitions];
        Arrays.fill(lastOffset, -1);
        for (int i = 0; i < n; i++) {
            assertTrue(futures.get(i).isDone());
            int p = LogIO.keyPartition(bytes("key-" + i), partitions);
            long off = futures.get(i).get();
            assertEquals(lastOffset[p] + 1, off, "offsets in a partition follow append order");
            lastOffset[p] = off;
        }

        List<InRecord> got = new ArrayList<>(n);
        try (LogReader r = io.reader()) {
            r.assign(earliest(t, partitions));
            got.addAll(readAtLeast(r, n));
        }
        assertEquals(n, got.size());
        int[] lastSeq = new int[partitions];
        long[] nextOffset = new long[partitions];
        Arrays.fill(lastSeq, -1);
        for (InRecord r : got) {
            int p = r.partition();
            assertEquals(nextOffset[p], r.offset(), "offsets of " + p + " come in order without gaps");
            nextOffset[p]++;
            int seq = readInt(r.value());
            assertTrue(seq > lastSeq[p], "append order kept within partition " + p);
            lastSeq[p] = seq;
        }
    }

    @Test
    void pollReturnsWithinItsTimeoutWhenNothingArrives() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        try (LogReader r = io.reader()) {
            assertThrows(IllegalStateException.class, () -> r.poll(Duration.ofMillis(10)), "nothing assigned");
            r.assign(earliest(t, 1));
            long t0 = System.nanoTime();
            assertEquals(List.of(), r.poll(Duration.ofMillis(500)));
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waited < 500 + 5_000, "poll(500 ms) took " + waited + " ms");

            t0 = System.nanoTime();
            assertEquals(List.of(), r.poll(Duration.ZERO));
            waited = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waited < 5_000, "poll(0) took " + waited + " ms");

            // waiting costs no CPU: a spinning poll would burn about as much CPU time as it waits
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (threads.isCurrentThreadCpuTimeSupported()) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                assertEquals(List.of(), r.poll(Duration.ofMillis(1_000)));
                long cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
                assertTrue(cpuMs < 400, "a 1 s poll used " + cpuMs + " ms of CPU");
            }

            // wakeup from another thread cuts a long poll short
            CompletableFuture<Void> waker = CompletableFuture.runAsync(() -> {
                sleep(300);
                r.wakeup();
            });
            t0 = System.nanoTime();
            assertEquals(List.of(), r.poll(Duration.ofSeconds(50)));
            waited = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waited < 20_000, "woken poll took " + waited + " ms");
            waker.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPositionOutsideTheLogIsReportedByPoll() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of());
        TopicPartition tp = new TopicPartition(t, 0);
        write(t, 0, 3);
        try (LogReader r = io.reader()) {
            r.assign(Map.of(tp, 10L));
            PositionOutOfRangeException e = assertThrows(PositionOutOfRangeException.class, () -> r.poll(PATIENCE));
            assertEquals(tp, e.partition());
            assertEquals(10, r.position(tp), "the position is left for the caller to fix");
            r.seek(tp, LogReader.EARLIEST);
            assertEquals(3, readAtLeast(r, 3).size());
        }
    }

    @Test
    void logAppendTimeTopicsStampRecordsWithTheLogsTime() throws Exception {
        String t = topic();
        io.createTopic(t, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        long before = System.currentTimeMillis();
        try (LogWriter w = io.writer()) {
            w.append(OutRecord.of(t, 0, bytes("k"), bytes("v")).withTimestamp(1_000L));
            w.flush();
        }
        long after = System.currentTimeMillis();
        InRecord r = readAll(t, 1, 1).get(0);
        assertTrue(r.timestamp() >= before && r.timestamp() <= after,
                "log append time " + r.timestamp() + " in [" + before + ", " + after + "]");
    }

    // ------------------------------------------------------------------------------------ helpers

    /** A topic name unique to this test run. */
    @Override
    public String topic() {
        return "t-" + testName + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** Appends "v0".."v{n-1}" (keys "k0"..) to one partition and flushes. */
    void write(String topic, int partition, int n) {
        try (LogWriter w = io.writer()) {
            for (int i = 0; i < n; i++) {
                w.append(OutRecord.of(topic, partition, bytes("k" + i), bytes("v" + i)));
            }
            w.flush();
        }
    }

    static Map<TopicPartition, Long> earliest(String topic, int partitions) {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            m.put(new TopicPartition(topic, p), LogReader.EARLIEST);
        }
        return m;
    }

    /** Reads {@code n} records from the start of every partition with a new reader. */
    /** Polls until at least {@code n} records came or {@link #PATIENCE} ran out (then fails). */
    static List<InRecord> readAtLeast(LogReader r, int n) {
        List<InRecord> got = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (got.size() < n) {
            if (System.nanoTime() > deadline) {
                fail("read " + got.size() + " of " + n + " records within " + PATIENCE);
            }
            got.addAll(r.poll(Duration.ofMillis(500)));
        }
        return got;
    }

    static InRecord findValue(List<InRecord> got, byte[] value) {
        return got.stream().filter(r -> Arrays.equals(r.value(), value)).findFirst().orElse(null);
    }

    static InRecord findValueByKey(List<InRecord> got, byte[] key) {
        return got.stream().filter(r -> Arrays.equals(r.key(), key)).findFirst().orElseThrow();
    }

    static int indexOf(List<byte[]> keys, byte[] key) {
        for (int i = 0; i < keys.size(); i++) {
            if (Arrays.equals(keys.get(i), key)) {
                return i;
            }
        }
        throw new AssertionError("unexpected key " + Arrays.toString(key));
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String str(byte[] b) {
        return new String(b, UTF_8);
    }

    static void writeInt(byte[] b, int v) {
        b[0] = (byte) (v >>> 24);
        b[1] = (byte) (v >>> 16);
        b[2] = (byte) (v >>> 8);
        b[3] = (byte) v;
    }

    static int readInt(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
