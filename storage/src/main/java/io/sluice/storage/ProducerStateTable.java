package io.sluice.storage;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Idempotent-producer state of one partition, with Kafka's semantics: per producer id, its
 * epoch and the sequence and offset ranges of its last {@value #RETAINED_BATCHES} batches.
 *
 * <p>Rules for a sequenced batch (producer id &ge; 0, base sequence &ge; 0, not a control batch):
 * an unknown producer may start at any sequence; an older epoch is fenced
 * ({@link InvalidProducerEpochException}); a newer epoch must start at sequence 0 and resets the
 * producer's batches; in the same epoch, a batch whose sequence range equals a retained batch is
 * a duplicate, otherwise its base sequence must follow the last one (wrapping from
 * {@link Integer#MAX_VALUE} to 0), else {@link OutOfOrderSequenceException}. Batches without a
 * sequence and transaction markers bypass these checks (transactions are not supported yet).
 *
 * <p>Snapshot file {@code producer.snapshot} in the partition directory, big-endian: magic int32
 * {@code "SLPS"}, version int16 (1), offset int64 (the state holds every batch below it),
 * producer count int32, then per producer: id int64, epoch int16, batch count int8, and per
 * batch (oldest first) firstSeq int32, lastSeq int32, firstOffset int64, lastOffset int64;
 * finally a CRC-32C int32 of everything before it.
 *
 * <p>Not thread-safe: the owning log's append lock guards it.
 */
final class ProducerStateTable {

    static final int RETAINED_BATCHES = 5;
    static final String SNAPSHOT_FILE = "producer.snapshot";

    private static final int SNAPSHOT_MAGIC = 0x534c5053;
    private static final short SNAPSHOT_VERSION = 1;

    /** A retried batch already in the log, with the offsets it got then. */
    record Duplicate(long firstOffset, long lastOffset) {
    }

    /** A snapshot as read back: the state and the offset it is valid at. */
    record Snapshot(long offset, ProducerStateTable table) {
    }

    private final HashMap<Long, Entry> producers = new HashMap<>();

    /**
     * Checks the sequenced batches in {@code [start, end)} (offsets not assigned yet; they will
     * be {@code nextOffset} onwards). Changes nothing.
     *
     * @return the duplicate when the request retries a batch already appended, else null
     */
    Duplicate check(ByteBuffer b, int start, int end, long nextOffset) {
        Map<Long, Entry> pending = null;
        long offset = nextOffset;
        for (int at = start; at < end; at += BatchHeader.sizeInBytes(b, at)) {
            int delta = BatchHeader.lastOffsetDelta(b, at);
            if (BatchHeader.isSequenced(b, at)) {
                long pid = BatchHeader.producerId(b, at);
                short epoch = BatchHeader.producerEpoch(b, at);
                int firstSeq = BatchHeader.baseSequence(b, at);
                int lastSeq = incrementSequence(firstSeq, delta);
                Entry inRequest = pending == null ? null : pending.get(pid);
                Entry e = inRequest != null ? inRequest : producers.get(pid);
                if (e != null) {
                    if (inRequest == null && epoch == e.epoch) {
                        Duplicate d = e.find(firstSeq, lastSeq);
                        if (d != null) {
                            return d;
                        }
                    }
                    validate(pid, e, epoch, firstSeq);
                }
                if (at + BatchHeader.sizeInBytes(b, at) < end) {
                    // a later batch of the same producer in this request must follow this one
                    if (pending == null) {
                        pending = new HashMap<>();
                    }
                    Entry next = e == null ? new Entry() : e.copy();
                    next.add(epoch, firstSeq, lastSeq, offset, offset + delta);
                    pending.put(pid, next);
                }
            }
            offset += delta + 1L;
        }
        return null;
    }

    private static void validate(long pid, Entry e, short epoch, int firstSeq) {
        if (epoch < e.epoch) {
            throw new InvalidProducerEpochException("producer " + pid + ": epoch " + epoch
                    + " is older than its current epoch " + e.epoch);
        }
        if (epoch > e.epoch) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("producer " + pid + ": new epoch " + epoch
                        + " must start at sequence 0, not " + firstSeq);
            }
            return;
        }
        int last = e.lastSeq[e.count - 1];
        int expected = last == Integer.MAX_VALUE ? 0 : last + 1;
        if (firstSeq != expected) {
            throw new OutOfOrderSequenceException("producer " + pid + " epoch " + epoch + ": expected sequence "
                    + expected + ", got " + firstSeq);
        }
    }

    /** Records the sequenced batches of {@code [start, end)}, whose offsets are assigned. */
    void apply(ByteBuffer b, int start, int end) {
        for (int at = start; at < end; at += BatchHeader.sizeInBytes(b, at)) {
            applyBatch(b, at);
        }
    }

    /** Records one batch (from an append or a replay of the log) if it is sequenced. */
    void applyBatch(ByteBuffer b, int at) {
        if (!BatchHeader.isSequenced(b, at)) {
            return;
        }
        long pid = BatchHeader.producerId(b, at);
        int firstSeq = BatchHeader.baseSequence(b, at);
        int delta = BatchHeader.lastOffsetDelta(b, at);
        long base = BatchHeader.baseOffset(b, at);
        producers.computeIfAbsent(pid, k -> new Entry()).add(BatchHeader.producerEpoch(b, at), firstSeq,
                incrementSequence(firstSeq, delta), base, base + delta);
    }

    /** Forgets producers whose batches all lie below the log start offset, as Kafka does. */
    void evictBefore(long logStartOffset) {
        for (Iterator<Entry> it = producers.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.lastOffset[e.count - 1] < logStartOffset) {
                it.remove();
            }
        }
    }

    /**
     * Per producer id, the last offset of its last batch. Compaction keeps that batch (empty if
     * need be) so the producer's sequence and epoch survive, as Kafka's cleaner does.
     */
    Map<Long, Long> lastBatchOffsets() {
        Map<Long, Long> out = new HashMap<>();
        producers.forEach((pid, e) -> out.put(pid, e.lastOffset[e.count - 1]));
        return out;
    }

    /** Kafka's sequence arithmetic: sequences wrap from Integer.MAX_VALUE to 0. */
    static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    // ---------------------------------------------------------------- snapshots

    /** The state serialized as valid at {@code offset}. */
    byte[] snapshot(long offset) {
        int size = 4 + 2 + 8 + 4 + 4;
        for (Entry e : producers.values()) {
            size += 8 + 2 + 1 + e.count * 24;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putInt(SNAPSHOT_MAGIC).putShort(SNAPSHOT_VERSION).putLong(offset).putInt(producers.size());
        for (Map.Entry<Long, Entry> me : producers.entrySet()) {
            Entry e = me.getValue();
            buf.putLong(me.getKey()).putShort(e.epoch).put((byte) e.count);
            for (int i = 0; i < e.count; i++) {
                buf.putInt(e.firstSeq[i]).putInt(e.lastSeq[i]).putLong(e.firstOffset[i]).putLong(e.lastOffset[i]);
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /** Reads a snapshot file; null when it is missing, torn or of an unknown format. */
    static Snapshot readSnapshot(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 22) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != buf.getInt(bytes.length - 4) || buf.getInt() != SNAPSHOT_MAGIC
                || buf.getShort() != SNAPSHOT_VERSION) {
            return null;
        }
        try {
            long offset = buf.getLong();
            int n = buf.getInt();
            ProducerStateTable t = new ProducerStateTable();
            for (int i = 0; i < n; i++) {
                long pid = buf.getLong();
                Entry e = new Entry();
                e.epoch = buf.getShort();
                e.count = buf.get();
                if (e.count < 1 || e.count > RETAINED_BATCHES) {
                    return null;
                }
                for (int j = 0; j < e.count; j++) {
                    e.firstSeq[j] = buf.getInt();
                    e.lastSeq[j] = buf.getInt();
                    e.firstOffset[j] = buf.getLong();
                    e.lastOffset[j] = buf.getLong();
                }
                t.producers.put(pid, e);
            }
            return new Snapshot(offset, t);
        } catch (BufferUnderflowException e) {
            return null;
        }
    }

    /** One producer: its epoch and its last batches, oldest first. */
    private static final class Entry {
        short epoch = -1;
        int count;
        final int[] firstSeq = new int[RETAINED_BATCHES];
        final int[] lastSeq = new int[RETAINED_BATCHES];
        final long[] firstOffset = new long[RETAINED_BATCHES];
        final long[] lastOffset = new long[RETAINED_BATCHES];

        void add(short newEpoch, int first, int last, long firstOff, long lastOff) {
            if (newEpoch != epoch) {
                epoch = newEpoch;
                count = 0;
            }
            if (count == RETAINED_BATCHES) {
                System.arraycopy(firstSeq, 1, firstSeq, 0, RETAINED_BATCHES - 1);
                System.arraycopy(lastSeq, 1, lastSeq, 0, RETAINED_BATCHES - 1);
                System.arraycopy(firstOffset, 1, firstOffset, 0, RETAINED_BATCHES - 1);
                System.arraycopy(lastOffset, 1, lastOffset, 0, RETAINED_BATCHES - 1);
                count--;
            }
            firstSeq[count] = first;
            lastSeq[count] = last;
            firstOffset[count] = firstOff;
            lastOffset[count] = lastOff;
            count++;
        }

        Duplicate find(int first, int last) {
            for (int i = count - 1; i >= 0; i--) {
                if (firstSeq[i] == first && lastSeq[i] == last) {
                    return new Duplicate(firstOffset[i], lastOffset[i]);
                }
            }
            return null;
        }

        Entry copy() {
            Entry c = new Entry();
            c.epoch = epoch;
            c.count = count;
            System.arraycopy(firstSeq, 0, c.firstSeq, 0, count);
            System.arraycopy(lastSeq, 0, c.lastSeq, 0, count);
            System.arraycopy(firstOffset, 0, c.firstOffset, 0, count);
            System.arraycopy(lastOffset, 0, c.lastOffset, 0, count);
            return c;
        }
    }
}
