package io.sluice.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a log back as records (offset, key, value) for the retention and compaction tests. */
final class KeyedRecords {

    private KeyedRecords() {
    }

    /** One record as read back; value null for a tombstone. */
    record Kv(long offset, String key, String value, long timestamp) {
    }

    /** Every record from the log start to the end, in log order; checks CRCs and that offsets increase. */
    static List<Kv> all(PartitionLog log) throws IOException {
        List<Kv> out = new ArrayList<>();
        long last = -1;
        for (ByteBuffer batch : StoreTestBase.readAll(log)) {
            assertTrue(TestBatches.crcValid(batch), "CRC of batch at " + StoreTestBase.baseOffset(batch));
            ByteBuffer b = batch.slice();
            for (BatchRecords.Record r : BatchRecords.decode(b, 0)) {
                assertTrue(r.offset > last, "offsets must increase: " + r.offset + " after " + last);
                last = r.offset;
                ByteBuffer v = r.value();
                out.add(new Kv(r.offset, r.hasKey() ? new String(r.key(), StandardCharsets.UTF_8) : null,
                        v == null ? null : StandardCharsets.UTF_8.decode(v).toString(), r.timestamp));
            }
        }
        return out;
    }

    /** The last record of each key, in order of first appearance. */
    static Map<String, Kv> latest(List<Kv> records) {
        Map<String, Kv> m = new LinkedHashMap<>();
        for (Kv r : records) {
            m.remove(r.key);
            m.put(r.key, r);
        }
        return m;
    }

    static ByteBuffer batch(long timestamp, String... keyValues) {
        TestBatches.Builder b = TestBatches.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            b.keyed(timestamp, keyValues[i], keyValues[i + 1]);
        }
        return b.build();
    }

    static String str(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }
}
