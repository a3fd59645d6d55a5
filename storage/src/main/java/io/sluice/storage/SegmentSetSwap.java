package io.sluice.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a run of segments by one cleaned segment so that a crash at any point leaves either
 * the old set or the new set on disk, never a mix.
 *
 * <p>Steps, in the partition directory (the new segment has the first old segment's base offset):
 * <ol>
 * <li>the cleaner writes and forces {@code NEW.log.cleaned}, {@code NEW.index.cleaned} and
 *     {@code NEW.timeindex.cleaned} (before this class is involved);</li>
 * <li>{@link #MARKER_FILE} is written atomically (temp file, fsync, rename, directory fsync),
 *     listing the new base offset and the old ones: <b>the commit point</b>;</li>
 * <li>every file of every old segment is renamed to {@code NAME.deleted} ({@link SegmentDeleter}
 *     removes them after {@code file.delete.delay.ms});</li>
 * <li>every {@code .cleaned} file is renamed to its final name;</li>
 * <li>the marker is deleted.</li>
 * </ol>
 * Marker format, UTF-8 text: {@code 1} (version), the new base offset, the old base offsets
 * separated by commas, one per line.
 *
 * <p>On open ({@link #recover}, called by {@link LogLoader} before it lists segments): with a
 * marker, steps 3-5 are finished (rolled forward; each is idempotent, and a file named like the
 * new segment is known to be old exactly while its {@code .cleaned} counterpart still exists);
 * without one, the swap never committed and {@code .cleaned} files are deleted (rolled back).
 * Leftover {@code .deleted} files are removed either way.
 *
 * <p>Thread-safety: one instance per swap, used by one thread, which holds the owning log's
 * append and flush locks during {@link #commit}. {@link #recover} runs before the log is visible.
 */
final class SegmentSetSwap {

    static final String MARKER_FILE = "cleaner.swap";
    static final String CLEANED_SUFFIX = ".cleaned";
    private static final List<String> KINDS = List.of(Segment.LOG_SUFFIX, Segment.INDEX_SUFFIX,
            Segment.TIME_INDEX_SUFFIX);

    private static final System.Logger LOG = System.getLogger(SegmentSetSwap.class.getName());

    /** Thrown by the test hook in place of a crash; an Error so that no caller's recovery code runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(int ops) {
            super("simulated crash after " + ops + " file operation(s) of a segment swap");
        }
    }

    private final Path dir;
    private final long newBase;
    private final List<Long> oldBases;
    private final int crashAfterOps;
    private int ops;
    private boolean committed;

    /**
     * @param crashAfterOps test hook: throw {@link SimulatedCrash} once this many file operations
     *                      (marker write, each rename, marker delete) are done; -1 never
     */
    SegmentSetSwap(Path dir, long newBase, List<Long> oldBases, int crashAfterOps) {
        if (oldBases.isEmpty() || oldBases.get(0) != newBase) {
            throw new IllegalArgumentException("the new segment must take the first old segment's base offset");
        }
        this.dir = dir;
        this.newBase = newBase;
        this.oldBases = List.copyOf(oldBases);
        this.crashAfterOps = crashAfterOps;
    }

    /**
     * Steps 2 to 5, then opens the installed segment. The caller holds the log's append and flush
     * locks; {@code old} are the segments being replaced, retired here once the swap is committed
     * (their files are renamed, so their channels must never be reopened by path).
     */
    Segment commit(List<Segment> old, int indexIntervalBytes) throws IOException {
        step();
        Checkpoints.writeAtomically(dir.resolve(MARKER_FILE), markerText().getBytes(StandardCharsets.UTF_8));
        committed = true;
        old.forEach(Segment::retire);
        for (long base : oldBases) {
            for (String kind : KINDS) {
                Path f = Segment.file(dir, base, kind);
                if (Files.exists(f)) {
                    step();
                    Files.move(f, deleted(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Checkpoints.fsyncDirectory(dir);
        for (String kind : KINDS) {
            Path cleaned = Segment.file(dir, newBase, kind + CLEANED_SUFFIX);
            if (Files.exists(cleaned)) {
                step();
                Files.move(cleaned, Segment.file(dir, newBase, kind), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Checkpoints.fsyncDirectory(dir);
        step();
        Files.delete(dir.resolve(MARKER_FILE));
        Checkpoints.fsyncDirectory(dir);
        step();
        return openInstalled(dir, newBase, indexIntervalBytes);
    }

    /** True once the marker is written: from then on the swap completes, now or on the next open. */
    boolean committed() {
        return committed;
    }

    /** Where step 3 puts {@code f}. */
    static Path deleted(Path f) {
        return f.resolveSibling(f.getFileName() + SegmentDeleter.DELETED_SUFFIX);
    }

    /** Deletes the {@code .cleaned} files of a swap that will not happen. */
    static void discardCleaned(Path dir, long base) throws IOException {
        for (String kind : KINDS) {
            Files.deleteIfExists(Segment.file(dir, base, kind + CLEANED_SUFFIX));
        }
    }

    private void step() {
        if (ops == crashAfterOps) {
            throw new SimulatedCrash(ops);
        }
        ops++;
    }

    private String markerText() {
        StringBuilder sb = new StringBuilder("1\n").append(newBase).append('\n');
        for (int i = 0; i < oldBases.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(oldBases.get(i));
        }
        return sb.append('\n').toString();
    }

    private static Segment openInstalled(Path dir, long base, int indexIntervalBytes) throws IOException {
        Segment s = Segment.open(dir, base);
        if (!s.loadTrusted(indexIntervalBytes)) {
            new Recovery().recover(s, base, indexIntervalBytes);
            s.flush();
        }
        return s;
    }

    /**
     * Finishes or rolls back a swap interrupted by a crash, then removes {@code .cleaned} and
     * {@code .deleted} leftovers. Runs while the partition is being opened.
     */
    static void recover(Path dir, String name) throws IOException {
        Path marker = dir.resolve(MARKER_FILE);
        if (Files.exists(marker)) {
            String[] lines = Files.readString(marker, StandardCharsets.UTF_8).split("\n");
            // the marker is written atomically, so an unreadable one means a broken disk, not a torn write
            if (lines.length < 3 || !lines[0].trim().equals("1")) {
                throw new IOException(marker + " is not a segment swap marker this version understands");
            }
            long newBase = Long.parseLong(lines[1].trim());
            List<Long> olds = new ArrayList<>();
            for (String s : lines[2].trim().split(",")) {
                olds.add(Long.parseLong(s.trim()));
            }
            for (long base : olds) {
                for (String kind : KINDS) {
                    Path f = Segment.file(dir, base, kind);
                    boolean stillOld = base != newBase
                            || Files.exists(Segment.file(dir, newBase, kind + CLEANED_SUFFIX));
                    if (stillOld) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            for (String kind : KINDS) {
                Path cleaned = Segment.file(dir, newBase, kind + CLEANED_SUFFIX);
                if (Files.exists(cleaned)) {
                    Files.move(cleaned, Segment.file(dir, newBase, kind), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Checkpoints.fsyncDirectory(dir);
            Files.delete(marker);
            LOG.log(System.Logger.Level.INFO, name + ": finished a compaction swap interrupted by a crash: segment "
                    + Segment.name(newBase) + " replaces " + olds.size() + " segment(s)");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(CLEANED_SUFFIX) || n.endsWith(SegmentDeleter.DELETED_SUFFIX)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Checkpoints.fsyncDirectory(dir);
    }
}
