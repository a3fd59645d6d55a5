package io.sluice.engine.function.aggregate;

import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * COUNT, SUM, SUM_LIST, AVG, STDDEV_SAMP, STDDEV_SAMPLE and CORRELATION: ksqlDB's arithmetic
 * aggregates. All skip null inputs and all can undo.
 */
final class NumericAggregates {

  private NumericAggregates() {}

  /** Addition and subtraction on one numeric type's runtime class. */
  enum Num {
    INT, LONG, DOUBLE, DECIMAL;

    static Num of(SqlType t) {
      return switch (t.baseType()) {
        case INTEGER -> INT;
        case BIGINT -> LONG;
        case DOUBLE -> DOUBLE;
        case DECIMAL -> DECIMAL;
        default -> throw new FunctionResolutionException("not a number: " + t);
      };
    }

    Object zero(SqlType t) {
      return switch (this) {
        case INT -> 0;
        case LONG -> 0L;
        case DOUBLE -> 0.0;
        case DECIMAL -> BigDecimal.ZERO.setScale(((SqlDecimal) t).scale());
      };
    }

    /** {@code a + sign * b}; INT and BIGINT wrap on overflow as ksqlDB's Java addition does. */
    Object add(Object a, Object b, int sign, SqlType t) {
      return switch (this) {
        case INT -> (Integer) a + sign * (Integer) b;
        case LONG -> (Long) a + sign * (Long) b;
        case DOUBLE -> (Double) a + sign * (Double) b;
        case DECIMAL -> fit(sign > 0 ? ((BigDecimal) a).add((BigDecimal) b)
            : ((BigDecimal) a).subtract((BigDecimal) b), (SqlDecimal) t);
      };
    }
  }

  /**
   * A DECIMAL sum kept in the argument's type, as ksqlDB does: rescaled to its scale, and an
   * error ("Numeric field overflow") when it needs more integer digits than the type has.
   */
  static BigDecimal fit(BigDecimal v, SqlDecimal t) {
    BigDecimal r = v.setScale(t.scale(), RoundingMode.HALF_UP);
    if (r.precision() - r.scale() > t.integerDigits() && r.signum() != 0) {
      throw new ArithmeticException("Numeric field overflow");
    }
    return r;
  }

  /**
   * The type of AVG's and STDDEV's running sum of {@code arg} values: BIGINT for INT and BIGINT
   * arguments (exact), DOUBLE for DOUBLE.
   */
  static SqlType runningSumType(SqlType arg) {
    return arg.baseType() == SqlBaseType.DOUBLE ? SqlType.DOUBLE : SqlType.BIGINT;
  }

  /** {@code sum + sign * v} for a running sum of {@link #runningSumType}, integral or not. */
  static Object addToRunningSum(boolean integral, Object sum, Object v, int sign) {
    // Not a conditional expression: its numeric promotion would turn the Long into a Double.
    if (integral) {
      return (Long) sum + sign * ((Number) v).longValue();
    }
    return (Double) sum + sign * (Double) v;
  }

  // ---------------------------------------------------------------------------------------------

  /** COUNT(x): non-null inputs (COUNT(*) is planned as COUNT(ROWTIME), never null: rows). */
  static final class Count extends SignedAggregate {
    Count() {
      super(SqlType.BIGINT, SqlType.BIGINT);
    }

    @Override
    public Object initialize() {
      return 0L;
    }

    @Override
    Object fold(Object input, Object acc, int sign) {
      return input == null ? acc : (Long) acc + sign;
    }

    @Override
    public Object merge(Object earlier, Object later) {
      return (Long) earlier + (Long) later;
    }

    @Override
    public Object map(Object acc) {
      return acc;
    }
  }

  /** SUM(x) in x's type (DECIMAL keeps precision and scale); 0 before any non-null value. */
  static class Sum extends SignedAggregate {
    private final Num num;
    private final SqlType type;

    Sum(SqlType type) {
      super(type, type);
      this.type = type;
      this.num = Num.of(type);
    }

    @Override
    public Object initialize() {
      return num.zero(type);
    }

