package io.sluice.engine.function;

import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ksqlDB's numeric functions. Null in, null out. DOUBLE results follow Java's {@link Math}
 * (NaN and infinities, not errors). Integer overloads exist where ksqlDB keeps the integer type
 * (ABS, CEIL, FLOOR, ROUND, TRUNC, SIGN); elsewhere integers widen to DOUBLE. A DECIMAL keeps its
 * type unless the function's description says otherwise.
 */
@FunctionCategory(FunctionCategory.MATHEMATICAL)
public final class MathFunctions {

  private MathFunctions() {}

  /** Result type: the first argument's type (a DECIMAL keeps precision and scale). */
  public static SqlType firstArgType(List<SqlType> args) {
    return args.get(0);
  }

  /** ROUND and TRUNC of DECIMAL(p, s): DECIMAL(p - s, 0), as ksqlDB types them. */
  public static SqlType integralDecimal(List<SqlType> args) {
    SqlDecimal d = (SqlDecimal) args.get(0);
    return SqlType.decimal(Math.max(1, d.precision() - d.scale()), 0);
  }

  // ---------------------------------------------------------------------------------------------
  // ABS, SIGN

  @Udf(name = "ABS", strict = true, description = "The absolute value of x")
  public static Integer abs(Integer x) {
    return Math.abs(x);
  }

  @Udf(name = "ABS", strict = true, description = "The absolute value of x")
  public static Long abs(Long x) {
    return Math.abs(x);
  }

  @Udf(name = "ABS", strict = true, description = "The absolute value of x")
  public static Double abs(Double x) {
    return Math.abs(x);
  }

  @Udf(name = "ABS", strict = true, returnTypeOf = "firstArgType",
      description = "The absolute value of x")
  public static BigDecimal abs(BigDecimal x) {
    return x.abs();
  }

  @Udf(name = "SIGN", strict = true, description = "-1, 0 or 1 as x is negative, zero or positive")
  public static Integer sign(Integer x) {
    return Integer.signum(x);
  }

  @Udf(name = "SIGN", strict = true, description = "-1, 0 or 1 as x is negative, zero or positive")
  public static Integer sign(Long x) {
    return Long.signum(x);
  }

  @Udf(name = "SIGN", strict = true, description = "-1, 0 or 1 as x is negative, zero or positive")
  public static Integer sign(Double x) {
    return (int) Math.signum(x);
  }

  @Udf(name = "SIGN", strict = true, description = "-1, 0 or 1 as x is negative, zero or positive")
  public static Integer sign(BigDecimal x) {
    return x.signum();
  }

  // ---------------------------------------------------------------------------------------------
  // CEIL, FLOOR, ROUND, TRUNC

  @Udf(name = "CEIL", strict = true, description = "The smallest integer not less than x")
  public static Integer ceil(Integer x) {
    return x;
  }

  @Udf(name = "CEIL", strict = true, description = "The smallest integer not less than x")
  public static Long ceil(Long x) {
    return x;
  }

  @Udf(name = "CEIL", strict = true, description = "The smallest integer not less than x")
  public static Double ceil(Double x) {
    return Math.ceil(x);
  }

  @Udf(name = "CEIL", strict = true, returnTypeOf = "firstArgType",
      description = "The smallest integer not less than x, in x's type")
  public static BigDecimal ceil(BigDecimal x) {
    return x.setScale(0, RoundingMode.CEILING).setScale(x.scale(), RoundingMode.UNNECESSARY);
  }

  @Udf(name = "FLOOR", strict = true, description = "The largest integer not greater than x")
  public static Integer floor(Integer x) {
    return x;
  }

  @Udf(name = "FLOOR", strict = true, description = "The largest integer not greater than x")
  public static Long floor(Long x) {
    return x;
  }

  @Udf(name = "FLOOR", strict = true, description = "The largest integer not greater than x")
  public static Double floor(Double x) {
    return Math.floor(x);
  }

  @Udf(name = "FLOOR", strict = true, returnTypeOf = "firstArgType",
      description = "The largest integer not greater than x, in x's type")
  public static BigDecimal floor(BigDecimal x) {
    return x.setScale(0, RoundingMode.FLOOR).setScale(x.scale(), RoundingMode.UNNECESSARY);
  }

  @Udf(name = "ROUND", strict = true, description = "x (already an integer) as a BIGINT")
  public static Long round(Integer x) {
    return x.longValue();
  }

  @Udf(name = "ROUND", strict = true, description = "x (already an integer)")
  public static Long round(Long x) {
    return x;
  }

  @Udf(name = "ROUND", strict = true,
      description = "x rounded to the nearest integer, halves up (towards positive infinity)")
  public static Long round(Double x) {
    return Math.round(x);
  }

