package io.sluice.engine.log;

import io.sluice.storage.AppendResult;
import io.sluice.storage.LogConfig;
import io.sluice.storage.PartitionLog;
import io.sluice.storage.RecordTooLargeException;
import io.sluice.storage.TopicInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link EmbeddedLogIO}'s writer: one open batch per partition, appended whole.
 *
 * <p>All state is guarded by {@link #lock}; batches are appended, and their futures completed,
 * while holding it, so a {@link #flush()} returns only after every earlier record's future is done.
 */
final class EmbeddedLogWriter implements LogWriter {

    /** Build buffers kept for reuse (they grow to the batch size, so reuse saves reallocation). */
    private static final int SPARE_BUFFERS = 4;
    private static final int FIRST_BUFFER_BYTES = 64 * 1024;

    /** The batch being filled for one partition. */
    private static final class Pending {
        final String topic;
        final UUID topicId;
        final int partition;
        final PartitionLog log;
        BatchCodec.Builder batch;
        /** One per record of the batch, in order: null for records of {@link #write(OutRecord)}. */
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        /** In {@link #open} since the last drain. */
        boolean listed;

        Pending(String topic, UUID topicId, int partition, PartitionLog log) {
            this.topic = topic;
            this.topicId = topicId;
            this.partition = partition;
            this.log = log;
        }
    }

    /** What this writer knows of one topic (reset when the topic is re-created under the same name). */
    private static final class TopicState {
        final UUID id;
        final Pending[] pending;
        int roundRobin = ThreadLocalRandom.current().nextInt(1 << 16);

        TopicState(UUID id, int partitions) {
            this.id = id;
            this.pending = new Pending[partitions];
        }
    }

    private final EmbeddedLogIO io;
    private final EmbeddedLogIO.Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TopicState> topics = new HashMap<>();
    private final List<Pending> open = new ArrayList<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private Pending last;
    /** {@link #info}'s last answer (appends come from any thread). */
    private volatile KnownTopic lastInfo;
    private LogException firstError;
    private boolean lingerScheduled;
    private volatile boolean closed;

    EmbeddedLogWriter(EmbeddedLogIO io) {
        this.io = io;
        this.options = io.options();
    }

    @Override
    public CompletableFuture<Long> append(OutRecord record) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        add(record, f);
        return f;
    }

    @Override
    public void write(OutRecord record) {
        add(record, null);
    }

    /** Adds the record to its partition's batch; {@code f}, when given, gets its offset or failure. */
    private void add(OutRecord record, CompletableFuture<Long> f) {
        Objects.requireNonNull(record, "record");
        ensureOpen();
        String topic = record.topic();
        TopicInfo info = info(topic);
        long ts = record.timestamp() == OutRecord.NO_TIMESTAMP ? System.currentTimeMillis() : record.timestamp();
        lock.lock();
        try {
            ensureOpen();
            Pending p = pending(topic, info, record);
            BatchCodec.Builder b;
            while (true) {
                b = p.batch != null ? p.batch : start(p);
                if (b.tryAppend(ts, record.key(), record.value(), record.headers())) {
                    break; // an empty batch always takes the record
                }
                // full: write it (the futures' actions may re-enter and start the next batch)
                write(p);
            }
            p.futures.add(f);
            if (options.lingerMs() == 0 || b.isFull()) {
                write(p);
            } else if (!lingerScheduled) {
                scheduleLinger();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The topic's info: asked of the store unless it was the last topic asked for and no topic
     * changed since (a sink and its changelog write bursts of records to one topic).
     */
    private TopicInfo info(String topic) {
        long version = io.topicsVersion();
        KnownTopic known = lastInfo;
        if (known != null && known.version == version && known.info.name().equals(topic)) {
            return known.info;
        }
        TopicInfo info = io.topicInfo(topic);
        lastInfo = new KnownTopic(version, info);
        return info;
    }

    /** A topic's info and the store's topics version read before it. */
    private record KnownTopic(long version, TopicInfo info) {}

    /** The pending batch state of the record's partition (choosing the partition for ANY_PARTITION). */
    private Pending pending(String topic, TopicInfo info, OutRecord record) {
        int n = info.partitions();
        int partition = record.partition();
        if (partition >= n) {
            throw new UnknownTopicException("topic '" + topic + "' has no partition " + partition + " (it has " + n + ")");
        }
        if (partition < 0 && record.key() != null) {
            partition = LogIO.keyPartition(record.key(), n);
        }
        Pending p = last;
        if (partition >= 0 && p != null && p.partition == partition && p.topic.equals(topic)
                && p.topicId.equals(info.id())) {
            return p;
        }
        TopicState st = topics.get(topic);
        if (st == null || !st.id.equals(info.id()) || st.pending.length != n) {
            if (st != null) {
                // re-created or repartitioned: write what is open first so that no partition gets
                // two open batches whose order could swap
                drain();
            }
            st = new TopicState(info.id(), n);
            topics.put(topic, st);
        }
        if (partition < 0) {
            partition = Math.floorMod(st.roundRobin++, n);
        }
        p = st.pending[partition];
        if (p == null) {
            p = new Pending(topic, info.id(), partition, io.log(topic, partition));
            st.pending[partition] = p;
        }
        last = p;
        return p;
    }

    private BatchCodec.Builder start(Pending p) {
        // the topic's config may have changed since the last batch
        LogConfig cfg = p.log.config();
        int max = Math.min(options.batchBytes(), Math.min(cfg.maxMessageBytes(), cfg.segmentBytes()));
        ByteBuffer buf = spare.poll();
        if (buf == null) {
            buf = ByteBuffer.allocate(Math.min(FIRST_BUFFER_BYTES, max + 1024));
        }
        p.batch = new BatchCodec.Builder(buf, max);
        if (!p.listed) {
            p.listed = true;
            open.add(p);
        }
        return p.batch;
    }

    /** Appends the partition's batch to its log and completes its futures. Under the lock. */
    private void write(Pending p) {
        BatchCodec.Builder b = p.batch;
        List<CompletableFuture<Long>> fs = p.futures;
        p.batch = null;
        p.futures = new ArrayList<>();
        ByteBuffer bytes = b.build();
        long first;
        try {
            AppendResult r = p.log.append(bytes);
            first = r.firstOffset();
        } catch (IOException | RuntimeException e) {
            LogException err = failure(p, fs.size(), e);
            if (firstError == null) {
                firstError = err;
            }
            for (CompletableFuture<Long> f : fs) {
                if (f != null) {
                    f.completeExceptionally(err);
                }
            }
            return;
        } finally {
            recycle(b.buffer());
        }
        for (int i = 0, n = fs.size(); i < n; i++) {
            CompletableFuture<Long> f = fs.get(i);
            if (f != null) { // null: a record of write(), which waits for no result
                f.complete(first + i);
            }
        }
        io.writerAppended(p.topic, p.partition);
    }

    private static LogException failure(Pending p, int records, Exception e) {
        String what = "appending " + records + " record" + (records == 1 ? "" : "s") + " to " + p.topic + "-"
                + p.partition + " failed: ";
        if (e instanceof io.sluice.storage.UnknownTopicException) {
            return new UnknownTopicException(what + e.getMessage(), e);
        }
        if (e instanceof RecordTooLargeException) {
            return new LogException(what + "a record is larger than the topic's max.message.bytes ("
                    + e.getMessage() + ")", e);
        }
        return new LogException(what + e, e);
    }

    private void recycle(ByteBuffer buf) {
        if (spare.size() < SPARE_BUFFERS) {
            spare.push(buf);
        }
    }

    /**
     * Writes every open batch. Under the lock. Works on a snapshot: a future's action that appends
     * meanwhile either joins a batch not yet written here or lists its partition for the next drain.
     */
    private void drain() {
        if (open.isEmpty()) {
            return;
        }
        Pending[] batches = open.toArray(new Pending[0]);
        open.clear();
        for (Pending p : batches) {
            p.listed = false;
            if (p.batch != null) {
                write(p);
            }
        }
    }

    private void scheduleLinger() {
        try {
            io.timer().schedule(this::lingerExpired, options.lingerMs(), TimeUnit.MILLISECONDS);
            lingerScheduled = true;
        } catch (RejectedExecutionException e) {
            // the LogIO is closing and will close this writer, which drains
        }
    }

    private void lingerExpired() {
        lock.lock();
        try {
            lingerScheduled = false;
            if (!closed) {
                drain();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        LogException err;
        lock.lock();
        try {
            ensureOpen();
            drain();
            err = firstError;
            firstError = null;
        } finally {
            lock.unlock();
        }
        throwIfFailed(err);
    }

    @Override
    public void close() {
        LogException err;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            drain();
            closed = true;
            err = firstError;
            firstError = null;
            topics.clear();
            spare.clear();
            last = null;
        } finally {
            lock.unlock();
        }
        io.writerClosed(this);
        throwIfFailed(err);
    }

    private static void throwIfFailed(LogException err) {
        if (err != null) {
            throw new LogException("an append failed since the last flush: " + err.getMessage(), err);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
    }
}
