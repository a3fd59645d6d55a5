package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlType;
import org.apache.calcite.avatica.util.ByteString;

/**
 * COUNT_DISTINCT(x): the approximate number of distinct non-null values, as ksqlDB (which uses a
 * HyperLogLog too). A HyperLogLog of 2^12 one-byte registers (standard error about 1.6%), with
 * linear counting for small cardinalities, which makes small counts exact in practice (a handful
 * of values land in distinct registers). The accumulator is the registers as BYTES (4 KiB), so
 * state stays bounded however many values a group sees. Merge takes each register's maximum; no
 * undo (as in ksqlDB): a register cannot forget a value.
 *
 * <p>A value's hash is derived from its {@code hashCode()}, which the Java specification fixes
 * for every runtime class ({@code String}, boxed numbers, {@code BigDecimal}, {@code List}, {@code
 * Map}, {@link io.sluice.engine.types.Struct}, {@code ByteString}), so registers restored from a
 * state store keep matching new values after a restart.
 */
final class CountDistinct extends BaseAggregate {

  static final int PRECISION = 12;
  static final int REGISTERS = 1 << PRECISION;
  private static final ByteString EMPTY = new ByteString(new byte[REGISTERS]);

  CountDistinct() {
    super(SqlType.BYTES, SqlType.BIGINT);
  }

  @Override
  public Object initialize() {
    return EMPTY;
  }

  /** A 64-bit mix (MurmurHash3's finalizer) of the value's 32-bit hash. */
  static long hash(Object value) {
    long h = value.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public Object aggregate(Object input, Object acc, long sequence) {
    if (input == null) {
      return acc;
    }
    long h = hash(input);
    int index = (int) (h >>> (64 - PRECISION));
    byte rank = (byte) (Long.numberOfLeadingZeros((h << PRECISION) | (1L << (PRECISION - 1)))
        + 1);
    ByteString registers = (ByteString) acc;
    if (registers.byteAt(index) >= rank) {
      return acc;
    }
    byte[] copy = registers.getBytes();
    copy[index] = rank;
    return new ByteString(copy);
  }

  @Override
  public Object merge(Object earlier, Object later) {
    byte[] a = ((ByteString) earlier).getBytes();
    ByteString b = (ByteString) later;
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) Math.max(a[i], b.byteAt(i));
    }
    return new ByteString(a);
  }

  @Override
  public Object map(Object acc) {
    ByteString registers = (ByteString) acc;
    double sum = 0;
    int zeros = 0;
    for (int i = 0; i < REGISTERS; i++) {
      int r = registers.byteAt(i);
      sum += Math.scalb(1.0, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double m = REGISTERS;
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) {
      estimate = m * Math.log(m / zeros);
    }
    return Math.round(estimate);
  }
}
