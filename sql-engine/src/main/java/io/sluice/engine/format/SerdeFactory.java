package io.sluice.engine.format;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * Builds serdes, after checking the format can carry the columns as ksqlDB checks it (with
 * ksqlDB's messages where it has one for the problem). Stateless.
 *
 * <p>The checks, in order:
 * <ol>
 *   <li>the format is implemented ({@link Format#checkImplemented()});</li>
 *   <li>keys hold no MAP, at any depth (every format: map serialization is not deterministic, so
 *       equal keys could land in different partitions);</li>
 *   <li>options: a delimiter for DELIMITED only; {@code WRAP_SINGLE_VALUE} for values only, for
 *       a single value column only, and {@code true} only where the format can wrap;</li>
 *   <li>per format: NONE holds no columns; KAFKA at most one, of INTEGER, BIGINT, DOUBLE, STRING
 *       or BYTES; DELIMITED no ARRAY, MAP or STRUCT; JSON MAPs with STRING keys only.</li>
 * </ol>
 *
 * <p>Any format holds no columns: the serde then ignores the bytes (the key of a keyless
 * stream).
 */
public final class SerdeFactory {

  private SerdeFactory() {}

  /**
   * A serde for these columns in this format and role.
   *
   * @param columns the key or the value columns of a source, in order
   * @throws FormatException when the format cannot carry the columns or the options are invalid
   *     (see the class comment)
   */
  public static Serde create(Format format, FormatOptions options, List<Column> columns,
      SerdeRole role) {
    validate(format, options, columns, role);
    if (columns.isEmpty()) {
      return new NoColumnsSerde(format, role);
    }
    return switch (format) {
      case KAFKA -> new KafkaSerde(columns, role);
      case DELIMITED -> new DelimitedSerde(columns, role, options.delimiterOrDefault());
      case JSON -> new JsonSerde(columns, role, columns.size() == 1
          && (role == SerdeRole.KEY || !options.wrapSingleValue().orElse(true)));
      default -> throw new AssertionError(format);
    };
  }

  /**
   * Checks, without building a serde, that {@link #create} would accept these arguments.
   *
   * @throws FormatException when it would not, saying why
   */
  public static void validate(Format format, FormatOptions options, List<Column> columns,
      SerdeRole role) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(role, "role");
    format.checkImplemented();
    if (role == SerdeRole.KEY) {
      for (Column c : columns) {
        if (containsMap(c.type())) {
          throw new FormatException("Map keys, including types that contain maps, are not"
              + " supported as they may lead to unexpected behavior due to inconsistent"
              + " serialization. Key column name: " + Scalars.quote(c.name()) + ". Column type: "
              + Scalars.display(c.type()) + ". See https://github.com/confluentinc/ksql/issues/6621"
              + " for more.");
        }
      }
    }
    checkOptions(format, options, columns, role);
    switch (format) {
      case NONE -> {
        if (!columns.isEmpty()) {
          throw new FormatException("The 'NONE' format can only be used when no columns are"
              + " defined. Got: " + Scalars.display(columns, role));
        }
      }
      case KAFKA -> {
        if (columns.size() > 1) {
          throw new FormatException("The 'KAFKA' format only supports a single field. Got: "
              + Scalars.display(columns, role));
        }
        for (Column c : columns) {
          switch (c.type().baseType()) {
            case INTEGER, BIGINT, DOUBLE, STRING, BYTES -> { }
            default -> throw unsupportedType(format, c);
          }
        }
      }
      case DELIMITED -> {
        for (Column c : columns) {
          if (c.type().baseType().isContainer()) {
            throw unsupportedType(format, c);
          }
        }
      }
      case JSON -> {
        for (Column c : columns) {
          if (hasNonStringMapKey(c.type())) {
            throw new FormatException("JSON only supports MAP types with STRING keys. Got: "
                + Scalars.display(c, role));
          }
        }
      }
      default -> throw new AssertionError(format);
    }
  }

  private static void checkOptions(Format format, FormatOptions options, List<Column> columns,
      SerdeRole role) {
    if (options.delimiter().isPresent() && !format.supportsDelimiter()) {
      throw new FormatException(format + " does not support the following configs: [delimiter]");
    }
    if (options.wrapSingleValue().isEmpty()) {
      return;
    }
    if (role == SerdeRole.KEY) {
      // No WITH property sets it for keys: a caller's mistake, not a user's.
      throw new IllegalArgumentException("WRAP_SINGLE_VALUE applies to values, not keys");
    }
    if (columns.size() != 1) {
      throw new FormatException("'WRAP_SINGLE_VALUE' is only valid for single-field value"
          + " schemas. Got: " + Scalars.display(columns, role));
    }
    if (options.wrapSingleValue().get() && !format.supportsWrapping()) {
      throw new FormatException("Format '" + format + "' does not support 'WRAP_SINGLE_VALUE'"
          + " set to 'true'.");
    }
  }

  private static FormatException unsupportedType(Format format, Column column) {
    return new FormatException("The '" + format + "' format does not support type '"
        + column.type().baseType() + "', column: " + Scalars.quote(column.name()));
  }

  private static boolean containsMap(SqlType type) {
    return switch (type.baseType()) {
      case MAP -> true;
      case ARRAY -> containsMap(((SqlArray) type).element());
      case STRUCT -> ((SqlStruct) type).fields().stream().anyMatch(f -> containsMap(f.type()));
      default -> false;
    };
  }

  /** JSON objects have string field names: a MAP anywhere in the type must have STRING keys. */
  private static boolean hasNonStringMapKey(SqlType type) {
    return switch (type.baseType()) {
      case MAP -> {
        SqlMap map = (SqlMap) type;
        yield map.key().baseType() != SqlBaseType.STRING || hasNonStringMapKey(map.value());
      }
      case ARRAY -> hasNonStringMapKey(((SqlArray) type).element());
      case STRUCT -> ((SqlStruct) type).fields().stream()
          .anyMatch(f -> hasNonStringMapKey(f.type()));
      default -> false;
    };
  }
}