  @Udf(name = "ROUND", strict = true, description = "x rounded to decimalPlaces places (negative: "
      + "to tens, hundreds...), halves towards positive infinity")
  public static Double round(Double x, Integer decimalPlaces) {
    return roundHalfToPositive(BigDecimal.valueOf(x), decimalPlaces).doubleValue();
  }

  @Udf(name = "ROUND", strict = true, returnTypeOf = "integralDecimal",
      description = "x rounded to an integer, halves towards positive infinity")
  public static BigDecimal round(BigDecimal x) {
    return roundHalfToPositive(x, 0);
  }

  @Udf(name = "ROUND", strict = true, returnTypeOf = "firstArgType",
      description = "x rounded to decimalPlaces places, in x's type")
  public static BigDecimal round(BigDecimal x, Integer decimalPlaces) {
    return roundHalfToPositive(x, decimalPlaces).setScale(x.scale(), RoundingMode.UNNECESSARY);
  }

  /** ksqlDB rounds a half towards positive infinity, like {@link Math#round(double)}. */
  private static BigDecimal roundHalfToPositive(BigDecimal x, int places) {
    return x.setScale(places, x.signum() < 0 ? RoundingMode.HALF_DOWN : RoundingMode.HALF_UP);
  }

  @Udf(name = "TRUNC", strict = true, description = "x (already an integer)")
  public static Integer trunc(Integer x) {
    return x;
  }

  @Udf(name = "TRUNC", strict = true, description = "x (already an integer)")
  public static Long trunc(Long x) {
    return x;
  }

  @Udf(name = "TRUNC", strict = true, description = "x without its fractional part")
  public static Long trunc(Double x) {
    return (long) x.doubleValue();
  }

  @Udf(name = "TRUNC", strict = true,
      description = "x truncated (towards zero) to decimalPlaces places")
  public static Double trunc(Double x, Integer decimalPlaces) {
    return BigDecimal.valueOf(x).setScale(decimalPlaces, RoundingMode.DOWN).doubleValue();
  }

  @Udf(name = "TRUNC", strict = true, returnTypeOf = "integralDecimal",
      description = "x without its fractional part")
  public static BigDecimal trunc(BigDecimal x) {
    return x.setScale(0, RoundingMode.DOWN);
  }

  @Udf(name = "TRUNC", strict = true, returnTypeOf = "firstArgType",
      description = "x truncated (towards zero) to decimalPlaces places, in x's type")
  public static BigDecimal trunc(BigDecimal x, Integer decimalPlaces) {
    return x.setScale(decimalPlaces, RoundingMode.DOWN).setScale(x.scale(),
        RoundingMode.UNNECESSARY);
  }

  // ---------------------------------------------------------------------------------------------
  // Powers and logarithms

  @Udf(name = "SQRT", strict = true, description = "The square root of x")
  public static Double sqrt(Double x) {
    return Math.sqrt(x);
  }

  @Udf(name = "CBRT", strict = true, description = "The cube root of x")
  public static Double cbrt(Double x) {
    return Math.cbrt(x);
  }

  @Udf(name = "EXP", strict = true, description = "e raised to the power x")
  public static Double exp(Double x) {
    return Math.exp(x);
  }

  @Udf(name = "LN", strict = true, description = "The natural logarithm of x")
  public static Double ln(Double x) {
    return Math.log(x);
  }

  @Udf(name = "LOG", strict = true, description = "The natural logarithm of value")
  public static Double log(Double value) {
    return Math.log(value);
  }

  @Udf(name = "LOG", strict = true, description = "The logarithm of value to base; NaN for a "
      + "base that is not positive or is 1, or a negative value")
  public static Double log(Double base, Double value) {
    if (base <= 0 || base == 1.0) {
      return Double.NaN;
    }
    return Math.log(value) / Math.log(base);
  }

  @Udf(name = "POWER", strict = true, description = "base raised to the power exponent")
  public static Double power(Double base, Double exponent) {
    return Math.pow(base, exponent);
  }

  // ---------------------------------------------------------------------------------------------
  // Trigonometry, constants, random

  @Udf(name = "ACOS", strict = true, description = "The arc cosine of x in radians")
  public static Double acos(Double x) {
    return Math.acos(x);
  }

  @Udf(name = "ASIN", strict = true, description = "The arc sine of x in radians")
  public static Double asin(Double x) {
    return Math.asin(x);
  }

  @Udf(name = "ATAN", strict = true, description = "The arc tangent of x in radians")
  public static Double atan(Double x) {
    return Math.atan(x);
  }

