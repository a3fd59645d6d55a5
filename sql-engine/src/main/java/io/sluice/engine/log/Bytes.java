package io.sluice.engine.log;

/** Printing of the byte arrays inside the record types. */
final class Bytes {

    private static final int SHOWN = 32;

    private Bytes() {
    }

    /** {@code null}, or the bytes as text when printable ASCII, else hex; long arrays are cut. */
    static String show(byte[] b) {
        if (b == null) {
            return "null";
        }
        int n = Math.min(b.length, SHOWN);
        boolean text = true;
        for (int i = 0; i < n && text; i++) {
            text = b[i] >= 0x20 && b[i] < 0x7f;
        }
        StringBuilder s = new StringBuilder(n * 2 + 16);
        if (text) {
            s.append('"');
            for (int i = 0; i < n; i++) {
                s.append((char) b[i]);
            }
            s.append('"');
        } else {
            s.append("0x");
            for (int i = 0; i < n; i++) {
                s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
            }
        }
        if (b.length > n) {
            s.append("...(").append(b.length).append(" bytes)");
        }
        return s.toString();
    }

}
