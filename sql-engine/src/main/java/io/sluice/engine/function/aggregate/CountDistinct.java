package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.calcite.avatica.util.ByteString;

/**
 * COUNT_DISTINCT(x): the number of distinct non-null values, exact up to {@link #SPARSE_MAX}
 * values and approximate beyond (ksqlDB's is approximate throughout: a HyperLogLog).
 *
 * <p>The accumulator is BYTES, so state stays bounded (at most 4 KiB and a byte) however many
 * values a group sees. Byte 0 says which form follows: {@code 0} sparse, the sorted distinct 64-bit
 * hashes of the values seen (exact); {@code 1} dense, a HyperLogLog of 2^12 one-byte registers
 * (standard error about 1.6%, linear counting for small estimates). The sparse form turns dense
 * when it would pass {@link #SPARSE_MAX} hashes. Merge unions hashes or takes each register's
 * maximum. No undo (as in ksqlDB): a register cannot forget a value.
 *
 * <p>A value's hash is derived from its {@code hashCode()}, which the Java specification fixes
 * for every runtime class ({@code String}, boxed numbers, {@code BigDecimal}, {@code List}, {@code
 * Map}, {@link io.sluice.engine.types.Struct}, {@code ByteString}), so accumulators restored from a
 * state store keep matching new values after a restart.
 */
final class CountDistinct extends BaseAggregate {

  static final int PRECISION = 12;
  static final int REGISTERS = 1 << PRECISION;
  static final int SPARSE_MAX = 511;
  private static final byte SPARSE = 0;
  private static final byte DENSE = 1;
  private static final ByteString EMPTY = new ByteString(new byte[] {SPARSE});

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

  private static long[] hashes(byte[] acc) {
    long[] out = new long[(acc.length - 1) / 8];
    ByteBuffer.wrap(acc, 1, acc.length - 1).asLongBuffer().get(out);
    return out;
  }

  private static ByteString sparse(long[] sortedHashes) {
    if (sortedHashes.length > SPARSE_MAX) {
      byte[] registers = new byte[REGISTERS];
      for (long h : sortedHashes) {
        add(registers, h);
      }
      return dense(registers);
    }
    ByteBuffer b = ByteBuffer.allocate(1 + 8 * sortedHashes.length).put(SPARSE);
    b.asLongBuffer().put(sortedHashes);
    return new ByteString(b.array());
  }

  private static ByteString dense(byte[] registers) {
    byte[] out = new byte[1 + REGISTERS];
    out[0] = DENSE;
    System.arraycopy(registers, 0, out, 1, REGISTERS);
    return new ByteString(out);
  }

  /** The registers of an accumulator (a sparse one's hashes folded in). */
  private static byte[] registers(byte[] acc) {
    if (acc[0] == DENSE) {
      return Arrays.copyOfRange(acc, 1, acc.length);
    }
    byte[] registers = new byte[REGISTERS];
    for (long h : hashes(acc)) {
      add(registers, h);
    }
    return registers;
  }

  private static boolean add(byte[] registers, long h) {
    int index = (int) (h >>> (64 - PRECISION));
    byte rank = (byte) (Long.numberOfLeadingZeros((h << PRECISION) | (1L << (PRECISION - 1)))
        + 1);
    if (registers[index] >= rank) {
      return false;
    }
    registers[index] = rank;
    return true;
  }

  @Override
  public Object aggregate(Object input, Object acc, long sequence) {
    if (input == null) {
      return acc;
    }
    long h = hash(input);
    byte[] bytes = ((ByteString) acc).getBytes();
    if (bytes[0] == DENSE) {
      byte[] registers = registers(bytes);
      return add(registers, h) ? dense(registers) : acc;
    }
    long[] hs = hashes(bytes);
    int at = Arrays.binarySearch(hs, h);
    if (at >= 0) {
      return acc;
    }
    int insert = -at - 1;
    long[] out = new long[hs.length + 1];
    System.arraycopy(hs, 0, out, 0, insert);
    out[insert] = h;
    System.arraycopy(hs, insert, out, insert + 1, hs.length - insert);
    return sparse(out);
  }

  @Override
  public Object merge(Object earlier, Object later) {
    byte[] a = ((ByteString) earlier).getBytes();
    byte[] b = ((ByteString) later).getBytes();
    if (a[0] == SPARSE && b[0] == SPARSE) {
      long[] all = java.util.stream.LongStream.concat(Arrays.stream(hashes(a)),
          Arrays.stream(hashes(b))).sorted().distinct().toArray();
      return sparse(all);
    }
    byte[] ra = registers(a);
    byte[] rb = registers(b);
    for (int i = 0; i < REGISTERS; i++) {
      ra[i] = (byte) Math.max(ra[i], rb[i]);
    }
    return dense(ra);
  }

  @Override
  public Object map(Object acc) {
    byte[] bytes = ((ByteString) acc).getBytes();
    if (bytes[0] == SPARSE) {
      return (long) hashes(bytes).length;
    }
    double sum = 0;
    int zeros = 0;
    for (int i = 1; i <= REGISTERS; i++) {
      sum += Math.scalb(1.0, -bytes[i]);
      if (bytes[i] == 0) {
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
