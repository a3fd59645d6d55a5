package io.sluice.storage.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The internal database {@value #NAME} of a {@link StateStore}: {@code format} to int64
 * {@value #FORMAT}, and {@code position/NAME} (UTF-8) to the committed int64 big-endian position
 * of input NAME, written in the same LMDB transaction as the state they produced.
 *
 * <p>Thread-safety: {@link #write} is called by the writer only; the rest at open.
 */
final class StateMeta {

    static final String NAME = "__sluice_meta";
    static final long FORMAT = 1;
    private static final byte[] FORMAT_KEY = "format".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POSITION_PREFIX = "position/".getBytes(StandardCharsets.US_ASCII);

    private final Dbi<ByteBuffer> dbi;
    private final ByteBuffer keyBuf = ByteBuffer.allocateDirect(512);
    private final ByteBuffer valBuf = ByteBuffer.allocateDirect(8);

    StateMeta(Env<ByteBuffer> env) {
        this.dbi = env.openDbi(NAME, DbiFlags.MDB_CREATE);
    }

    /** Checks the format (writing it into a new store) and returns the committed positions. */
    Map<String, Long> load(Env<ByteBuffer> env, Object where) {
        Map<String, Long> pos = new TreeMap<>();
        long format;
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer f = dbi.get(txn, key(FORMAT_KEY));
            format = f == null ? -1 : f.getLong(0);
            try (Cursor<ByteBuffer> c = dbi.openCursor(txn)) {
                boolean ok = c.get(key(POSITION_PREFIX), GetOp.MDB_SET_RANGE);
                while (ok) {
                    byte[] k = new byte[c.key().remaining()];
                    c.key().duplicate().get(k);
                    if (k.length < POSITION_PREFIX.length
                            || !Arrays.equals(k, 0, POSITION_PREFIX.length, POSITION_PREFIX, 0, POSITION_PREFIX.length)) {
                        break;
                    }
                    pos.put(new String(k, POSITION_PREFIX.length, k.length - POSITION_PREFIX.length,
                            StandardCharsets.UTF_8), c.val().getLong(0));
                    ok = c.next();
                }
            }
        }
        if (format == -1) {
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                dbi.put(txn, key(FORMAT_KEY), value(FORMAT));
                txn.commit();
            }
        } else if (format != FORMAT) {
            throw new StateStoreException("state store " + where + " has format " + format + ", not " + FORMAT);
        }
        return Collections.unmodifiableMap(pos);
    }

    /** Writes {@code positions} into the writer's transaction. */
    void write(Txn<ByteBuffer> txn, Map<String, Long> positions) {
        for (Map.Entry<String, Long> e : positions.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            keyBuf.clear();
            keyBuf.put(POSITION_PREFIX).put(name).flip();
            dbi.put(txn, keyBuf, value(e.getValue()));
        }
    }

    private ByteBuffer key(byte[] k) {
        keyBuf.clear();
        keyBuf.put(k).flip();
        return keyBuf;
    }

    private ByteBuffer value(long v) {
        valBuf.clear();
        valBuf.putLong(v).flip();
        return valBuf;
    }
}
