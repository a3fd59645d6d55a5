package io.sluice.engine.catalog;

import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of a source's columns and format properties against its key and value formats, as
 * ksqlDB makes them when a stream or table is created. Stateless.
 */
final class FormatChecks {

  /** Avro names: a letter or underscore, then letters, digits and underscores. */
  private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private FormatChecks() {}

  /**
   * Checks the key columns against the key format: NONE holds none, KAFKA one, no MAP anywhere
   * in a key (ksqlDB refuses them: map serialization is not deterministic, so equal keys could
   * land in different partitions), and every type one the format can hold.
   */
  static void keyColumns(List<SourceColumn> keys, FormatName format, Map<String, Pos> positions) {
    if (keys.isEmpty()) {
      return;
    }
    SourceColumn first = keys.get(0);
    if (format == FormatName.NONE) {
      throw new CatalogException(positions.get(first.name()), "The 'NONE' format can only be"
          + " used when no columns are defined. Got: " + AstTypes.display(keys)
          + ". Remove the key columns, or set KEY_FORMAT to a format that holds them");
    }
    if (keys.size() > 1 && !format.supportsMultipleColumns()) {
      throw new CatalogException(positions.get(keys.get(1).name()), "The '" + format
          + "' format only supports a single field. Got: " + AstTypes.display(keys)
          + ". Use one key column, or a KEY_FORMAT that holds several (JSON, DELIMITED, ...)");
    }
    for (SourceColumn c : keys) {
      if (AstTypes.containsMap(c.type())) {
        throw new CatalogException(positions.get(c.name()), "Map keys, including types that"
            + " contain maps, are not supported as they may lead to unexpected behavior due to"
            + " inconsistent serialization. Key column name: `" + c.name() + "`. Column type: "
            + AstTypes.display(c.type()) + ". Use another type for the key column");
      }
      typeSupported(c, format, "KEY_FORMAT", positions);
    }
    avroNames(keys, format, positions);
  }

  /** Checks the value columns against the value format, as {@link #keyColumns} does keys. */
  static void valueColumns(List<SourceColumn> values, FormatName format,
      Map<String, Pos> positions) {
    if (values.isEmpty()) {
      return;
    }
    SourceColumn first = values.get(0);
    if (format == FormatName.NONE) {
      throw new CatalogException(positions.get(first.name()), "The 'NONE' format can only be"
          + " used when no columns are defined. Got: " + AstTypes.display(values)
          + ". Remove the value columns, or set VALUE_FORMAT to a format that holds them");
    }
    if (values.size() > 1 && !format.supportsMultipleColumns()) {
      throw new CatalogException(positions.get(values.get(1).name()), "The '" + format
          + "' format only supports a single field. Got: " + AstTypes.display(values)
          + ". Declare one value column, or use a VALUE_FORMAT that holds several (JSON, ...)");
    }
    for (SourceColumn c : values) {
      typeSupported(c, format, "VALUE_FORMAT", positions);
    }
    avroNames(values, format, positions);
  }

  private static void typeSupported(SourceColumn c, FormatName format, String property,
      Map<String, Pos> positions) {
    Optional<String> problem = format.unsupported(c.type());
    if (problem.isPresent()) {
      throw new CatalogException(positions.get(c.name()), problem.get() + " (column `"
          + c.name() + "` " + AstTypes.display(c.type()) + "). Change the column's type, or use"
          + " another " + property);
    }
  }

  /** Avro names its fields and records: every column and struct field name must be one. */
  private static void avroNames(List<SourceColumn> columns, FormatName format,
      Map<String, Pos> positions) {
    if (format != FormatName.AVRO) {
      return;
    }
    for (SourceColumn c : columns) {
      List<String> names = new ArrayList<>();
      names.add(c.name());
      fieldNames(c.type(), names);
      for (String name : names) {
        if (!AVRO_NAME.matcher(name).matches()) {
          boolean initial = !AVRO_NAME.matcher(name.substring(0, 1)).matches();
          throw new CatalogException(positions.get(c.name()), "Schema is not compatible with"
              + " Avro: " + (initial ? "Illegal initial character: " : "Illegal character in: ")
              + name + ". Avro names start with a letter or '_' and hold only letters, digits and"
              + " '_': rename it");
        }
      }
    }
  }

