package io.sluice.storage.state;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rough throughput of the usage pattern the engine follows (read-modify-write per record, one
 * commit per batch), of snapshot point gets, and of restore. Not a test: run by hand with
 * {@code java -cp <test classpath> io.sluice.storage.state.LmdbStateBench [records]}.
 */
public final class LmdbStateBench {

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int keys = 100_000;
        int perCommit = 20_000;
        Path dir = Files.createTempDirectory("state-bench");
        byte[] key = new byte[16];
        java.util.List<ChangeRecord> log = new java.util.ArrayList<>();
        Changelog keepLast = new Changelog() {
            @Override
            public void change(String map, ByteBuffer k, ByteBuffer v) {
                // the engine would serialize to a producer here; measure the store alone
            }

            @Override
            public void commit(Map<String, Long> positions) {
            }
        };
        for (boolean sync : new boolean[] {false, true}) {
            Path d = dir.resolve("sync-" + sync);
            try (StateStore store = StateStore.open(d, StateStoreOptions.DEFAULTS.withSyncOnCommit(sync)
                    .withChangelog(keepLast))) {
                StateMap sums = store.map("sums");
                long t0 = System.nanoTime();
                for (int offset = 0; offset < records; ) {
                    try (StateTransaction t = store.begin()) {
                        for (int i = 0; i < perCommit; i++, offset++) {
                            ByteBuffer.wrap(key).putLong(0, offset % keys * 0x9E3779B97F4A7C15L).putLong(8, offset % keys);
                            byte[] old = t.get(sums, key);
                            long sum = (old == null ? 0 : ByteBuffer.wrap(old).getLong()) + 1;
                            t.put(sums, key, ByteBuffer.allocate(8).putLong(sum).array());
                        }
                        t.commit(Map.of("in", (long) offset));
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("sync=%s: %,d read-modify-writes over %,d keys, %d per commit: %.2f s, %,.0f records/s%n",
                        sync, records, keys, perCommit, s, records / s);
                if (!sync) {
                    long t1 = System.nanoTime();
                    int gets = 1_000_000;
                    try (StateSnapshot r = store.snapshot()) {
                        for (int i = 0; i < gets; i++) {
                            ByteBuffer.wrap(key).putLong(0, i % keys * 0x9E3779B97F4A7C15L).putLong(8, i % keys);
                            r.get(sums, key);
                        }
                    }
                    double gs = (System.nanoTime() - t1) / 1e9;
                    System.out.printf("snapshot point gets: %,.0f/s%n", gets / gs);
                    try (StateSnapshot r = store.snapshot(); StateCursor c = r.scan(sums, null, null)) {
                        while (c.next()) {
                            log.add(new ChangeRecord("sums", c.key(), c.value()));
                        }
                    }
                }
            }
        }
        for (int i = 0; i < 9; i++) { // a changelog longer than the state, as before compaction
            log.addAll(log.subList(0, keys));
        }
        RestoreProgress[] last = new RestoreProgress[1];
        try (StateStore s = StateStore.restore(dir.resolve("restored"), StateStoreOptions.DEFAULTS)
                .listener(p -> last[0] = p).run(log.iterator(), Map.of("in", (long) records))) {
            System.out.printf("restore: %,d records in %d ms, %,.0f records/s%n", last[0].records(),
                    last[0].elapsed().toMillis(), last[0].recordsPerSecond());
        }
        StateRestore.deleteRecursively(dir);
    }
}
