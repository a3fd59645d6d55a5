package io.sluice.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Common part of a segment's two sparse indexes: entries are (key, value) pairs of longs held
 * in a growable in-memory array, which is what lookups use, and appended to the index file only
 * when the log is flushed, so the append path never writes index files itself.
 *
 * <p>A file holds fixed-size big-endian entries, nothing else; its format is the subclass's.
 * A file can lag its in-memory index (entries not flushed yet) or, after a crash, hold entries
 * past the valid data: {@link #load} refuses any entry that breaks the index's invariants and
 * the owner then rebuilds the index from the log, and {@link #flush} cuts the file back to the
 * entries known to be good before appending.
 *
 * <p>Thread-safety: one appender (the log's append lock) adds entries while any number of
 * readers search them without locking. The appender writes an entry, then publishes it by the
 * volatile {@code count}; a reader reads {@code count} first and then {@code slots}, so it
 * sees every entry below its count (a grown array is published before the count that needs it).
 * {@link #flush} runs under the log's flush lock; {@link #load} and {@link #clear} only while the
 * log is being opened.
 */
abstract class IndexFile {

    private static final int INITIAL_SLOTS = 64;

    private final Path file;
    private final int entryBytes;
    private volatile long[] slots = new long[INITIAL_SLOTS];
    private volatile int count;
    /** Entries known to be in the file, which may hold garbage after them; guarded by the flush lock. */
    private int written;
    /** True when the file may not match the first {@code written} entries' length. */
    private boolean fileMayDiffer = true;

    IndexFile(Path file, int entryBytes) {
        this.file = file;
        this.entryBytes = entryBytes;
    }

    /** The index file's path (it may not exist yet: entries reach it on flush). */
    final Path file() {
        return file;
    }

    /** Number of entries; read it before {@link #slots()}. */
    final int count() {
        return count;
    }

    /** Entry i occupies slots 2i (key) and 2i+1 (value). */
    final long[] slots() {
        return slots;
    }

    final boolean isFull(int maxIndexBytes) {
        return (long) (count + 1) * entryBytes > maxIndexBytes;
    }

    /** Appender only. */
    final void add(long key, long value) {
        int n = count;
        long[] s = slots;
        if (2 * n + 2 > s.length) {
            s = Arrays.copyOf(s, s.length * 2);
            slots = s;
        }
        s[2 * n] = key;
        s[2 * n + 1] = value;
        count = n + 1;
    }

    /** Index of the last of the first {@code n} entries whose key is {@code <= key}, or -1. */
    static int floorByKey(long[] s, int n, long key) {
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s[2 * mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Like {@link #floorByKey} on values; only for indexes whose values increase too. */
    static int floorByValue(long[] s, int n, long value) {
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s[2 * mid + 1] <= value) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Drops every entry so the index can be rebuilt; the file is rewritten on the next flush. */
    final void clear() {
        slots = new long[INITIAL_SLOTS];
        count = 0;
        written = 0;
        fileMayDiffer = true;
    }

    /**
     * Reads the file into memory.
     *
     * @param logSize the size of the segment's log file, which every position must lie below
     * @return false when the file is missing, torn or holds an entry that breaks the index's
     *         invariants; the index is then empty and the caller rebuilds it from the log
     */
    final boolean load(int logSize) throws IOException {
        clear();
        if (!Files.exists(file)) {
            return false;
        }
        long size = Files.size(file);
        if (size % entryBytes != 0 || size / entryBytes > Integer.MAX_VALUE / 2 - 1) {
            return false;
        }
        int n = (int) (size / entryBytes);
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    throw new EOFException(file + " shrank while being read");
                }
            }
        }
        buf.flip();
        long[] s = new long[Math.max(INITIAL_SLOTS, 2 * n + 2)];
        for (int i = 0; i < n; i++) {
            decode(buf, s, 2 * i);
            if (!valid(s, i, logSize)) {
                return false;
            }
        }
        slots = s;
        count = n;
        written = n;
        fileMayDiffer = false;
        return true;
    }

    /** Appends the entries the file lacks and forces the file. Runs under the log's flush lock. */
    final void flush() throws IOException {
        int n = count;
        if (n == written && !fileMayDiffer) {
            return;
        }
        long[] s = slots;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long good = (long) written * entryBytes;
            if (ch.size() < good) {
                // shorter than we thought (someone cut it): rewrite from the last whole entry
                written = (int) (ch.size() / entryBytes);
                good = (long) written * entryBytes;
            }
            if (ch.size() > good) {
                ch.truncate(good);
            }
            if (n > written) {
                ByteBuffer buf = ByteBuffer.allocate((n - written) * entryBytes);
                for (int i = written; i < n; i++) {
                    encode(buf, s[2 * i], s[2 * i + 1]);
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    ch.write(buf, good + buf.position());
                }
            }
            ch.force(false);
        }
        written = n;
        fileMayDiffer = false;
    }

    final void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Writes one entry in file format. */
    protected abstract void encode(ByteBuffer out, long key, long value);

    /** Reads one entry into {@code s[at]} (key) and {@code s[at + 1]} (value). */
    protected abstract void decode(ByteBuffer in, long[] s, int at);

    /** True when entry i is consistent with the entries before it and with the log size. */
    protected abstract boolean valid(long[] s, int i, int logSize);
}
