package io.sluice.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A segment's sparse offset index: maps the base offset of some batches to their byte position
 * in the segment's log file, one entry per {@code index.interval.bytes} of appended data.
 *
 * <p>File {@code OFFSET20.index}: 8-byte entries, big-endian: offset relative to the segment's
 * base offset (int32), file position (int32). Both strictly increase from entry to entry.
 *
 * <p>Thread-safety: as {@link IndexFile}.
 */
final class OffsetIndex extends IndexFile {

    static final int ENTRY_BYTES = 8;

    private final long baseOffset;

    OffsetIndex(Path file, long baseOffset) {
        super(file, ENTRY_BYTES);
        this.baseOffset = baseOffset;
    }

    /** Appender only: the batch with base offset {@code offset} starts at {@code position}. */
    void append(long offset, int position) {
        add(offset - baseOffset, position);
    }

    /**
     * The position of the last indexed batch whose base offset is {@code <= offset} and which
     * starts below {@code end}, or 0: where a scan for the batch holding {@code offset} begins.
     */
    int floorPosition(long offset, int end) {
        int n = count();
        long[] s = slots();
        int i = floorByKey(s, n, offset - baseOffset);
        while (i >= 0 && s[2 * i + 1] >= end) {
            i--;
        }
        return i < 0 ? 0 : (int) s[2 * i + 1];
    }

    /** The greatest indexed batch position {@code <= position}, or -1: all bytes before it are whole batches. */
    int floorPositionOfPosition(long position) {
        int n = count();
        long[] s = slots();
        int i = floorByValue(s, n, position);
        return i < 0 ? -1 : (int) s[2 * i + 1];
    }

    /** The last entry's position, or 0 when empty. */
    int lastPosition() {
        int n = count();
        return n == 0 ? 0 : (int) slots()[2 * n - 1];
    }

    /** The last entry's absolute offset, or -1 when empty. */
    long lastOffset() {
        int n = count();
        return n == 0 ? -1 : baseOffset + slots()[2 * n - 2];
    }

    @Override
    protected void encode(ByteBuffer out, long key, long value) {
        out.putInt((int) key).putInt((int) value);
    }

    @Override
    protected void decode(ByteBuffer in, long[] s, int at) {
        s[at] = in.getInt();
        s[at + 1] = in.getInt();
    }

    @Override
    protected boolean valid(long[] s, int i, int logSize) {
        long rel = s[2 * i];
        long pos = s[2 * i + 1];
        if (rel < 0 || pos < 0 || pos >= logSize) {
            return false;
        }
        return i == 0 || (rel > s[2 * i - 2] && pos > s[2 * i - 1]);
    }
}