    @Override
    Object fold(Object input, Object acc, int sign) {
      return input == null ? acc : num.add(acc, input, sign, type);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      return num.add(earlier, later, 1, type);
    }

    @Override
    public Object map(Object acc) {
      return acc;
    }
  }

  /**
   * SUM_LIST(ARRAY<x>): the sum of every non-null element of every list; a SUM whose every
   * input is a list of values.
   */
  static final class SumList extends Sum {
    SumList(SqlType element) {
      super(element);
    }

    @Override
    Object fold(Object input, Object acc, int sign) {
      if (input == null) {
        return acc;
      }
      Object r = acc;
      for (Object e : (List<?>) input) {
        r = super.fold(e, r, sign);
      }
      return r;
    }
  }

  /**
   * AVG(x) as DOUBLE. Accumulator {@code STRUCT<SUM, COUNT BIGINT>} (SUM BIGINT for INT and
   * BIGINT arguments, DOUBLE for DOUBLE) so that a value can be retracted; no values: 0.0, as
   * ksqlDB.
   */
  static final class Avg extends SignedAggregate {
    private final boolean integral;

    Avg(SqlType arg) {
      super(accType(arg), SqlType.DOUBLE);
      this.integral = arg.baseType() != SqlBaseType.DOUBLE;
    }

    private static SqlStruct accType(SqlType arg) {
      return SqlType.struct().field("SUM", runningSumType(arg))
          .field("COUNT", SqlType.BIGINT).build();
    }

    private Struct acc(Object sum, long count) {
      return struct((SqlStruct) accumulatorType(), sum, count);
    }

    @Override
    public Object initialize() {
      return acc(integral ? (Object) 0L : (Object) 0.0, 0L);
    }

    @Override
    Object fold(Object input, Object acc, int sign) {
      if (input == null) {
        return acc;
      }
      Struct s = (Struct) acc;
      return acc(addToRunningSum(integral, s.get(0), input, sign), (Long) s.get(1) + sign);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      Struct a = (Struct) earlier;
      Struct b = (Struct) later;
      return acc(addToRunningSum(integral, a.get(0), b.get(0), 1),
          (Long) a.get(1) + (Long) b.get(1));
    }

    @Override
    public Object map(Object acc) {
      Struct s = (Struct) acc;
      long count = (Long) s.get(1);
      return count == 0 ? 0.0 : ((Number) s.get(0)).doubleValue() / count;
    }
  }

  /**
   * STDDEV_SAMP and STDDEV_SAMPLE. Accumulator {@code STRUCT<SUM, COUNT BIGINT, M2 DOUBLE>} with
   * M2 the sum of squared deviations, updated incrementally (Youngs and Cramer) so that a value can
   * be retracted. ksqlDB's STDDEV_SAMP returns the sample variance M2 / (n - 1), STDDEV_SAMPLE its
   * square root; both 0.0 for fewer than two values.
   */
  static final class StdDev extends BaseAggregate {
    private final boolean integral;
    private final boolean sqrt;

    StdDev(SqlType arg, boolean sqrt) {
      super(SqlType.struct().field("SUM", runningSumType(arg)).field("COUNT", SqlType.BIGINT)
              .field("M2", SqlType.DOUBLE).build(), SqlType.DOUBLE);
      this.integral = arg.baseType() != SqlBaseType.DOUBLE;
      this.sqrt = sqrt;
    }

    private Struct acc(Object sum, long count, double m2) {
      return struct((SqlStruct) accumulatorType(), sum, count, m2);
    }

    /** {@code n * v - sum} for the state after adding v (n values summing to sum). */
    private double deviation(long n, Object sum, Object v) {
      return integral ? (double) (n * ((Number) v).longValue() - (Long) sum)
          : n * (Double) v - (Double) sum;
    }

    @Override
    public Object initialize() {
      return acc(integral ? (Object) 0L : (Object) 0.0, 0L, 0.0);
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      if (input == null) {
        return acc;
      }
      Struct s = (Struct) acc;
      long n = (Long) s.get(1);
      Object sum = addToRunningSum(integral, s.get(0), input, 1);
      double m2 = (Double) s.get(2);
      if (n > 0) {
        double d = deviation(n + 1, sum, input);
        m2 += d * d / ((n + 1) * (double) n);
      }
      return acc(sum, n + 1, m2);
    }

