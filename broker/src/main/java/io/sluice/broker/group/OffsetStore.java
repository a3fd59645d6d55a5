package io.sluice.broker.group;

import io.sluice.broker.records.WireRecords;
import io.sluice.storage.LogSlice;
import io.sluice.storage.LogStore;
import io.sluice.storage.PartitionLog;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets of every group, kept in memory and in the compacted internal topic
 * {@value #TOPIC} so they survive restarts: each commit appends one record per partition
 * (key: group, topic, partition; value: offset, leader epoch, metadata, commit time); deleting
 * offsets appends tombstones. On start the topic is replayed.
 *
 * <p>Record layout (big-endian, {@link DataOutputStream} encoding): key = short version 0, UTF
 * group, UTF topic, int partition; value = short version 0, long offset, int leader epoch,
 * UTF metadata, long commit timestamp.
 *
 * <p>Thread-safe: commits are appended and applied under this object's lock, so the topic's
 * order is the order readers see.
 */
public final class OffsetStore {

    /** The internal topic, named as Kafka names it so tools recognise it. */
    public static final String TOPIC = "__consumer_offsets";

    private static final Logger LOG = LoggerFactory.getLogger(OffsetStore.class);

    /** A committed offset. */
    public record Committed(long offset, int leaderEpoch, String metadata, long commitTimestamp) {
    }

    /** A topic partition by name. */
    public record Partition(String topic, int partition) {
    }

    private final PartitionLog log;
    private final Map<String, Map<Partition, Committed>> offsets = new HashMap<>();

    private OffsetStore(PartitionLog log) {
        this.log = log;
    }

    /** Opens the store over {@code store}, creating the internal topic on first use and replaying it. */
    public static OffsetStore open(LogStore store) throws IOException {
        if (store.topic(TOPIC).isEmpty()) {
            store.createTopic(TOPIC, 1, Map.of("cleanup.policy", "compact"));
        }
        OffsetStore s = new OffsetStore(store.log(TOPIC, 0));
        s.replay();
        return s;
    }

    private void replay() throws IOException {
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        int records = 0;
        while (offset < end) {
            LogSlice slice = log.read(offset, 1 << 20, true);
            if (slice.size() == 0) {
                break;
            }
            long[] next = {offset};
            ByteBuffer bytes = slice.readFully();
            int[] count = {0};
            WireRecords.forEachRecord(bytes, (off, key, value) -> {
                apply(key, value);
                next[0] = off + 1;
                count[0]++;
            });
            records += count[0];
            if (next[0] == offset) {
                break;
            }
            offset = next[0];
        }
        LOG.info("loaded committed offsets of {} group(s) from {} record(s) of {}", offsets.size(), records, TOPIC);
    }

    private void apply(byte[] key, byte[] value) {
        try {
            DataInputStream k = new DataInputStream(new java.io.ByteArrayInputStream(key));
            if (k.readShort() != 0) {
                return;
            }
            String group = k.readUTF();
            Partition p = new Partition(k.readUTF(), k.readInt());
            if (value == null) {
                Map<Partition, Committed> m = offsets.get(group);
                if (m != null) {
                    m.remove(p);
                    if (m.isEmpty()) {
                        offsets.remove(group);
                    }
                }
                return;
            }
            DataInputStream v = new DataInputStream(new java.io.ByteArrayInputStream(value));
            if (v.readShort() != 0) {
                return;
            }
            offsets.computeIfAbsent(group, g -> new HashMap<>())
                    .put(p, new Committed(v.readLong(), v.readInt(), v.readUTF(), v.readLong()));
        } catch (IOException e) {
            LOG.warn("skipped an unreadable record in {}: {}", TOPIC, e.toString());
        }
    }

    /** Durably records {@code commits} for {@code group} (appended to the internal topic before it is visible). */
    public synchronized void commit(String group, Map<Partition, Committed> commits) throws IOException {
        if (commits.isEmpty()) {
            return;
        }
        List<Map.Entry<byte[], byte[]>> kvs = new ArrayList<>();
        for (Map.Entry<Partition, Committed> e : commits.entrySet()) {
            kvs.add(new AbstractMap.SimpleEntry<>(key(group, e.getKey()), value(e.getValue())));
        }
        log.append(WireRecords.batchOf(System.currentTimeMillis(), kvs));
        offsets.computeIfAbsent(group, g -> new HashMap<>()).putAll(commits);
    }

    /** The committed offsets of {@code group} (a copy; empty when none). */
    public synchronized Map<Partition, Committed> committed(String group) {
        return new HashMap<>(offsets.getOrDefault(group, Map.of()));
    }

    /** True when the group has any committed offset. */
    public synchronized boolean hasOffsets(String group) {
        return offsets.containsKey(group);
    }

    /** Every group with committed offsets. */
    public synchronized Set<String> groups() {
        return Set.copyOf(offsets.keySet());
    }

    /** Deletes the given partitions' offsets of {@code group} (tombstones in the internal topic). */
    public synchronized void delete(String group, Set<Partition> partitions) throws IOException {
        Map<Partition, Committed> m = offsets.get(group);
        if (m == null) {
            return;
        }
        List<Map.Entry<byte[], byte[]>> kvs = new ArrayList<>();
        for (Partition p : partitions) {
            if (m.containsKey(p)) {
                kvs.add(new AbstractMap.SimpleEntry<>(key(group, p), null));
            }
        }
        if (!kvs.isEmpty()) {
            log.append(WireRecords.batchOf(System.currentTimeMillis(), kvs));
            partitions.forEach(m::remove);
            if (m.isEmpty()) {
                offsets.remove(group);
            }
        }
    }

    /** Deletes all offsets of {@code group}. */
    public synchronized void deleteGroup(String group) throws IOException {
        Map<Partition, Committed> m = offsets.get(group);
        if (m != null) {
            delete(group, Set.copyOf(m.keySet()));
        }
    }

    private static byte[] key(String group, Partition p) {
        return encode(out -> {
            out.writeShort(0);
            out.writeUTF(group);
            out.writeUTF(p.topic());
            out.writeInt(p.partition());
        });
    }

    private static byte[] value(Committed c) {
        return encode(out -> {
            out.writeShort(0);
            out.writeLong(c.offset());
            out.writeInt(c.leaderEpoch());
            out.writeUTF(c.metadata() == null ? "" : c.metadata());
            out.writeLong(c.commitTimestamp());
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] encode(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
