package io.sluice.engine.expr;

import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Deterministic;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Static helpers that compiled expressions call for ksqlDB semantics Calcite's runtime lacks. The
 * generated code calls them directly (no reflection, no lookups). Public because the generated
 * classes live in another class loader; not an API for other code.
 *
 * <p>Unless said otherwise a helper returns {@code null} when an input is {@code null}.
 */
public final class KsqlRuntime {

  private KsqlRuntime() {}

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /**
   * The {@link DataContext} generated code sees as {@code root}: UTC time zone, wall-clock
   * current time. Only consulted by the few Calcite functions that need it (current time, time
   * zone); columns never go through it.
   */
  public static final DataContext DATA_CONTEXT = new DataContext() {
    private final JavaTypeFactory typeFactory = SluiceTypeSystem.newTypeFactory();

    @Override
    public SchemaPlus getRootSchema() {
      return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
      return null;
    }

    @Override
    public Object get(String name) {
      if (Variable.TIME_ZONE.camelName.equals(name)) {
        return TimeZone.getTimeZone(ZoneOffset.UTC);
      }
      if (Variable.CURRENT_TIMESTAMP.camelName.equals(name)
          || Variable.UTC_TIMESTAMP.camelName.equals(name)
          || Variable.LOCAL_TIMESTAMP.camelName.equals(name)) {
        return System.currentTimeMillis();
      }
      return null;
    }
  };

  // ---------------------------------------------------------------------------------------------
  // Collections

  /**
   * ksqlDB's {@code array[index]}: 1-based; a negative index counts from the end ({@code -1} is
   * the last element); 0 or out of range gives {@code null}.
   */
  public static Object arrayAccess(List<?> array, Integer index) {
    if (array == null || index == null) {
      return null;
    }
    int i = index;
    int size = array.size();
    int at = i > 0 ? i - 1 : size + i;
    if (i == 0 || at < 0 || at >= size) {
      return null;
    }
    return array.get(at);
  }

  /** ksqlDB's {@code map[key]}: the value, or {@code null} if absent. */
  public static Object mapAccess(Map<?, ?> map, Object key) {
    if (map == null || key == null) {
      return null;
    }
    return map.get(key);
  }

  /** The shared field-name list of a STRUCT type, from {@link #encodeNames}. */
  @Deterministic
  public static List<String> structNames(String encoded) {
    List<String> names = new java.util.ArrayList<>();
    int i = 0;
    while (i < encoded.length()) {
      int colon = encoded.indexOf(':', i);
      int length = Integer.parseInt(encoded.substring(i, colon));
      names.add(encoded.substring(colon + 1, colon + 1 + length));
      i = colon + 1 + length;
    }
    return List.copyOf(names);
  }

