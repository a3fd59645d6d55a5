package io.sluice.broker.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/**
 * Hands out producer ids that are never reused, also across restarts and crashes.
 *
 * <p>Ids are reserved in blocks: the end of the current block is written (and fsynced) to
 * {@code FILE} before any id of the block is handed out, so after a crash the next start
 * begins at the next block. At most one block of ids is skipped per restart.
 *
 * <p>Thread-safe.
 */
public final class ProducerIds {

    private static final long BLOCK = 1000;

    private final Path file;
    private long next;
    private long blockEnd;

    private ProducerIds(Path file, long start) {
        this.file = file;
        this.next = start;
        this.blockEnd = start;
    }

    /** Opens (or starts) the allocator whose state lives in {@code file}. */
    public static ProducerIds open(Path file) throws IOException {
        long start = 0;
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            try {
                start = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IOException("producer id file " + file + " is corrupt ('" + s + "'); "
                        + "delete it only if no producer of this broker is still running");
            }
        }
        return new ProducerIds(file, start);
    }

    /** A producer id never handed out before. */
    public synchronized long next() throws IOException {
        if (next >= blockEnd) {
            long end = next + BLOCK;
            persist(end);
            blockEnd = end;
        }
        return next++;
    }

    private void persist(long end) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(end), StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
