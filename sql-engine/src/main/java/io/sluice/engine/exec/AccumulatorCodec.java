package io.sluice.engine.exec;

import io.sluice.engine.format.Serde;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The bytes of one group's (or window's) accumulators in state. Every stored value is read and
 * rewritten once per input record, so the common case (each accumulator a scalar: COUNT, SUM,
 * MIN, MAX, LATEST_BY_OFFSET of a scalar, a window's result time) uses a binary layout that costs
 * no parsing; accumulators holding collections or structs are stored as a JSON object.
 *
 * <p>Binary layout: {@code 0x01}, then per accumulator in order a presence byte ({@code 0} =
 * NULL, nothing follows; {@code 1} = a value follows) and the value: BOOLEAN 1 byte; INTEGER,
 * DATE, TIME 4 bytes; BIGINT, TIMESTAMP 8 bytes; DOUBLE its 8 IEEE bits; STRING and BYTES a
 * 4-byte length and the bytes (UTF-8 for STRING); DECIMAL a 4-byte scale, a 4-byte length and the
 * unscaled value's two's-complement bytes. Integers are big-endian. A JSON value starts with
 * {@code '{'}, so both layouts are told apart by the first byte and state written in JSON stays
 * readable.
 *
 * <p>Thread-safety: immutable; safe from any thread (the JSON serde's contract).
 */
final class AccumulatorCodec {

  private static final byte BINARY = 1;
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Serde json;
  /** Each accumulator's scalar kind, or null when one is not scalar (then JSON only). */
  private final Kind[] kinds;

  private enum Kind { BOOLEAN, INT, LONG, DOUBLE, STRING, BYTES, DECIMAL }

  AccumulatorCodec(List<SqlType> types) {
    List<Column> columns = new ArrayList<>();
    Kind[] k = new Kind[types.size()];
    for (int i = 0; i < types.size(); i++) {
      columns.add(new Column("A" + i, types.get(i)));
      k[i] = kind(types.get(i));
    }
    this.json = StateStores.rowSerde(columns);
    this.kinds = Arrays.asList(k).contains(null) ? null : k;
  }

  private static Kind kind(SqlType type) {
    return switch (type.baseType()) {
      case BOOLEAN -> Kind.BOOLEAN;
      case INTEGER, DATE, TIME -> Kind.INT;
      case BIGINT, TIMESTAMP -> Kind.LONG;
      case DOUBLE -> Kind.DOUBLE;
      case STRING -> Kind.STRING;
      case BYTES -> Kind.BYTES;
      case DECIMAL -> Kind.DECIMAL;
      case ARRAY, MAP, STRUCT -> null;
    };
  }

  /** The stored bytes of {@code accumulators} (one value per type, in the runtime classes). */
  byte[] encode(Object[] accumulators) {
    if (kinds == null || accumulators.length != kinds.length) {
      return json.serialize(accumulators);
    }
    int size = 1;
    byte[][] blobs = null; // the bytes of STRING, BYTES and DECIMAL values, by accumulator
    for (int i = 0; i < kinds.length; i++) {
      Object v = accumulators[i];
      size++;
      if (v == null) {
        continue;
      }
      int n = fixedWidth(kinds[i], v);
      if (n == 0) {
        byte[] blob = blob(kinds[i], v);
        if (blob == null) {
          return json.serialize(accumulators); // not the declared class: JSON converts or refuses
        }
        if (blobs == null) {
          blobs = new byte[kinds.length][];
        }
        blobs[i] = blob;
        n = (kinds[i] == Kind.DECIMAL ? 8 : 4) + blob.length;
      } else if (n < 0) {
        return json.serialize(accumulators);
      }
      size += n;
    }
    byte[] out = new byte[size];
    out[0] = BINARY;
    int at = 1;
    for (int i = 0; i < kinds.length; i++) {
      Object v = accumulators[i];
      if (v == null) {
        out[at++] = 0;
        continue;
      }
      out[at++] = 1;
      switch (kinds[i]) {
        case BOOLEAN -> out[at++] = (byte) ((Boolean) v ? 1 : 0);
        case INT -> {
          putInt(out, at, (Integer) v);
          at += 4;
        }
        case LONG -> {
          putLong(out, at, (Long) v);
          at += 8;
        }
        case DOUBLE -> {
          putLong(out, at, Double.doubleToRawLongBits((Double) v));
          at += 8;
        }
        case STRING, BYTES -> at = putBytes(out, at, blobs[i]);
        case DECIMAL -> {
          putInt(out, at, ((BigDecimal) v).scale());
          at = putBytes(out, at + 4, blobs[i]);
        }
        default -> throw new AssertionError(kinds[i]);
      }
    }
    return out;
  }

  /** The accumulators stored as {@code bytes} (either layout); a new array the caller owns. */
  Object[] decode(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != BINARY) {
      return json.deserialize(bytes);
    }
    if (kinds == null) {
      throw new IllegalStateException("binary accumulators for non-scalar types");
    }
    Object[] out = new Object[kinds.length];
    int at = 1;
    for (int i = 0; i < kinds.length; i++) {
      if (bytes[at++] == 0) {
        continue;
      }
      switch (kinds[i]) {
        case BOOLEAN -> out[i] = bytes[at++] != 0;
        case INT -> {
          out[i] = getInt(bytes, at);
          at += 4;
        }
        case LONG -> {
          out[i] = getLong(bytes, at);
          at += 8;
        }
        case DOUBLE -> {
          out[i] = Double.longBitsToDouble(getLong(bytes, at));
          at += 8;
        }
        case STRING, BYTES -> {
          int len = getInt(bytes, at);
          at += 4;
          out[i] = kinds[i] == Kind.STRING ? new String(bytes, at, len, StandardCharsets.UTF_8)
              : new ByteString(Arrays.copyOfRange(bytes, at, at + len));
          at += len;
        }
        case DECIMAL -> {
          int scale = getInt(bytes, at);
          int len = getInt(bytes, at + 4);
          at += 8;
          out[i] = new BigDecimal(new BigInteger(Arrays.copyOfRange(bytes, at, at + len)), scale);
          at += len;
        }
        default -> throw new AssertionError(kinds[i]);
      }
    }
    return out;
  }

  /**
   * The bytes {@code v} takes after its presence byte for a fixed-width kind, 0 for a kind stored
   * as a blob, -1 when {@code v} is not of {@code kind}'s class.
   */
  private static int fixedWidth(Kind kind, Object v) {
    return switch (kind) {
      case BOOLEAN -> v instanceof Boolean ? 1 : -1;
      case INT -> v instanceof Integer ? 4 : -1;
      case LONG -> v instanceof Long ? 8 : -1;
      case DOUBLE -> v instanceof Double ? 8 : -1;
      case STRING, BYTES, DECIMAL -> 0;
    };
  }

  /** The variable-length bytes of a STRING, BYTES or DECIMAL value, or null when not of its class. */
  private static byte[] blob(Kind kind, Object v) {
    return switch (kind) {
      case STRING -> v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
      case BYTES -> v instanceof ByteString b ? b.getBytes() : null;
      case DECIMAL -> v instanceof BigDecimal d ? d.unscaledValue().toByteArray() : null;
      default -> throw new AssertionError(kind);
    };
  }

  private static int putBytes(byte[] out, int at, byte[] b) {
    putInt(out, at, b.length);
    System.arraycopy(b, 0, out, at + 4, b.length);
    return at + 4 + b.length;
  }

  private static void putInt(byte[] b, int at, int v) {
    INTS.set(b, at, v);
  }

  private static void putLong(byte[] b, int at, long v) {
    LONGS.set(b, at, v);
  }

  private static int getInt(byte[] b, int at) {
    return (int) INTS.get(b, at);
  }

  private static long getLong(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }
}