  private static void fieldNames(SqlType type, List<String> out) {
    if (type instanceof SqlStruct s) {
      for (SqlStruct.Field f : s.fields()) {
        out.add(f.name());
        fieldNames(f.type(), out);
      }
    } else if (type instanceof SqlArray a) {
      fieldNames(a.element(), out);
    } else if (type instanceof SqlMap m) {
      fieldNames(m.value(), out);
    }
  }

  /**
   * {@code WRAP_SINGLE_VALUE}: only formats that can both wrap and unwrap take {@code true}
   * (KAFKA and DELIMITED always write a single column bare), and only single-column values take
   * it at all (ksqlDB: it says how to write the one column).
   */
  static void wrapSingleValue(Optional<Boolean> wrap, FormatName format, int valueColumns,
      Pos pos) {
    if (wrap.isEmpty()) {
      return;
    }
    if (!format.allowsWrapping(wrap.get())) {
      throw new CatalogException(pos, "Format '" + format + "' does not support"
          + " 'WRAP_SINGLE_VALUE' set to '" + wrap.get() + "'. Remove WRAP_SINGLE_VALUE");
    }
    if (valueColumns != 1) {
      throw new CatalogException(pos, "'WRAP_SINGLE_VALUE' is only valid for single-field value"
          + " schemas, and this one has " + valueColumns + " fields. Remove WRAP_SINGLE_VALUE");
    }
  }

  /**
   * A format property for the key or the value: checks the format takes it.
   *
   * @param property the WITH property's name, e.g. {@code VALUE_DELIMITER}
   * @param config the {@link FormatSpec} property it sets
   * @param format the key or value format it applies to
   * @param part {@code "key"} or {@code "value"}
   */
  static void formatProperty(String property, String config, FormatName format, String part,
      Pos pos) {
    if (format.supportsProperty(config)) {
      return;
    }
    List<String> takers = new ArrayList<>();
    for (FormatName f : FormatName.values()) {
      if (f.supportsProperty(config)) {
        takers.add(f.name());
      }
    }
    if (config.equals(FormatSpec.SCHEMA_ID)) {
      throw new CatalogException(pos, part.toUpperCase(Locale.ROOT) + "_FORMAT should support"
          + " schema inference when " + property + " is provided. Current format is " + format
          + ". Use one of " + String.join(", ", takers) + ", or remove " + property);
    }
    throw new CatalogException(pos, format + " does not support the following configs: ["
        + config + "]: " + property + " applies to the " + part + " formats "
        + String.join(", ", takers) + " only. Remove it, or change the " + part + " format");
  }

  /**
   * A delimiter as ksqlDB takes it: one character, or {@code TAB} or {@code SPACE}.
   *
   * @return the delimiter character as a string
   */
  static String delimiter(String property, String value, Pos pos) {
    if (value.trim().isEmpty()) {
      throw new CatalogException(pos, "Configuration " + property + " is invalid: Delimiter"
          + " cannot be empty, if you meant to have a tab or space for delimiter, please use the"
          + " special values 'TAB' or 'SPACE'");
    }
    if (value.length() == 1) {
      return value;
    }
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.equals("TAB")) {
      return "\t";
    }
    if (upper.equals("SPACE")) {
      return " ";
    }
    throw new CatalogException(pos, "Configuration " + property + " is invalid: Invalid"
        + " delimiter value: '" + value + "'. Delimiter must be a single character or TAB,SPACE."
        + " Example valid value: ';'");
  }
}
