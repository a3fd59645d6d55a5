package io.sluice.storage.state;

/**
 * The key layout of windowed state: (key, window start, window end) as one byte string whose
 * unsigned order is key order, then start, then end, so that all windows of a key are contiguous
 * and in start order, and the windows of a key with starts in {@code [a, b)} are one range scan.
 *
 * <p>Layout: {@code escape(key) 0x00 0x00 | start | end}. {@code escape} writes each 0x00 byte of
 * the key as {@code 0x00 0xFF} and leaves every other byte as is; the two-byte terminator sorts
 * below any escaped byte, so no encoded key is a prefix of another and keys keep their unsigned
 * order (a plain length-less concatenation would interleave the windows of "a" with those of
 * "a\u0080..."). {@code start} and {@code end} are 8-byte big-endian with the sign bit flipped, so
 * negative times sort before positive ones. The encoding adds 18 bytes plus one per 0x00 in the
 * key, and must fit {@link StateStore#maxKeySize()}.
 *
 * <p>Thread-safety: stateless.
 */
public final class WindowedKeys {

    /** Bytes after the escaped key: terminator, start, end. */
    static final int SUFFIX = 18;

    private WindowedKeys() {
    }

    /** The stored key of window {@code [start, end)} of {@code key}. */
    public static byte[] encode(byte[] key, long start, long end) {
        int escaped = escapedLength(key);
        byte[] out = new byte[escaped + SUFFIX];
        int at = escape(key, out);
        at += 2; // terminator 0x00 0x00
        putFlipped(out, at, start);
        putFlipped(out, at + 8, end);
        return out;
    }

    /** The common prefix of every window of {@code key}, for a prefix scan over all of them. */
    public static byte[] keyPrefix(byte[] key) {
        byte[] out = new byte[escapedLength(key) + 2];
        escape(key, out);
        return out;
    }

    /** The lowest stored key of {@code key}'s windows starting at or after {@code start}: a scan's from. */
    public static byte[] startBound(byte[] key, long start) {
        byte[] out = new byte[escapedLength(key) + 10];
        int at = escape(key, out) + 2;
        putFlipped(out, at, start);
        return out;
    }

    /**
     * A bound on stored keys from a bound on original keys: for any byte string {@code b} and
     * any key {@code k}, every stored key of {@code k} is at least {@code keyBound(b)} exactly
     * when {@code k >= b} (unsigned order), so a range of original keys, or of their prefixes,
     * is one range of stored keys (with all windows of the keys in it).
     */
    public static byte[] keyBound(byte[] bound) {
        byte[] out = new byte[escapedLength(bound)];
        escape(bound, out);
        return out;
    }

    /** The original key of a stored windowed key. */
    public static byte[] key(byte[] windowed) {
        int end = windowed.length - SUFFIX;
        int n = 0;
        for (int i = 0; i < end; i++, n++) {
            if (windowed[i] == 0) {
                i++; // 0x00 0xFF stands for one 0x00
            }
        }
        byte[] out = new byte[n];
        for (int i = 0, o = 0; i < end; i++, o++) {
            out[o] = windowed[i];
            if (windowed[i] == 0) {
                i++;
            }
        }
        return out;
    }

    public static long start(byte[] windowed) {
        return getFlipped(windowed, windowed.length - 16);
    }

    public static long end(byte[] windowed) {
        return getFlipped(windowed, windowed.length - 8);
    }

    /** 8 bytes whose unsigned order is the signed order of {@code v}. */
    static void putFlipped(byte[] out, int at, long v) {
        long f = v ^ Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) f;
            f >>>= 8;
        }
    }

    static long getFlipped(byte[] in, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (in[at + i] & 0xff);
        }
        return v ^ Long.MIN_VALUE;
    }

    private static int escapedLength(byte[] key) {
        int n = key.length;
        for (byte b : key) {
            if (b == 0) {
                n++;
            }
        }
        return n;
    }

    /** Writes the escaped key at 0 and returns its length. */
    private static int escape(byte[] key, byte[] out) {
        int o = 0;
        for (byte b : key) {
            out[o++] = b;
            if (b == 0) {
                out[o++] = (byte) 0xFF;
            }
        }
        return o;
    }
}