    @Override
    public boolean canUndo() {
      return true;
    }

    @Override
    public Object undo(Object input, Object acc) {
      if (input == null) {
        return acc;
      }
      Struct s = (Struct) acc;
      long n = (Long) s.get(1);
      if (n <= 1) {
        return initialize();
      }
      double d = deviation(n, s.get(0), input);
      double m2 = Math.max(0.0, (Double) s.get(2) - d * d / (n * (double) (n - 1)));
      return acc(addToRunningSum(integral, s.get(0), input, -1), n - 1, m2);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      Struct a = (Struct) earlier;
      Struct b = (Struct) later;
      long na = (Long) a.get(1);
      long nb = (Long) b.get(1);
      if (na == 0) {
        return b;
      } else if (nb == 0) {
        return a;
      }
      double sa = ((Number) a.get(0)).doubleValue();
      double sb = ((Number) b.get(0)).doubleValue();
      double d = sa * nb - sb * na;
      double m2 = (Double) a.get(2) + (Double) b.get(2) + d * d / ((double) na * nb * (na + nb));
      return acc(addToRunningSum(integral, a.get(0), b.get(0), 1), na + nb, m2);
    }

    @Override
    public Object map(Object acc) {
      Struct s = (Struct) acc;
      long n = (Long) s.get(1);
      if (n < 2) {
        return 0.0;
      }
      double variance = (Double) s.get(2) / (n - 1);
      return sqrt ? Math.sqrt(variance) : variance;
    }
  }

  /**
   * CORRELATION(x, y): Pearson's coefficient over the pairs where both are non-null; NaN for
   * fewer than two pairs or a constant column. Input is {@code Object[]{x, y}} as DOUBLEs.
   */
  static final class Correlation extends SignedAggregate {
    static final SqlStruct ACC = SqlType.struct().field("X_SUM", SqlType.DOUBLE)
        .field("Y_SUM", SqlType.DOUBLE).field("X_SQUARED_SUM", SqlType.DOUBLE)
        .field("Y_SQUARED_SUM", SqlType.DOUBLE).field("XY_SUM", SqlType.DOUBLE)
        .field("COUNT", SqlType.BIGINT).build();

    Correlation() {
      super(ACC, SqlType.DOUBLE);
    }

    @Override
    public Object initialize() {
      return struct(ACC, 0.0, 0.0, 0.0, 0.0, 0.0, 0L);
    }

    @Override
    Object fold(Object input, Object acc, int sign) {
      Object[] xy = (Object[]) input;
      if (xy == null || xy[0] == null || xy[1] == null) {
        return acc;
      }
      double x = ((Number) xy[0]).doubleValue();
      double y = ((Number) xy[1]).doubleValue();
      Struct s = (Struct) acc;
      return struct(ACC, (Double) s.get(0) + sign * x, (Double) s.get(1) + sign * y,
          (Double) s.get(2) + sign * x * x, (Double) s.get(3) + sign * y * y,
          (Double) s.get(4) + sign * x * y, (Long) s.get(5) + sign);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      Struct a = (Struct) earlier;
      Struct b = (Struct) later;
      Object[] v = new Object[6];
      for (int i = 0; i < 5; i++) {
        v[i] = (Double) a.get(i) + (Double) b.get(i);
      }
      v[5] = (Long) a.get(5) + (Long) b.get(5);
      return struct(ACC, v);
    }

    @Override
    public Object map(Object acc) {
      Struct s = (Struct) acc;
      double n = (Long) s.get(5);
      double sx = (Double) s.get(0);
      double sy = (Double) s.get(1);
      double num = n * (Double) s.get(4) - sx * sy;
      double den = Math.sqrt(n * (Double) s.get(2) - sx * sx)
          * Math.sqrt(n * (Double) s.get(3) - sy * sy);
      return n < 2 ? Double.NaN : num / den;
    }
  }
}
