package io.sluice.storage;

import java.io.IOException;
import java.util.List;

/**
 * Which of a log's oldest segments {@code cleanup.policy=delete} removes, with Kafka's rules:
 * <ul>
 * <li>{@code retention.ms} (-1 keeps everything): a segment goes when
 *     {@code now - largestTimestamp > retention.ms}, largestTimestamp being its greatest record
 *     timestamp (the file's mtime when it has none, {@link Segment#largestTimestamp});</li>
 * <li>{@code retention.bytes} (-1 = unlimited), applied after time: with
 *     {@code diff = total size - retention.bytes}, the oldest segments go while
 *     {@code diff - segment size >= 0}, diff shrinking by each one.</li>
 * </ul>
 * Only a prefix of the log is ever deleted, oldest first, and the scan stops at the first segment
 * that stays. The active segment counts like any other unless it is empty: when it is chosen the
 * log rolls first, so the log ends up empty at an unchanged end offset.
 *
 * <p>Stateless; {@link #decide} runs under the log's append lock, so the segment list cannot change meanwhile.
 */
final class RetentionPolicy {

    /** How many of the oldest segments go, and why (also what DeleteRecords decides). */
    record Decision(int count, String reason) {
        static final Decision NONE = new Decision(0, "");
    }

    /** Picks the oldest segments to delete, given all of them, oldest first. */
    interface Chooser {
        Decision choose(List<Segment> segments) throws IOException;
    }

    private RetentionPolicy() {
    }

    /**
     * Applies retention to {@code log} now (nothing unless its {@code cleanup.policy} contains
     * {@code delete}); see {@link FileLog#deleteOldest} for how segments go.
     *
     * @return the number of segments deleted
     */
    static int apply(FileLog log, long now) throws IOException {
        if (!log.config().delete()) {
            return 0;
        }
        return log.deleteOldest(segments -> decide(segments, log.config(), now), 0);
    }

    /**
     * @param segments the log's segments, oldest first, the active one last
     */
    static Decision decide(List<Segment> segments, LogConfig config, long now) throws IOException {
        if (!config.delete()) {
            return Decision.NONE;
        }
        int last = segments.size() - 1;
        // an empty active segment never goes: the log would just create it again
        int limit = segments.get(last).size() == 0 ? last : last + 1;
        int byTime = 0;
        long retentionMs = config.retentionMs();
        if (retentionMs >= 0) {
            while (byTime < limit && now - segments.get(byTime).largestTimestamp() > retentionMs) {
                byTime++;
            }
        }
        int bySize = byTime;
        long retentionBytes = config.retentionBytes();
        if (retentionBytes >= 0) {
            long total = 0;
            for (int i = byTime; i < segments.size(); i++) {
                total += segments.get(i).size();
            }
            long diff = total - retentionBytes;
            while (bySize < limit && diff - segments.get(bySize).size() >= 0) {
                diff -= segments.get(bySize).size();
                bySize++;
            }
        }
        if (bySize == 0) {
            return Decision.NONE;
        }
        String reason = byTime == 0 ? "retention.bytes " + retentionBytes
                : bySize == byTime ? "retention.ms " + retentionMs
                : "retention.ms " + retentionMs + " and retention.bytes " + retentionBytes;
        return new Decision(bySize, reason);
    }
}
