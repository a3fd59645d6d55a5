package io.sluice.engine.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link ClientLogIO}'s reader: one group-less {@code KafkaConsumer} used with {@code assign}.
 *
 * <p>Kafka's {@code wakeup()} interrupts whichever blocking consumer call comes first, which may be
 * a {@link #position} or an {@link #assign} resolving {@link #LATEST}; those calls remember it and
 * carry on, so that, as the contract says, a wakeup only ever cuts a {@link #poll} short.
 */
final class ClientLogReader implements LogReader {

    private final ClientLogIO io;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration apiTimeout;
    private final AtomicBoolean wakeupSeen = new AtomicBoolean();
    private boolean closed;

    ClientLogReader(ClientLogIO io, Map<String, Object> config, Duration apiTimeout) {
        this.io = io;
        this.apiTimeout = apiTimeout;
        try {
            this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid consumer settings: " + e.getMessage(), e);
        }
    }

    @Override
    public void assign(Map<TopicPartition, Long> startOffsets) {
        ensureOpen();
        Objects.requireNonNull(startOffsets, "startOffsets");
        startOffsets.forEach((tp, off) -> {
            io.checkPartition(tp.topic(), tp.partition());
            checkOffset(Objects.requireNonNull(off, "start offset"));
        });
        consumer.assign(startOffsets.keySet());
        // every partition needs a position or a pending reset before any is resolved: resolving one
        // makes the consumer resolve them all, and with auto.offset.reset=none a partition with
        // neither fails the lot
        List<TopicPartition> earliest = new ArrayList<>();
        List<TopicPartition> latest = new ArrayList<>();
        startOffsets.forEach((tp, off) -> {
            if (off >= 0) {
                consumer.seek(tp, off);
            } else {
                (off == EARLIEST ? earliest : latest).add(tp);
            }
        });
        if (!earliest.isEmpty()) {
            consumer.seekToBeginning(earliest);
        }
        if (!latest.isEmpty()) {
            consumer.seekToEnd(latest);
        }
        earliest.forEach(this::positionNow);
        latest.forEach(this::positionNow);
    }

    @Override
    public void seek(TopicPartition tp, long offset) {
        ensureOpen();
        Objects.requireNonNull(tp, "topic partition");
        checkAssigned(tp);
        checkOffset(offset);
        seekTo(tp, offset);
    }

    private void seekTo(TopicPartition tp, long offset) {
        if (offset >= 0) {
            consumer.seek(tp, offset);
            return;
        }
        if (offset == EARLIEST) {
            consumer.seekToBeginning(List.of(tp));
        } else {
            consumer.seekToEnd(List.of(tp));
        }
        positionNow(tp); // resolve now: a record appended after this returns must not be skipped
    }

    private static void checkOffset(long offset) {
        if (offset < EARLIEST) {
            throw new IllegalArgumentException("offset must be >= 0, EARLIEST (-2) or LATEST (-1), not " + offset);
        }
    }

    private void checkAssigned(TopicPartition tp) {
        if (!consumer.assignment().contains(tp)) {
            throw new IllegalStateException(tp + " is not assigned to this reader");
        }
    }

    @Override
    public Set<TopicPartition> assignment() {
        ensureOpen();
        return Set.copyOf(consumer.assignment());
    }

    @Override
    public long position(TopicPartition tp) {
        ensureOpen();
        Objects.requireNonNull(tp, "topic partition");
        checkAssigned(tp);
        return positionNow(tp);
    }

    private long positionNow(TopicPartition tp) {
        for (int attempt = 0; ; attempt++) {
            try {
                return consumer.position(tp, apiTimeout);
            } catch (WakeupException e) {
                wakeupSeen.set(true); // meant for a poll; keep it for the next one
                if (attempt > 0) {
                    throw new LogException("woken up twice while resolving the position of " + tp, e);
                }
            } catch (InvalidOffsetException e) {
                throw outOfRange(e);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new LogException("the position of " + tp + " was not resolved within " + apiTimeout.toMillis()
                        + " ms", e);
            } catch (InterruptException e) {
                throw new LogException("interrupted while resolving the position of " + tp, e);
            } catch (KafkaException e) {
                throw new LogException("resolving the position of " + tp + " failed: " + e, e);
            }
        }
    }

    @Override
    public List<InRecord> poll(Duration timeout) {
        ensureOpen();
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (consumer.assignment().isEmpty()) {
            throw new IllegalStateException("no partitions are assigned to this reader");
        }
        if (wakeupSeen.getAndSet(false)) {
            return List.of();
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (WakeupException e) {
            return List.of();
        } catch (InvalidOffsetException e) {
            throw outOfRange(e);
        } catch (InterruptException e) {
            throw new LogException("interrupted while waiting for records", e);
        } catch (KafkaException e) {
            throw new LogException("polling " + consumer.assignment() + " failed: " + e, e);
        }
        if (records.isEmpty()) {
            return List.of();
        }
        List<InRecord> out = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(new InRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(),
                    Header.listOf(r.headers().toArray())));
        }
        return out;
    }

    private static PositionOutOfRangeException outOfRange(InvalidOffsetException e) {
        TopicPartition tp = e.partitions().isEmpty() ? null : e.partitions().iterator().next();
        long position = -1;
        if (e instanceof OffsetOutOfRangeException o && tp != null) {
            Long at = o.offsetOutOfRangePartitions().get(tp);
            position = at == null ? -1 : at;
        }
        return new PositionOutOfRangeException(tp, position, e);
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            consumer.close();
        } catch (KafkaException e) {
            // a group-less consumer has nothing to commit or leave; a failure here loses nothing
        }
        closed = true;
        io.readerClosed(this);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the reader is closed");
        }
    }
}
