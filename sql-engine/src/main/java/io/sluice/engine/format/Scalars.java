package io.sluice.engine.format;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Conversions of scalar values shared by the formats: text to and from each scalar type (the
 * DELIMITED format's fields, JSON strings coerced to numbers), DECIMAL fitting, BYTES as base64,
 * checks of the Java class of values to serialize, and the display of types and columns in
 * messages. Stateless.
 */
final class Scalars {

  private Scalars() {}

  /**
   * A scalar from its text, as the DELIMITED format reads a non-empty field: BOOLEAN is
   * {@code true} for "true" in any case and {@code false} for anything else (ksqlDB's lenient
   * {@code Boolean.parseBoolean}); INTEGER, BIGINT and the temporal types are decimal integers
   * (DATE days, TIME milliseconds of the day, TIMESTAMP milliseconds since the epoch); DOUBLE and
   * DECIMAL decimal numbers (exponents allowed); BYTES base64.
   *
   * @throws BadValue when the text is no value of the type
   */
  static Object parse(String text, SqlType type) {
    return switch (type.baseType()) {
      case BOOLEAN -> Boolean.parseBoolean(text);
      case STRING -> text;
      case BYTES -> base64(text);
      default -> parseNumber(text, type);
    };
  }

  /**
   * A number type's value from text: INTEGER, BIGINT, DOUBLE, DECIMAL, DATE, TIME, TIMESTAMP.
   * ksqlDB's JSON format coerces strings to these types this way too.
   *
   * @throws BadValue when the text is not a number of the type
   */
  static Object parseNumber(String text, SqlType type) {
    try {
      return switch (type.baseType()) {
        case INTEGER, DATE, TIME -> Integer.parseInt(text);
        case BIGINT, TIMESTAMP -> Long.parseLong(text);
        case DOUBLE -> Double.parseDouble(text);
        case DECIMAL -> fit(new BigDecimal(text), (SqlDecimal) type);
        default -> throw new AssertionError(type);
      };
    } catch (NumberFormatException e) {
      throw new BadValue("the text is not " + expected(type));
    }
  }

  /**
   * The value as text, as the DELIMITED format writes a field: numbers in Java's notation
   * ({@code Double.toString}), DECIMAL without exponent and with its column's scale, the temporal
   * types as numbers, BYTES as base64.
   *
   * @param value non-null
   * @throws BadValue when the value is not of the type's Java class, or a DECIMAL does not fit
   */
  static String format(Object value, SqlType type) {
    checkClass(value, type);
    return switch (type.baseType()) {
      case DECIMAL -> fit((BigDecimal) value, (SqlDecimal) type).toPlainString();
      case BYTES -> base64((ByteString) value);
      default -> value.toString();
    };
  }

  /**
   * A decimal with the scale of {@code type}, as ksqlDB fits decimals: exactly or not at all.
   *
   * @throws BadValue when fitting would round, or the integer part has more digits than the type
   *     allows
   */
  static BigDecimal fit(BigDecimal value, SqlDecimal type) {
    BigDecimal fitted;
    try {
      fitted = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new BadValue("the decimal does not fit " + display(type) + " without rounding");
    }
    if (fitted.precision() - fitted.scale() > type.integerDigits()) {
      throw new BadValue("the decimal has more than " + type.integerDigits()
          + " digits before the point, too many for " + display(type));
    }
    return fitted;
  }

  /** @throws BadValue when the text is not base64 (standard alphabet; padding optional) */
  static ByteString base64(String text) {
    try {
      return new ByteString(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new BadValue("the text is not base64");
    }
  }

  static String base64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.getBytes());
  }

  /**
   * Checks a value to serialize is of its type's Java class (see {@link SqlType#javaType()}).
   *
   * @throws BadValue when it is not
   */
  static void checkClass(Object value, SqlType type) {
    if (!type.javaType().isInstance(value)) {
      throw new BadValue("expected " + type.javaType().getName() + " for " + display(type)
          + ", got " + value.getClass().getName());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  /**
   * A type as ksqlDB prints it in messages: {@code INTEGER}, {@code DECIMAL(4, 2)},
   * {@code STRUCT<`F` MAP<STRING, STRING>>} (field names quoted).
   */
  static String display(SqlType type) {
    if (type instanceof SqlArray a) {
      return "ARRAY<" + display(a.element()) + ">";
    }
    if (type instanceof SqlMap m) {
      return "MAP<" + display(m.key()) + ", " + display(m.value()) + ">";
    }
    if (type instanceof SqlStruct s) {
      return s.fields().stream().map(f -> quote(f.name()) + " " + display(f.type()))
          .collect(Collectors.joining(", ", "STRUCT<", ">"));
    }
    return type.toString();
  }

  /** A column as ksqlDB prints it: {@code `K` STRING KEY}, {@code `V` INTEGER}. */
  static String display(Column column, SerdeRole role) {
    return quote(column.name()) + " " + display(column.type())
        + (role == SerdeRole.KEY ? " KEY" : "");
  }

  /** Columns as ksqlDB lists them: {@code [`K` STRING KEY, `K2` INTEGER KEY]}. */
  static String display(List<Column> columns, SerdeRole role) {
    return columns.stream().map(c -> display(c, role))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** A name in back quotes, as ksqlDB prints names in messages. */
  static String quote(String name) {
    return "`" + name + "`";
  }

  /** What a scalar type's value is, for messages: {@code "a DATE (days since 1970-01-01)"}. */
  static String expected(SqlType type) {
    return switch (type.baseType()) {
      case INTEGER -> "an INTEGER";
      case DATE -> "a DATE (a whole number of days since 1970-01-01)";
      case TIME -> "a TIME (a whole number of milliseconds of the day)";
      case TIMESTAMP -> "a TIMESTAMP (a whole number of milliseconds since the epoch)";
      case BYTES -> "BYTES (base64)";
      default -> "a " + display(type);
    };
  }
}
