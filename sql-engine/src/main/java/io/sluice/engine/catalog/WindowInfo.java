package io.sluice.engine.catalog;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the keys of a windowed source's topic are windowed ({@code WINDOW_TYPE} and
 * {@code WINDOW_SIZE} of the WITH clause). Immutable.
 *
 * <p>Key layout (Kafka Streams', which ksqlDB reads and writes): the key's own bytes, then for
 * time windows (TUMBLING, HOPPING) the window start, for session windows the end then the start,
 * each an 8-byte big-endian number of milliseconds. A time window's end is not stored: it is the
 * start plus the size.
 *
 * @param type the window type
 * @param size the window size: present for {@link Type#TUMBLING} and {@link Type#HOPPING},
 *     empty for {@link Type#SESSION} (session windows carry their end in the key)
 */
public record WindowInfo(Type type, Optional<Duration> size) {

  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
      .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  /** ksqlDB's window types. */
  public enum Type {
    SESSION, TUMBLING, HOPPING
  }

  /**
   * @throws IllegalArgumentException when the size is present for a session window, missing for
   *     another, or not positive
   */
  public WindowInfo {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(size, "size");
    if (size.isPresent() == (type == Type.SESSION)) {
      throw new IllegalArgumentException(type + " windows " + (type == Type.SESSION
          ? "have no size" : "need a size"));
    }
    if (size.isPresent() && (size.get().isNegative() || size.get().isZero())) {
      throw new IllegalArgumentException("window size must be positive: " + size.get());
    }
  }

  /** The bytes the window adds at the end of a key: 16 for sessions, 8 otherwise. */
  public int keySuffix() {
    return type == Type.SESSION ? 16 : 8;
  }

  /** The record key of a window of the key {@code inner} (null for none: an empty key). */
  public byte[] key(byte[] inner, long start, long end) {
    int n = inner == null ? 0 : inner.length;
    byte[] out = new byte[n + keySuffix()];
    if (n > 0) {
      System.arraycopy(inner, 0, out, 0, n);
    }
    if (type == Type.SESSION) {
      putLong(out, n, end);
      putLong(out, n + 8, start);
    } else {
      putLong(out, n, start);
    }
    return out;
  }

  /** The key without its window; {@code key} has at least {@link #keySuffix()} bytes. */
  public byte[] innerKey(byte[] key) {
    return java.util.Arrays.copyOf(key, key.length - keySuffix());
  }

  /** The window start in a key of at least {@link #keySuffix()} bytes. */
  public long start(byte[] key) {
    return getLong(key, key.length - 8);
  }

  /** The window end in a key of at least {@link #keySuffix()} bytes. */
  public long end(byte[] key) {
    return type == Type.SESSION ? getLong(key, key.length - 16)
        : getLong(key, key.length - 8) + size.orElseThrow().toMillis();
  }

  private static void putLong(byte[] b, int at, long v) {
    LONGS.set(b, at, v);
  }

  private static long getLong(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }

  @Override
  public String toString() {
    return size.map(s -> type + " (" + s.toMillis() + " ms)").orElse(type.name());
  }
}
