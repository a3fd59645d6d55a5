package io.sluice.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A segment's sparse time index: each entry says "the greatest timestamp in the segment up to
 * here is T, first reached in the batch with base offset O". Entries are added next to offset
 * index entries when the maximum has grown since the last entry, and once more when the segment
 * stops being active, so the last entry holds the segment's maximum.
 *
 * <p>File {@code OFFSET20.timeindex}: 12-byte entries, big-endian: timestamp (int64), offset
 * relative to the segment's base offset (int32). Timestamps strictly increase; offsets never
 * decrease.
 *
 * <p>Lookup: every record in the batches up to an entry's offset is at or below its timestamp,
 * so a search for the first record at or after T may start at the batch of the last entry whose
 * timestamp is below T.
 *
 * <p>Thread-safety: as {@link IndexFile}.
 */
final class TimeIndex extends IndexFile {

    static final int ENTRY_BYTES = 12;

    private final long baseOffset;

    TimeIndex(Path file, long baseOffset) {
        super(file, ENTRY_BYTES);
        this.baseOffset = baseOffset;
    }

    /** Appender only: records (timestamp, offset) unless the last entry already has that timestamp or more. */
    void maybeAppend(long timestamp, long offset) {
        int n = count();
        if (n == 0 || timestamp > slots()[2 * n - 2]) {
            add(timestamp, offset - baseOffset);
        }
    }

    /** Base offset of the batch in the last entry whose timestamp is below {@code target}, or -1. */
    long offsetBefore(long target) {
        int n = count();
        long[] s = slots();
        if (target == Long.MIN_VALUE) {
            return -1;
        }
        int i = floorByKey(s, n, target - 1);
        return i < 0 ? -1 : baseOffset + s[2 * i + 1];
    }

    /** The last entry's timestamp, or {@link Long#MIN_VALUE} when empty. */
    long lastTimestamp() {
        int n = count();
        return n == 0 ? Long.MIN_VALUE : slots()[2 * n - 2];
    }

    /** The last entry's absolute offset, or -1 when empty. */
    long lastOffset() {
        int n = count();
        return n == 0 ? -1 : baseOffset + slots()[2 * n - 1];
    }

    @Override
    protected void encode(ByteBuffer out, long key, long value) {
        out.putLong(key).putInt((int) value);
    }

    @Override
    protected void decode(ByteBuffer in, long[] s, int at) {
        s[at] = in.getLong();
        s[at + 1] = in.getInt();
    }

    @Override
    protected boolean valid(long[] s, int i, int logSize) {
        if (s[2 * i + 1] < 0) {
            return false;
        }
        return i == 0 || (s[2 * i] > s[2 * i - 2] && s[2 * i + 1] >= s[2 * i - 1]);
    }
}
