package io.sluice.storage.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rebuilds a {@link StateStore} from scratch out of its changelog: every (map, key, value or null)
 * record in changelog order, then the positions the changelog's last commit recorded. For a lost
 * or corrupt store directory, or a task moved to another machine:
 * <pre>{@code
 * StateStore store = StateStore.restore(dir, options)
 *         .listener(p -> log(p.records() + " records, " + p.recordsPerSecond() + "/s"))
 *         .run(changelogRecords, positions);
 * }</pre>
 *
 * <p>Contract: the restore writes into the sibling directory {@code NAME.restoring} (deleted first
 * if a previous restore left it), in transactions of {@link #batchSize} records without sync, then
 * syncs, deletes {@code dir} and renames the sibling to {@code dir}, and opens it with the given
 * options. So {@code dir} holds either the old store, no store, or the complete restored one,
 * never a partial one: after a crash, a missing store means "restore again". Records are not
 * reported to the options' {@link Changelog} (they came from it). Deleting a store's directory
 * and restoring it from everything its changelog received gives the same maps, entries and
 * positions.
 *
 * <p>Thread-safety: one restore per directory, run on the calling thread.
 */
public final class StateRestore {

    static final String SUFFIX = ".restoring";

    private final Path dir;
    private final StateStoreOptions options;
    private RestoreListener listener = RestoreListener.NONE;
    private int batchSize = 10_000;

    StateRestore(Path dir, StateStoreOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /** Who is told about progress after each batch and at the end. */
    public StateRestore listener(RestoreListener l) {
        this.listener = l;
        return this;
    }

    /** Records per LMDB transaction (default 10,000). */
    public StateRestore batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + n);
        }
        this.batchSize = n;
        return this;
    }

    /**
     * Applies {@code records} in order and commits {@code positions} with the last of them.
     *
     * @return the restored store, open; the caller closes it
     */
    public StateStore run(Iterator<ChangeRecord> records, Map<String, Long> positions) throws IOException {
        Path work = dir.resolveSibling(dir.getFileName() + SUFFIX);
        deleteRecursively(work);
        long started = System.nanoTime();
        long count = 0;
        long bytes = 0;
        StateStoreOptions building = options.withChangelog(null).withSyncOnCommit(false);
        try (StateStore store = StateStore.open(work, building)) {
            Map<String, StateMap> maps = new HashMap<>();
            StateTransaction txn = store.begin();
            try {
                while (records.hasNext()) {
                    ChangeRecord r = records.next();
                    StateMap map = maps.get(r.map());
                    if (map == null) {
                        txn.commit(Map.of()); // maps are opened outside a transaction
                        map = store.map(r.map());
                        maps.put(r.map(), map);
                        txn = store.begin();
                    }
                    if (r.value() == null) {
                        txn.delete(map, r.key());
                    } else {
                        txn.put(map, r.key(), r.value());
                        bytes += r.value().length;
                    }
                    bytes += r.key().length;
                    if (++count % batchSize == 0) {
                        txn.commit(Map.of());
                        listener.onProgress(progress(count, bytes, started, false));
                        txn = store.begin();
                    }
                }
                txn.commit(positions);
            } finally {
                txn.close();
            }
        }
        // the work directory is complete and synced (close syncs): swap it in
        deleteRecursively(dir);
        Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel parent = FileChannel.open(dir.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            parent.force(true); // make the rename durable before the caller relies on it
        }
        StateStore restored = StateStore.open(dir, options);
        listener.onProgress(progress(count, bytes, started, true));
        return restored;
    }

    private static RestoreProgress progress(long count, long bytes, long startedNanos, boolean done) {
        long nanos = Math.max(1, System.nanoTime() - startedNanos);
        return new RestoreProgress(count, bytes, count * 1e9 / nanos, Duration.ofNanos(nanos), done);
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }
}
