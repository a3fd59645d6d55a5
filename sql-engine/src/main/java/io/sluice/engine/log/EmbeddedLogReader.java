package io.sluice.engine.log;

import io.sluice.storage.LogSlice;
import io.sluice.storage.OffsetOutOfRangeException;
import io.sluice.storage.PartitionLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link EmbeddedLogIO}'s reader. Positions live in arrays indexed like {@link #partitions}; a poll
 * reads each partition in turn, starting one further each time so that none is starved.
 *
 * <p>Waiting: the reader is registered with its {@code EmbeddedLogIO} for its partitions; an append
 * there calls {@link #signal()}, which bumps {@link #signals} and wakes a waiting poll. A poll notes
 * the count before it reads, so an append between its read and its wait is not missed.
 */
final class EmbeddedLogReader implements LogReader {

    private final EmbeddedLogIO io;
    private final EmbeddedLogIO.Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    /** Appends to our partitions (and wakeups) so far; written under {@link #lock}. */
    private volatile long signals;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();

    private TopicPartition[] partitions = new TopicPartition[0];
    private long[] positions = new long[0];
    private final Map<TopicPartition, Integer> index = new HashMap<>();
    private int next;
    private ByteBuffer readBuffer = ByteBuffer.allocate(0);
    private volatile boolean closed;

    EmbeddedLogReader(EmbeddedLogIO io) {
        this.io = io;
        this.options = io.options();
    }

    @Override
    public void assign(Map<TopicPartition, Long> startOffsets) {
        ensureOpen();
        Objects.requireNonNull(startOffsets, "startOffsets");
        TopicPartition[] tps = startOffsets.keySet().toArray(new TopicPartition[0]);
        long[] pos = new long[tps.length];
        for (int i = 0; i < tps.length; i++) {
            pos[i] = resolve(tps[i], Objects.requireNonNull(startOffsets.get(tps[i]), "start offset"));
        }
        io.unregister(this, Arrays.asList(partitions));
        partitions = tps;
        positions = pos;
        index.clear();
        for (int i = 0; i < tps.length; i++) {
            index.put(tps[i], i);
        }
        next = 0;
        io.register(this, Arrays.asList(tps));
    }

    private long resolve(TopicPartition tp, long offset) {
        PartitionLog log = io.log(tp);
        if (offset == EARLIEST) {
            return log.logStartOffset();
        }
        if (offset == LATEST) {
            return log.logEndOffset();
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, EARLIEST (-2) or LATEST (-1), not " + offset);
        }
        return offset;
    }

    @Override
    public void seek(TopicPartition tp, long offset) {
        ensureOpen();
        int i = indexOf(tp);
        positions[i] = resolve(tp, offset);
    }

    @Override
    public Set<TopicPartition> assignment() {
        ensureOpen();
        return Set.copyOf(Arrays.asList(partitions));
    }

    @Override
    public long position(TopicPartition tp) {
        ensureOpen();
        return positions[indexOf(tp)];
    }

    private int indexOf(TopicPartition tp) {
        Integer i = index.get(Objects.requireNonNull(tp, "topic partition"));
        if (i == null) {
            throw new IllegalStateException(tp + " is not assigned to this reader");
        }
        return i;
    }

    @Override
    public List<InRecord> poll(Duration timeout) {
        ensureOpen();
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (partitions.length == 0) {
            throw new IllegalStateException("no partitions are assigned to this reader");
        }
        long start = System.nanoTime();
        long waitNanos = saturatedNanos(timeout);
        while (true) {
            long seen = signals;
            if (wakeupPending.getAndSet(false)) {
                return List.of();
            }
            List<InRecord> out = fetch();
            if (!out.isEmpty()) {
                return out;
            }
            lock.lock();
            try {
                while (signals == seen) {
                    long left = waitNanos - (System.nanoTime() - start);
                    if (left <= 0) {
                        return out;
                    }
                    appended.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("interrupted while waiting for records", e);
            } finally {
                lock.unlock();
            }
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One pass over the assigned partitions; positions move only when the whole pass succeeds. */
    private List<InRecord> fetch() {
        int n = partitions.length;
        int max = options.maxPollRecords();
        List<InRecord> out = new ArrayList<>(Math.min(max, 1024));
        long[] moved = null;
        int first = next;
        next = (next + 1) % n;
        for (int k = 0; k < n && out.size() < max; k++) {
            int i = (first + k) % n;
            TopicPartition tp = partitions[i];
            long pos = positions[i];
            PartitionLog log = io.log(tp);
            if (pos == log.logEndOffset()) {
                continue;
            }
            long after;
            try {
                LogSlice slice = log.read(pos, options.maxPartitionFetchBytes(), true);
                if (slice.size() == 0) {
                    continue;
                }
                after = BatchCodec.decode(readInto(slice), tp.topic(), tp.partition(), pos, max - out.size(), out);
            } catch (OffsetOutOfRangeException e) {
                throw new PositionOutOfRangeException(tp, pos, e);
            } catch (io.sluice.storage.UnknownTopicException e) {
                throw new UnknownTopicException(e.getMessage(), e);
            } catch (IOException e) {
                throw new LogException("reading " + tp + " at offset " + pos + " failed: " + e.getMessage(), e);
            }
            if (moved == null) {
                moved = positions.clone();
            }
            moved[i] = after;
        }
        if (moved != null) {
            positions = moved;
        }
        return out;
    }

    /** The slice's bytes in {@link #readBuffer} (reused: a fresh 1 MiB array per poll is a humongous allocation for G1). */
    private ByteBuffer readInto(LogSlice slice) throws IOException {
        if (readBuffer.capacity() < slice.size()) {
            readBuffer = ByteBuffer.allocate(Math.max(slice.size(), Math.min(2 * readBuffer.capacity(), 64 << 20)));
        }
        ByteBuffer buf = readBuffer.clear().limit(slice.size());
        while (buf.hasRemaining()) {
            int r = slice.channel().read(buf, slice.position() + buf.position());
            if (r < 0) {
                throw new IOException("the segment ended before the slice did");
            }
        }
        return buf.flip();
    }

    /** An append to one of our partitions, or a wakeup: let a waiting poll look again. */
    void signal() {
        lock.lock();
        try {
            signals++;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        wakeupPending.set(true);
        signal();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        io.unregister(this, Arrays.asList(partitions));
        io.readerClosed(this);
        wakeup();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the reader is closed");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedLogReader" + new LinkedHashSet<>(Arrays.asList(partitions));
    }
}