  @Udf(name = "ATAN2", strict = true, description = "The angle theta of the point (x, y)")
  public static Double atan2(Double y, Double x) {
    return Math.atan2(y, x);
  }

  @Udf(name = "COS", strict = true, description = "The cosine of x (radians)")
  public static Double cos(Double x) {
    return Math.cos(x);
  }

  @Udf(name = "COSH", strict = true, description = "The hyperbolic cosine of x")
  public static Double cosh(Double x) {
    return Math.cosh(x);
  }

  @Udf(name = "COT", strict = true, description = "The cotangent of x (radians)")
  public static Double cot(Double x) {
    return 1.0 / Math.tan(x);
  }

  @Udf(name = "SIN", strict = true, description = "The sine of x (radians)")
  public static Double sin(Double x) {
    return Math.sin(x);
  }

  @Udf(name = "SINH", strict = true, description = "The hyperbolic sine of x")
  public static Double sinh(Double x) {
    return Math.sinh(x);
  }

  @Udf(name = "TAN", strict = true, description = "The tangent of x (radians)")
  public static Double tan(Double x) {
    return Math.tan(x);
  }

  @Udf(name = "TANH", strict = true, description = "The hyperbolic tangent of x")
  public static Double tanh(Double x) {
    return Math.tanh(x);
  }

  @Udf(name = "DEGREES", strict = true, description = "x radians in degrees")
  public static Double degrees(Double x) {
    return Math.toDegrees(x);
  }

  @Udf(name = "RADIANS", strict = true, description = "x degrees in radians")
  public static Double radians(Double x) {
    return Math.toRadians(x);
  }

  @Udf(name = "PI", description = "The constant pi")
  public static Double pi() {
    return Math.PI;
  }

  @Udf(name = "RANDOM", deterministic = false,
      description = "A random DOUBLE in [0.0, 1.0), another per call")
  public static Double random() {
    return ThreadLocalRandom.current().nextDouble();
  }

  // ---------------------------------------------------------------------------------------------
  // GREATEST, LEAST, GEO_DISTANCE

  /**
   * GREATEST and LEAST compare numbers (widened to their common type), strings, bytes, dates,
   * times or timestamps; not booleans or structured types.
   */
  public static SqlType comparableCommonType(List<SqlType> args) {
    SqlType t = args.get(0);
    SqlBaseType b = t.baseType();
    if (b == SqlBaseType.BOOLEAN || b.isContainer()) {
      throw new IllegalArgumentException("GREATEST and LEAST do not compare " + t);
    }
    return t;
  }

  @Udf(name = "GREATEST", returnTypeOf = "comparableCommonType",
      description = "The greatest of the arguments, nulls ignored; null if all are null")
  public static Object greatest(@Sql("T") Object val, @Sql("T") Object... vals) {
    return extreme(val, vals, 1);
  }

  @Udf(name = "LEAST", returnTypeOf = "comparableCommonType",
      description = "The least of the arguments, nulls ignored; null if all are null")
  public static Object least(@Sql("T") Object val, @Sql("T") Object... vals) {
    return extreme(val, vals, -1);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object extreme(Object first, Object[] rest, int sign) {
    Comparable best = (Comparable) first;
    for (Object o : rest == null ? new Object[0] : rest) {
      if (o != null && (best == null || Integer.signum(best.compareTo(o)) == -sign)) {
        best = (Comparable) o;
      }
    }
    return best;
  }

  @Udf(name = "GEO_DISTANCE", strict = true, description = "The great-circle distance in km "
      + "between (lat1, lon1) and (lat2, lon2), in degrees")
  public static Double geoDistance(Double lat1, Double lon1, Double lat2, Double lon2) {
    return geoDistance(lat1, lon1, lat2, lon2, "KM");
  }

  @Udf(name = "GEO_DISTANCE", strict = true, description = "The great-circle distance between "
      + "(lat1, lon1) and (lat2, lon2) in unit: KM/KILOMETERS or MI/MILES")
  public static Double geoDistance(Double lat1, Double lon1, Double lat2, Double lon2,
      String unit) {
    if (Math.abs(lat1) > 90 || Math.abs(lat2) > 90 || Math.abs(lon1) > 180
        || Math.abs(lon2) > 180) {
      throw new IllegalArgumentException("valid latitudes are [-90, 90], longitudes [-180, 180]");
    }
    double radius = switch (unit.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "KM", "KILOMETER", "KILOMETERS", "KILOMETRE", "KILOMETRES" -> 6371.0;
      case "MI", "MILE", "MILES" -> 3959.0;
      default -> throw new IllegalArgumentException("unit must be KM or MI, not " + unit);
    };
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2)
        * Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2));
    return 2 * radius * Math.asin(Math.sqrt(a));
  }
}
