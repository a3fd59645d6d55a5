package io.sluice.engine.exec;

import io.sluice.engine.format.Format;
import io.sluice.engine.format.FormatOptions;
import io.sluice.engine.format.Serde;
import io.sluice.engine.format.SerdeFactory;
import io.sluice.engine.format.SerdeRole;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.util.Arrays;
import java.util.List;

/**
 * The state-store encoding of a row's key columns: one byte string per key whose unsigned
 * lexicographic order (LMDB's) is the SQL order of the columns, first column first. Key lookups,
 * key ranges and prefixes of multi-column keys are then byte ranges of the store.
 *
 * <p>Per column: a marker, {@code 0x01} for NULL (nulls sort first) or {@code 0x02}, then the
 * value: BOOLEAN one byte; INTEGER, DATE, TIME 4 bytes and BIGINT, TIMESTAMP 8 bytes, big-endian
 * with the sign bit flipped; DOUBLE 8 bytes of its IEEE bits with the sign bit flipped, or all
 * bits flipped when negative (so negatives sort before positives, NaN last); STRING in CESU-8
 * (UTF-8 of each UTF-16 unit, so byte order is {@link String#compareTo}'s order, the order SQL
 * comparisons use), each 0x00 byte written 0x00 0xFF, then the terminator 0x00 0x00. Every
 * column's encoding is self-delimiting, so no key is a proper prefix of another and a prefix of
 * the columns is a byte prefix of the key. Types without such an order (BYTES, DECIMAL, ARRAY,
 * MAP, STRUCT) are written as their JSON text escaped and terminated like a string: equal values
 * give equal bytes (lookups work) but the byte order is not the SQL order ({@link #ordered}).
 *
 * <p>Thread-safety: immutable; use from any thread.
 */
public final class OrderedKeys {

  static final byte NULL = 0x01;
  static final byte VALUE = 0x02;

  private final SqlType[] types;
  /** Per column, the JSON serde of the types written as JSON, else null. */
  private final Serde[] json;

  public OrderedKeys(List<Column> columns) {
    this.types = columns.stream().map(Column::type).toArray(SqlType[]::new);
    this.json = new Serde[types.length];
    for (int i = 0; i < types.length; i++) {
      if (!ordered(types[i])) {
        json[i] = SerdeFactory.create(Format.JSON, FormatOptions.DEFAULTS.withWrapSingleValue(false),
            List.of(columns.get(i)), SerdeRole.VALUE);
      }
    }
  }

  /** Whether the unsigned byte order of this type's encoding is its SQL order. */
  public static boolean ordered(SqlType type) {
    return switch (type.baseType()) {
      case BOOLEAN, INTEGER, BIGINT, DOUBLE, STRING, DATE, TIME, TIMESTAMP -> true;
      default -> false;
    };
  }

  /** The number of key columns. */
  public int size() {
    return types.length;
  }

  /** The key of every column's value. */
  public byte[] encode(Object[] values) {
    return encode(values, types.length);
  }

  /**
   * The encoding of the first {@code count} columns: the common byte prefix of every key whose
   * first columns have these values.
   */
  public byte[] encode(Object[] values, int count) {
    byte[][] jsons = null;
    int length = 0;
    for (int i = 0; i < count; i++) {
      Object v = values[i];
      if (v == null) {
        length++;
        continue;
      }
      if (json[i] != null) {
        if (jsons == null) {
          jsons = new byte[count][];
        }
        jsons[i] = json[i].serialize(new Object[] {v});
      }
      length += 1 + valueLength(i, v, jsons == null ? null : jsons[i]);
    }
    byte[] out = new byte[length];
    int at = 0;
    for (int i = 0; i < count; i++) {
      Object v = values[i];
      if (v == null) {
        out[at++] = NULL;
        continue;
      }
      out[at++] = VALUE;
      at = writeValue(i, v, jsons == null ? null : jsons[i], out, at);
    }
    return out;
  }

  private int valueLength(int column, Object v, byte[] jsonBytes) {
    return switch (types[column].baseType()) {
      case BOOLEAN -> 1;
      case INTEGER, DATE, TIME -> 4;
      case BIGINT, TIMESTAMP, DOUBLE -> 8;
      case STRING -> cesuLength((String) v) + 2;
      default -> escapedLength(jsonBytes) + 2;
    };
  }

