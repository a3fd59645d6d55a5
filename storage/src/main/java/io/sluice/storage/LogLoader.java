package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Opens a partition directory: finds the segments, trusts or recovers them, and rebuilds the
 * idempotent-producer state.
 *
 * <p>Trusted without a scan: every segment after a clean shutdown, and otherwise the segments
 * that lie wholly below the checkpointed recovery point (they were forced to disk). Their index
 * files are loaded and checked; one that fails the checks is recovered instead. Recovered: every
 * segment from the one holding the recovery point onwards, batch by batch ({@link Recovery});
 * at the first bad batch that segment is cut and all later segments are deleted. Recovered
 * segments are forced to disk at once, so the recovery point of an opened log is its end.
 *
 * <p>Producer state: the snapshot (if it is not past the recovered end) plus the batch headers
 * after its offset, else all batch headers from the log start.
 *
 * <p>Stray files are removed: {@code *.tmp} (interrupted atomic writes) and index files without
 * a log file. Before anything else, a compaction swap interrupted by a crash is finished or
 * rolled back ({@link SegmentSetSwap#recover}), which also removes {@code *.cleaned} and
 * {@code *.deleted} leftovers. Runs before the log is visible to anyone; not thread-safe.
 */
final class LogLoader {

    private static final System.Logger LOG = System.getLogger(LogLoader.class.getName());

    /** An opened partition's state. */
    record Loaded(List<Segment> segments, long logStartOffset, ProducerStateTable producers, long snapshotOffset,
                  int recoveredSegments) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, String name, LogConfig config, boolean cleanShutdown) throws IOException {
        Files.createDirectories(dir);
        SegmentSetSwap.recover(dir, name);
        Checkpoints.PartitionCheckpoint cp = Checkpoints.readPartition(dir);
        long logStart = cp == null ? 0 : cp.logStartOffset();
        long recoveryPoint = cp == null ? 0 : cp.recoveryPoint();
        // a partition without a checkpoint was never closed cleanly, whatever the store says
        boolean trustAll = cleanShutdown && cp != null;
        List<Segment> segments = new ArrayList<>(openSegments(dir).values());
        int interval = config.indexIntervalBytes();

        while (segments.size() > 1 && segments.get(1).baseOffset <= logStart) {
            // below the start offset: deleteRecordsBefore got as far as the checkpoint, not the files
            segments.remove(0).delete();
        }
        int recovered = 0;
        if (segments.isEmpty()) {
            segments.add(Segment.create(dir, logStart));
        } else {
            recovered = loadOrRecover(dir, name, segments, trustAll, recoveryPoint, interval);
        }
        if (logStart < segments.get(0).baseOffset) {
            logStart = segments.get(0).baseOffset;
        }
        long end = segments.get(segments.size() - 1).nextOffset();
        if (logStart > end) {
            LOG.log(System.Logger.Level.WARNING, name + ": log start offset " + logStart + " is past the recovered"
                    + " end " + end + "; starting an empty log at " + logStart);
            for (Segment s : segments) {
                s.delete();
            }
            segments.clear();
            segments.add(Segment.create(dir, logStart));
            end = logStart;
        }
        Checkpoints.fsyncDirectory(dir);

        Path snapshotFile = dir.resolve(ProducerStateTable.SNAPSHOT_FILE);
        ProducerStateTable.Snapshot snapshot = ProducerStateTable.readSnapshot(snapshotFile);
        if (snapshot != null && snapshot.offset() > end) {
            LOG.log(System.Logger.Level.WARNING, name + ": producer snapshot at offset " + snapshot.offset()
                    + " is past the log end " + end + "; rebuilding producer state from the log");
            Files.deleteIfExists(snapshotFile);
            snapshot = null;
        }
        ProducerStateTable producers = snapshot != null ? snapshot.table() : new ProducerStateTable();
        replay(segments, snapshot != null ? snapshot.offset() : logStart, producers);
        producers.evictBefore(logStart);
        return new Loaded(segments, logStart, producers, snapshot != null ? snapshot.offset() : -1, recovered);
    }

    /** The segment files by base offset, opened; stray files deleted. */
    private static TreeMap<Long, Segment> openSegments(Path dir) throws IOException {
        TreeMap<Long, Segment> segments = new TreeMap<>();
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(Checkpoints.TMP_SUFFIX)) {
                    Files.deleteIfExists(f);
                } else if (Segment.parseBaseOffset(n, Segment.LOG_SUFFIX) >= 0) {
                    long base = Segment.parseBaseOffset(n, Segment.LOG_SUFFIX);
                    segments.put(base, Segment.open(dir, base));
                } else if (n.endsWith(Segment.INDEX_SUFFIX) || n.endsWith(Segment.TIME_INDEX_SUFFIX)) {
                    indexes.add(f);
                }
            }
        }
        for (Path f : indexes) {
            String n = f.getFileName().toString();
            long base = Math.max(Segment.parseBaseOffset(n, Segment.INDEX_SUFFIX),
                    Segment.parseBaseOffset(n, Segment.TIME_INDEX_SUFFIX));
            if (!segments.containsKey(base)) {
                Files.deleteIfExists(f);
            }
        }
        return segments;
    }

    /**
     * Loads the trusted segments and recovers the rest, deleting segments that cannot follow
     * a truncated one.
     *
     * @return how many segments were scanned
     */
    private static int loadOrRecover(Path dir, String name, List<Segment> segments, boolean trustAll,
                                     long recoveryPoint, int interval) throws IOException {
        int recoverFrom = segments.size();
        long next = segments.get(0).baseOffset;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean flushed = i + 1 < segments.size() && segments.get(i + 1).baseOffset <= recoveryPoint;
            if (!(trustAll || flushed)) {
                recoverFrom = i;
                break;
            }
            if (s.baseOffset < next || !s.loadTrusted(interval)) {
                LOG.log(System.Logger.Level.INFO, name + ": indexes of " + s + " are missing or inconsistent;"
                        + " recovering it");
                recoverFrom = i;
                break;
            }
            next = s.nextOffset();
        }
        if (recoverFrom == segments.size()) {
            return 0;
        }
        Recovery recovery = new Recovery();
        int scanned = 0;
        for (int i = recoverFrom; i < segments.size(); i++) {
            Segment s = segments.get(i);
            String dropReason = null;
            if (s.baseOffset < next) {
                dropReason = "its base offset " + s.baseOffset + " overlaps the segment before it";
            } else {
                Recovery.Result r = recovery.recover(s, next, interval);
                scanned++;
                next = r.nextOffset();
                s.flush();
                if (r.truncated()) {
                    LOG.log(System.Logger.Level.WARNING, name + ": truncated " + s + " at byte " + r.validBytes()
                            + " (" + r.reason() + "), dropping " + r.truncatedBytes() + " bytes; log end offset "
                            + next);
                    dropReason = "an earlier segment was truncated";
                    i++;
                }
            }
            if (dropReason != null) {
                while (segments.size() > i) {
                    Segment dropped = segments.remove(i);
                    LOG.log(System.Logger.Level.WARNING, name + ": deleting " + dropped + " (" + dropReason + ")");
                    dropped.delete();
                }
                if (segments.isEmpty()) {
                    segments.add(Segment.create(dir, next));
                }
            }
        }
        LOG.log(System.Logger.Level.INFO, name + ": recovered " + scanned + " segment(s); log end offset " + next);
        return scanned;
    }

    /** Feeds the batch headers from offset {@code from} on to the producer state. */
    private static void replay(List<Segment> segments, long from, ProducerStateTable producers) throws IOException {
        ByteBuffer hdr = ByteBuffer.allocate(BatchHeader.HEADER_SIZE);
        for (Segment s : segments) {
            if (s.nextOffset() <= from) {
                continue;
            }
            FileChannel ch = s.channel();
            int end = s.size();
            int pos = s.offsetIndex.floorPosition(from, end);
            while (pos < end) {
                Segment.readFully(ch, hdr, pos, BatchHeader.HEADER_SIZE);
                if (BatchHeader.baseOffset(hdr, 0) >= from) {
                    producers.applyBatch(hdr, 0);
                }
                pos += BatchHeader.sizeInBytes(hdr, 0);
            }
        }
    }
}
