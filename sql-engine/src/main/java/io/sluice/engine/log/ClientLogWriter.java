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
        Objects.requireNonNull(record, "record");
        ensureOpen();
        String topic = record.topic();
        int partition = record.partition();
        if (partition >= 0) {
            io.checkPartition(topic, partition);
        } else {
            int n = io.partitionCount(topic);
            partition = record.key() != null
                    ? LogIO.keyPartition(record.key(), n)
                    : Math.floorMod(roundRobin.computeIfAbsent(topic,
                            t -> new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16))).getAndIncrement(), n);
        }
        long ts = record.timestamp() == OutRecord.NO_TIMESTAMP ? System.currentTimeMillis() : record.timestamp();
        ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(topic, partition, ts, record.key(), record.value(),
                record.headers().isEmpty() ? null : Collections.unmodifiableList(record.headers()));
        CompletableFuture<Long> f = new CompletableFuture<>();
        int target = partition;
        try {
            producer.send(pr, (md, e) -> {
                if (e == null) {
                    f.complete(md.offset());
                } else {
                    fail(f, e, topic + "-" + target);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            fail(f, e, topic + "-" + target);
        }
        return f;
    }

    private void fail(CompletableFuture<Long> f, Throwable e, String where) {
        RuntimeException err = ClientLogIO.translate(e, "appending to " + where);
        LogException le = err instanceof LogException l ? l : new LogException(err.getMessage(), e);
        firstError.compareAndSet(null, le);
        f.completeExceptionally(le);
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