  private int writeValue(int column, Object v, byte[] jsonBytes, byte[] out, int at) {
    switch (types[column].baseType()) {
      case BOOLEAN -> out[at++] = (byte) (((Boolean) v) ? 1 : 0);
      case INTEGER, DATE, TIME -> {
        int f = ((Integer) v) ^ Integer.MIN_VALUE;
        for (int b = 3; b >= 0; b--) {
          out[at + b] = (byte) f;
          f >>>= 8;
        }
        at += 4;
      }
      case BIGINT, TIMESTAMP -> at = putLong(out, at, ((Long) v) ^ Long.MIN_VALUE);
      case DOUBLE -> {
        long bits = Double.doubleToLongBits((Double) v);
        at = putLong(out, at, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
      }
      case STRING -> {
        at = writeCesu((String) v, out, at);
        out[at++] = 0;
        out[at++] = 0;
      }
      default -> {
        for (byte b : jsonBytes) {
          out[at++] = b;
          if (b == 0) {
            out[at++] = (byte) 0xFF;
          }
        }
        out[at++] = 0;
        out[at++] = 0;
      }
    }
    return at;
  }

  /** The column values of a key made by {@link #encode(Object[])}. */
  public Object[] decode(byte[] key) {
    Object[] out = new Object[types.length];
    int at = 0;
    for (int i = 0; i < types.length; i++) {
      byte marker = key[at++];
      if (marker == NULL) {
        continue;
      }
      if (marker != VALUE) {
        throw new IllegalArgumentException("not an encoded key: marker " + marker + " at " + (at - 1));
      }
      switch (types[i].baseType()) {
        case BOOLEAN -> out[i] = key[at++] != 0;
        case INTEGER, DATE, TIME -> {
          int v = 0;
          for (int b = 0; b < 4; b++) {
            v = v << 8 | (key[at++] & 0xff);
          }
          out[i] = v ^ Integer.MIN_VALUE;
        }
        case BIGINT, TIMESTAMP -> {
          out[i] = getLong(key, at) ^ Long.MIN_VALUE;
          at += 8;
        }
        case DOUBLE -> {
          long f = getLong(key, at);
          at += 8;
          out[i] = Double.longBitsToDouble(f < 0 ? f ^ Long.MIN_VALUE : ~f);
        }
        case STRING -> {
          StringBuilder s = new StringBuilder();
          at = readCesu(key, at, s);
          out[i] = s.toString();
        }
        default -> {
          int end = terminator(key, at);
          byte[] raw = unescape(key, at, end);
          at = end + 2;
          out[i] = json[i].deserialize(raw)[0];
        }
      }
    }
    return out;
  }

  /**
   * The least byte string greater than every string that starts with {@code prefix} (its last
   * byte below 0xFF incremented, the rest dropped), or null when there is none (all 0xFF): an
   * exclusive upper bound for a prefix range.
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] out = Arrays.copyOf(prefix, i + 1);
        out[i]++;
        return out;
      }
    }
    return null;
  }

  private static int putLong(byte[] out, int at, long f) {
    for (int b = 7; b >= 0; b--) {
      out[at + b] = (byte) f;
      f >>>= 8;
    }
    return at + 8;
  }

  private static long getLong(byte[] in, int at) {
    long v = 0;
    for (int b = 0; b < 8; b++) {
      v = v << 8 | (in[at + b] & 0xff);
    }
    return v;
  }

  /** Bytes of the CESU-8 form of {@code s} with 0x00 escaped (no terminator). */
  private static int cesuLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c == 0 ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
  }

  private static int writeCesu(String s, byte[] out, int at) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        out[at++] = 0;
        out[at++] = (byte) 0xFF;
      } else if (c < 0x80) {
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3F);
      } else {
        out[at++] = (byte) (0xE0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return at;
  }

  /** Reads a CESU-8 string up to and past its terminator; returns the position after it. */
  private static int readCesu(byte[] in, int at, StringBuilder out) {
    while (true) {
      int b = in[at++] & 0xff;
      if (b == 0) {
        if (in[at++] == 0) {
          return at;
        }
        out.append('\0');
      } else if (b < 0x80) {
        out.append((char) b);
      } else if (b < 0xE0) {
        out.append((char) ((b & 0x1F) << 6 | in[at++] & 0x3F));
      } else {
        int c = (b & 0x0F) << 12 | (in[at++] & 0x3F) << 6;
        out.append((char) (c | in[at++] & 0x3F));
      }
    }
  }

  private static int escapedLength(byte[] bytes) {
    int n = bytes.length;
    for (byte b : bytes) {
      if (b == 0) {
        n++;
      }
    }
    return n;
  }

  /** The position of the 0x00 0x00 terminator of an escaped value starting at {@code at}. */
  private static int terminator(byte[] in, int at) {
    while (true) {
      if (in[at] == 0) {
        if (in[at + 1] == 0) {
          return at;
        }
        at += 2;
      } else {
        at++;
      }
    }
  }

  private static byte[] unescape(byte[] in, int from, int to) {
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      out[n++] = in[i];
      if (in[i] == 0) {
        i++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Whether a column's type is one whose order {@link #ordered} keeps, by index. */
  public boolean ordered(int column) {
    return ordered(types[column]);
  }

  /** The type of a key column. */
  public SqlType type(int column) {
    return types[column];
  }
}