  /** Field names as one printable string constant: {@code length:name} for each. */
  static String encodeNames(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(n.length()).append(':').append(n);
    }
    return sb.toString();
  }

  /** A STRUCT value (the array is taken over). */
  public static Struct newStruct(List<String> names, Object[] values) {
    return new Struct(names, values);
  }

  /** The converter for a CAST between ARRAY, MAP or STRUCT types (hoisted to a constant). */
  @Deterministic
  public static java.util.function.Function<Object, Object> converter(int id) {
    return Casts.converter(id);
  }

  /** Applies a converter to a non-null value. */
  public static Object convert(Object value, java.util.function.Function<Object, Object> converter) {
    return value == null ? null : converter.apply(value);
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** A compiled LIKE pattern (hoisted to a constant when pattern and escape are literals). */
  @Deterministic
  public static LikeMatcher likeMatcher(String pattern, String escape) {
    return LikeMatcher.compile(pattern, escape(escape));
  }

  /** LIKE with a pattern only known per record. */
  public static Boolean like(String value, String pattern, String escape) {
    if (value == null || pattern == null) {
      return null;
    }
    return LikeMatcher.compile(pattern, escape(escape)).matches(value);
  }

  /** LIKE against a compiled pattern. */
  public static Boolean like(String value, LikeMatcher matcher) {
    return value == null ? null : matcher.matches(value);
  }

  private static Character escape(String escape) {
    if (escape == null) {
      return null;
    }
    if (escape.length() != 1) {
      throw new IllegalArgumentException("LIKE escape must be one character: '" + escape + "'");
    }
    return escape.charAt(0);
  }

  /**
   * ksqlDB's {@code STRING + STRING}: Java string concatenation, so a null operand reads
   * {@code "null"} (ksqlDB generates {@code a + b} in Java for it).
   */
  public static String stringPlus(String a, String b) {
    return a + b;
  }

  // ---------------------------------------------------------------------------------------------
  // Arithmetic

  /**
   * DECIMAL division to the result type's scale, rounding HALF_UP. (ksqlDB divides with
   * {@code RoundingMode.UNNECESSARY} and so fails, giving null, whenever the exact quotient needs
   * more digits than the scale, e.g. 1.00 / 3.00: confluentinc/ksql#9874. Sluice rounds.)
   * Division by zero throws, which the evaluator turns into null, as ksqlDB does.
   */
  public static BigDecimal decimalDivide(BigDecimal a, BigDecimal b, int scale) {
    if (a == null || b == null) {
      return null;
    }
    return a.divide(b, scale, RoundingMode.HALF_UP);
  }

  // ---------------------------------------------------------------------------------------------
  // Casts (ksqlDB's CastEvaluator semantics)

  /** BOOLEAN, INTEGER, BIGINT, DOUBLE, ARRAY, MAP, STRUCT to STRING: {@code String.valueOf}. */
  public static String castToString(Object value) {
    return value == null ? null : value.toString();
  }

  /** DECIMAL to STRING: plain notation, scale kept ({@code 10.00}). */
  public static String decimalToString(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  /** INTEGER, BIGINT, DECIMAL, DOUBLE to INTEGER: {@code Number.intValue()} (truncates). */
  public static Integer numberToInteger(Number value) {
    return value == null ? null : value.intValue();
  }

  /** INTEGER, BIGINT, DECIMAL, DOUBLE to BIGINT: {@code Number.longValue()} (truncates). */
  public static Long numberToBigint(Number value) {
    return value == null ? null : value.longValue();
  }

  /** INTEGER, BIGINT, DECIMAL to DOUBLE. */
  public static Double numberToDouble(Number value) {
    return value == null ? null : value.doubleValue();
  }

  /** INTEGER or BIGINT to DECIMAL(p, s); fails if it does not fit. */
  public static BigDecimal longToDecimal(Number value, int precision, int scale) {
    if (value == null) {
      return null;
    }
    return fit(BigDecimal.valueOf(value.longValue()), precision, scale);
  }

  /** DOUBLE to DECIMAL(p, s): rounded to {@code p} significant digits, then HALF_UP to scale. */
  public static BigDecimal doubleToDecimal(Double value, int precision, int scale) {
    if (value == null) {
      return null;
    }
    BigDecimal d = new BigDecimal(value, new java.math.MathContext(precision));
    return fit(d, precision, scale);
  }

  /** DECIMAL to DECIMAL(p, s): HALF_UP to scale; fails if the integer part does not fit. */
  public static BigDecimal decimalToDecimal(BigDecimal value, int precision, int scale) {
    if (value == null) {
      return null;
    }
    if (value.scale() == scale && value.precision() <= precision) {
      return value;
    }
    return fit(value, precision, scale);
  }

  /** STRING to DECIMAL(p, s): parsed after trimming, HALF_UP to scale. */
  public static BigDecimal stringToDecimal(String value, int precision, int scale) {
    if (value == null) {
      return null;
    }
    return fit(new BigDecimal(value.trim()), precision, scale);
  }

  private static BigDecimal fit(BigDecimal value, int precision, int scale) {
    BigDecimal abs = value.abs();
    if (abs.compareTo(BigDecimal.ONE.scaleByPowerOfTen(precision - scale)) >= 0) {
      throw new ArithmeticException("Numeric field overflow: A field with precision " + precision
          + " and scale " + scale + " must round to an absolute value less than 10^"
          + (precision - scale) + ". Got " + value.toPlainString());
    }
    return value.setScale(scale, RoundingMode.HALF_UP);
  }

  /**
   * STRING to BOOLEAN as ksqlDB: true if the trimmed text is a non-empty, case-insensitive prefix
   * of "true" or "yes" ("t", "Y", "tru"), otherwise false (never an error).
   */
  public static Boolean stringToBoolean(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    return !s.isEmpty() && (isPrefixOf(s, "true") || isPrefixOf(s, "yes"));
  }

  private static boolean isPrefixOf(String s, String word) {
    return s.length() <= word.length() && word.regionMatches(true, 0, s, 0, s.length());
  }

  /** STRING to INTEGER: {@code Integer.parseInt} of the trimmed text (fails on bad input). */
  public static Integer stringToInteger(String value) {
    return value == null ? null : Integer.parseInt(value.trim());
  }

  /** STRING to BIGINT: {@code Long.parseLong} of the trimmed text. */
  public static Long stringToBigint(String value) {
    return value == null ? null : Long.parseLong(value.trim());
  }

  /** STRING to DOUBLE: {@code Double.parseDouble} of the trimmed text. */
  public static Double stringToDouble(String value) {
    return value == null ? null : Double.parseDouble(value.trim());
  }

  /** STRING (base64) to BYTES. */
  public static ByteString stringToBytes(String value) {
    return value == null ? null : new ByteString(Base64.getDecoder().decode(value.trim()));
  }

  /** STRING ({@code yyyy-MM-dd}) to DATE (days since epoch). */
  public static Integer stringToDate(String value) {
    return value == null ? null : Math.toIntExact(LocalDate.parse(value.trim()).toEpochDay());
  }

  /** STRING ({@code HH:mm[:ss[.SSS]]}) to TIME (millis of day). */
  public static Integer stringToTime(String value) {
    return value == null ? null
        : (int) (LocalTime.parse(value.trim()).toNanoOfDay() / 1_000_000L);
  }

  /**
   * STRING to TIMESTAMP (epoch millis): {@code yyyy-MM-ddTHH:mm[:ss[.fff]]} read as UTC, or
   * with a zone offset ({@code Z}, {@code +02:00}), or a date alone (midnight UTC). (ksqlDB also
   * reads some partial forms, such as {@code 2022-04}; not yet.)
   */
  public static Long stringToTimestamp(String value) {
    if (value == null) {
      return null;
    }
    String s = value.trim();
    if (s.length() == 10) {
      return LocalDate.parse(s).toEpochDay() * MILLIS_PER_DAY;
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }
  }

  /** TIMESTAMP to STRING: {@code yyyy-MM-dd'T'HH:mm:ss.SSS} in UTC, as ksqlDB. */
  public static String timestampToString(Long value) {
    return value == null ? null : TIMESTAMP_FORMAT.format(Instant.ofEpochMilli(value));
  }

  /** DATE to STRING: {@code yyyy-MM-dd}. */
  public static String dateToString(Integer value) {
    return value == null ? null : LocalDate.ofEpochDay(value).toString();
  }

  /**
   * TIME to STRING as ksqlDB: {@code LocalTime} of the whole seconds, printed by {@code
   * LocalTime.toString()} ({@code 01:34:20}, and {@code 01:34} when the seconds are zero).
   */
  public static String timeToString(Integer value) {
    return value == null ? null : LocalTime.ofSecondOfDay(value / 1000).toString();
  }

  /** TIMESTAMP to DATE (UTC day). */
  public static Integer timestampToDate(Long value) {
    return value == null ? null : (int) Math.floorDiv(value, MILLIS_PER_DAY);
  }

  /** TIMESTAMP to TIME (UTC millis of day). */
  public static Integer timestampToTime(Long value) {
    return value == null ? null : (int) Math.floorMod(value, MILLIS_PER_DAY);
  }

  /** DATE to TIMESTAMP (midnight UTC). */
  public static Long dateToTimestamp(Integer value) {
    return value == null ? null : value * MILLIS_PER_DAY;
  }
}
