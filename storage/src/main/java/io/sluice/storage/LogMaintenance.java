package io.sluice.storage;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A store's background upkeep of its logs, besides flushing:
 * <ul>
 * <li>thread {@code sluice-log-retention}: every {@code log.retention.check.interval.ms}, applies
 *     retention to every log ({@link RetentionPolicy#apply}); it also runs the delayed
 *     deletions of the {@link SegmentDeleter} ({@code file.delete.delay.ms});</li>
 * <li>thread {@code sluice-log-cleaner} (unless disabled): every {@code log.cleaner.backoff.ms},
 *     a {@link LogCleaner} run over the compacted logs.</li>
 * </ul>
 *
 * <p>Thread-safety: {@link #runRetentionOnce} and {@link #runCleanerOnce} may be called from any
 * thread, also while the background threads run; {@link #start} and {@link #stop} by the store only.
 */
final class LogMaintenance {

    private static final System.Logger LOG = System.getLogger(LogMaintenance.class.getName());

    private final Supplier<List<FileLog>> logs;
    private final Clock clock;
    private final long retentionCheckIntervalMs;
    private final long cleanerBackoffMs;
    private final ScheduledThreadPoolExecutor retention;
    private final ScheduledThreadPoolExecutor cleanerThread;
    private final SegmentDeleter deleter;
    private final LogCleaner cleaner;

    LogMaintenance(Supplier<List<FileLog>> logs, Clock clock, long retentionCheckIntervalMs, long fileDeleteDelayMs,
                   long cleanerBackoffMs, boolean cleanerEnabled) {
        this.logs = logs;
        this.clock = clock;
        this.retentionCheckIntervalMs = retentionCheckIntervalMs;
        this.cleanerBackoffMs = cleanerBackoffMs;
        this.retention = executor("sluice-log-retention");
        this.cleanerThread = cleanerEnabled ? executor("sluice-log-cleaner") : null;
        this.deleter = new SegmentDeleter(retention, fileDeleteDelayMs);
        this.cleaner = new LogCleaner(logs, clock);
    }

    private static ScheduledThreadPoolExecutor executor(String name) {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        // on stop, delayed deletions are not waited for: the deleter finishes them itself
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        e.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return e;
    }

    SegmentDeleter deleter() {
        return deleter;
    }

    LogCleaner cleaner() {
        return cleaner;
    }

    void start() {
        retention.scheduleWithFixedDelay(this::retentionTick, retentionCheckIntervalMs, retentionCheckIntervalMs,
                TimeUnit.MILLISECONDS);
        if (cleanerThread != null) {
            cleanerThread.scheduleWithFixedDelay(cleaner::runOnce, cleanerBackoffMs, cleanerBackoffMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void retentionTick() {
        runRetentionOnce();
    }

    /** Applies retention to every log now; returns the number of segments deleted. */
    int runRetentionOnce() {
        long now = clock.millis();
        int deleted = 0;
        for (FileLog log : logs.get()) {
            try {
                deleted += RetentionPolicy.apply(log, now);
            } catch (IOException | RuntimeException e) {
                if (log.isOpen()) {
                    LOG.log(System.Logger.Level.ERROR, "retention of " + log + " failed", e);
                }
            }
        }
        return deleted;
    }

    /** One cleaner run now; returns the number of partitions cleaned. */
    int runCleanerOnce() {
        return cleaner.runOnce();
    }

    /**
     * Stops both threads. Clean stop: waits for a retention pass in progress, makes a cleaning
     * pass give up at its next batch; the caller then closes the logs and calls
     * {@link #finishDeletions}. Crash stop ({@code now}): interrupts both and lets pending
     * deletions go (the next open removes their files).
     */
    void stop(boolean now) {
        cleaner.stop();
        for (ScheduledThreadPoolExecutor e : cleanerThread == null ? List.of(retention)
                : List.of(cleanerThread, retention)) {
            if (now) {
                e.shutdownNow();
            } else {
                e.shutdown();
            }
            try {
                if (!e.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.log(System.Logger.Level.WARNING, "log maintenance did not stop within a minute");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (now) {
            deleter.abandonAll();
        }
    }

    /** After the logs are closed: deletes the segments still waiting for {@code file.delete.delay.ms}. */
    void finishDeletions() {
        deleter.deleteAllNow();
    }
}
