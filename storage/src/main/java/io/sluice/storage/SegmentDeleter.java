package io.sluice.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes segments gently, like Kafka's {@code file.delete.delay.ms}: a segment leaving a log
 * (retention, DeleteRecords, compaction) has its files renamed to {@code NAME.deleted} at once,
 * so no later open or roll can mistake them for live files, while its channel stays open for
 * {@code delayMs} so that fetches already holding a {@link LogSlice} of it complete. Then the
 * channel is closed and the files are removed.
 *
 * <p>On disk: {@code OFFSET20.log.deleted}, {@code .index.deleted}, {@code .timeindex.deleted}
 * in the partition directory. {@link LogLoader} removes leftovers on open.
 *
 * <p>Thread-safety: any thread may call {@link #renameForDeletion} (under the owning log's flush
 * lock, since it renames the segment's files) and {@link #schedule}. Deletions run on the
 * store's maintenance executor, or inline when the delay is 0 or no executor is given.
 */
final class SegmentDeleter {

    static final String DELETED_SUFFIX = ".deleted";

    private static final System.Logger LOG = System.getLogger(SegmentDeleter.class.getName());

    private final ScheduledExecutorService executor;
    private final long delayMs;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Segment segment, List<Path> files, ScheduledFuture<?> future) {
    }

    /**
     * @param executor where delayed deletions run; null to delete inline
     * @param delayMs  how long a removed segment's channel stays open, 0 to close and delete at once
     */
    SegmentDeleter(ScheduledExecutorService executor, long delayMs) {
        this.executor = executor;
        this.delayMs = delayMs;
    }

    /** A deleter that removes files at once, on the caller's thread. */
    static SegmentDeleter immediate() {
        return new SegmentDeleter(null, 0);
    }

    /**
     * Renames the segment's existing files to {@code NAME.deleted} and marks the segment retired.
     * The caller holds the owning log's flush lock and must not let the segment be flushed again.
     *
     * @return the renamed files, for {@link #schedule}
     */
    static List<Path> renameForDeletion(Segment segment) throws IOException {
        segment.retire();
        List<Path> renamed = new ArrayList<>(3);
        for (Path f : segment.files()) {
            Path target = f.resolveSibling(f.getFileName() + DELETED_SUFFIX);
            if (Files.exists(f)) {
                Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                renamed.add(target);
            }
        }
        return renamed;
    }

    /** Closes {@code segment} and deletes {@code files} after the delay. */
    void schedule(Segment segment, List<Path> files) {
        if (executor == null || delayMs <= 0) {
            deleteNow(segment, files);
            return;
        }
        long id = ids.incrementAndGet();
        try {
            // the entry goes in first so that a task running at once finds it to remove
            pending.put(id, new Pending(segment, files, null));
            ScheduledFuture<?> f = executor.schedule(() -> {
                Pending p = pending.remove(id);
                if (p != null) {
                    deleteNow(p.segment, p.files);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
            pending.computeIfPresent(id, (k, p) -> new Pending(p.segment, p.files, f));
        } catch (RejectedExecutionException e) {
            pending.remove(id);
            deleteNow(segment, files); // the store is stopping: nobody is reading any more
        }
    }

    /** Deletes everything still waiting, now (store close: no reads are in flight any more). */
    void deleteAllNow() {
        for (Long id : new ArrayList<>(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                if (p.future != null) {
                    p.future.cancel(false);
                }
                deleteNow(p.segment, p.files);
            }
        }
    }

    /** Closes the channels of everything waiting but keeps the files (crash simulation): the next open removes them. */
    void abandonAll() {
        for (Long id : new ArrayList<>(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.segment.closeQuietly();
            }
        }
    }

    /** Segments waiting for deletion (for tests). */
    int pendingCount() {
        return pending.size();
    }

    private static void deleteNow(Segment segment, List<Path> files) {
        segment.closeQuietly();
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete " + f + "; it goes on the next open", e);
            }
        }
    }
}
