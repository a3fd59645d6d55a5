package io.sluice.engine.log;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@link ClientLogIO}'s writer: one idempotent {@code KafkaProducer} (acks=all) that is always told
 * the partition.
 */
final class ClientLogWriter implements LogWriter {

    private final ClientLogIO io;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration closeTimeout;
    private final ConcurrentHashMap<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    /** The first send failure since the last flush. */
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile boolean closed;
    /** {@link #partitionCount}'s last answer (sends come from any thread). */
    private volatile KnownCount lastCount;

    ClientLogWriter(ClientLogIO io, Map<String, Object> config, Duration closeTimeout) {
        this.io = io;
        this.closeTimeout = closeTimeout;
        try {
            this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid producer settings: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Long> append(OutRecord record) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        send(record, f);
        return f;
    }

    @Override
    public void write(OutRecord record) {
        send(record, null);
    }

    /** Sends the record; its outcome goes to {@code f} when given, a failure also to the next flush. */
    private void send(OutRecord record, CompletableFuture<Long> f) {
        Objects.requireNonNull(record, "record");
        ensureOpen();
        String topic = record.topic();
        int partition = record.partition();
        int n = partitionCount(topic);
        if (partition >= n) {
            io.checkPartition(topic, partition); // asks the cluster again, throws when still missing
        } else if (partition < 0) {
            partition = record.key() != null
                    ? LogIO.keyPartition(record.key(), n)
                    : Math.floorMod(roundRobin.computeIfAbsent(topic,
                            t -> new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16))).getAndIncrement(), n);
        }
        long ts = record.timestamp() == OutRecord.NO_TIMESTAMP ? System.currentTimeMillis() : record.timestamp();
        ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(topic, partition, ts, record.key(), record.value(),
                record.headers().isEmpty() ? null : Collections.unmodifiableList(record.headers()));
        int target = partition;
        try {
            producer.send(pr, f == null ? failuresOnly : (md, e) -> {
                if (e == null) {
                    f.complete(md.offset());
                } else {
                    fail(f, e, topic + "-" + target);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            fail(f, e, topic + "-" + target);
        }
    }

    /**
     * The topic's partition count: the last topic's is kept while the IO's cached counts stand
     * (a sink and a changelog write bursts of records to one topic).
     */
    private int partitionCount(String topic) {
        long version = io.countsVersion();
        KnownCount known = lastCount;
        if (known != null && known.version == version && known.topic.equals(topic)) {
            return known.partitions;
        }
        int n = io.partitionCount(topic);
        lastCount = new KnownCount(topic, version, n);
        return n;
    }

    /** A topic's partition count and the IO's counts version read before it. */
    private record KnownCount(String topic, long version, int partitions) {}

    /** The callback of {@link #write}: a failure is kept for the next flush. */
    private final org.apache.kafka.clients.producer.Callback failuresOnly = (md, e) -> {
        if (e != null) {
            fail(null, e, md == null ? "a partition" : md.topic() + "-" + md.partition());
        }
    };

    private void fail(CompletableFuture<Long> f, Throwable e, String where) {
        RuntimeException err = ClientLogIO.translate(e, "appending to " + where);
        LogException le = err instanceof LogException l ? l : new LogException(err.getMessage(), e);
        firstError.compareAndSet(null, le);
        if (f != null) {
            f.completeExceptionally(le);
        }
    }

    @Override
    public void flush() {
        ensureOpen();
        flushProducer();
    }

    private void flushProducer() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new LogException("flushing failed: " + e, e);
        }
        Throwable err = firstError.getAndSet(null);
        if (err != null) {
            throw new LogException("an append failed since the last flush: " + err.getMessage(), err);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flushProducer();
        } finally {
            closed = true;
            producer.close(closeTimeout);
            io.writerClosed(this);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
    }
}
