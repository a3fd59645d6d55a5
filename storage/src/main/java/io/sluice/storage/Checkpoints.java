package io.sluice.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small metadata files replaced atomically, and the per-partition checkpoint.
 *
 * <p>Atomic replacement: the content goes to {@code NAME.tmp}, which is forced, renamed over
 * {@code NAME} and the directory forced, so a reader finds either the old or the new file whole.
 * Leftover {@code .tmp} files are garbage after a crash and are deleted when the log opens.
 *
 * <p>Partition checkpoint, file {@code checkpoint} in the partition directory, UTF-8 text:
 * <pre>
 * 1                  format version
 * LOG_START_OFFSET   first offset still readable
 * RECOVERY_POINT     every batch below it was forced to disk
 * </pre>
 *
 * <p>Stateless; callers serialize writes of the same file (the log's flush lock).
 */
final class Checkpoints {

    static final String PARTITION_CHECKPOINT = "checkpoint";
    static final String TMP_SUFFIX = ".tmp";

    private static final System.Logger LOG = System.getLogger(Checkpoints.class.getName());

    /** Log start offset and recovery point as last written. */
    record PartitionCheckpoint(long logStartOffset, long recoveryPoint) {
    }

    private Checkpoints() {
    }

    /** Replaces {@code target} with {@code content}: write a temp file, force it, rename, force the directory. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(target.getParent());
    }

    /** Makes renames and new files in {@code dir} durable; a no-op where the platform cannot. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open directories; their file systems order metadata themselves
            LOG.log(System.Logger.Level.TRACE, "cannot fsync directory " + dir, e);
        }
    }

    static void writePartition(Path partitionDir, PartitionCheckpoint c) throws IOException {
        String text = "1\n" + c.logStartOffset() + "\n" + c.recoveryPoint() + "\n";
        writeAtomically(partitionDir.resolve(PARTITION_CHECKPOINT), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The partition's checkpoint, or null when there is none or it cannot be read (logged). */
    static PartitionCheckpoint readPartition(Path partitionDir) throws IOException {
        Path file = partitionDir.resolve(PARTITION_CHECKPOINT);
        if (!Files.exists(file)) {
            return null;
        }
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        try {
            if (lines.length >= 3 && lines[0].trim().equals("1")) {
                long start = Long.parseLong(lines[1].trim());
                long recovery = Long.parseLong(lines[2].trim());
                if (start >= 0 && recovery >= 0) {
                    return new PartitionCheckpoint(start, recovery);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the warning
        }
        LOG.log(System.Logger.Level.WARNING, "ignoring unreadable checkpoint " + file
                + "; the whole log will be recovered");
        return null;
    }
}
