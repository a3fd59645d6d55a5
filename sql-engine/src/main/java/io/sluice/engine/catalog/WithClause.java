package io.sluice.engine.catalog;

import io.sluice.grammar.ast.BigintLiteral;
import io.sluice.grammar.ast.BooleanLiteral;
import io.sluice.grammar.ast.IntegerLiteral;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.StringLiteral;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a statement's WITH properties (names already upper-cased by the parser), with
 * errors that name the property and point at its value. Not thread-safe; one per statement.
 */
final class WithClause {

  static final String KAFKA_TOPIC = "KAFKA_TOPIC";
  static final String FORMAT = "FORMAT";
  static final String KEY_FORMAT = "KEY_FORMAT";
  static final String VALUE_FORMAT = "VALUE_FORMAT";
  static final String PARTITIONS = "PARTITIONS";
  static final String REPLICAS = "REPLICAS";
  static final String RETENTION_MS = "RETENTION_MS";
  static final String TIMESTAMP = "TIMESTAMP";
  static final String TIMESTAMP_FORMAT = "TIMESTAMP_FORMAT";
  static final String WRAP_SINGLE_VALUE = "WRAP_SINGLE_VALUE";
  static final String WINDOW_TYPE = "WINDOW_TYPE";
  static final String WINDOW_SIZE = "WINDOW_SIZE";
  static final String KEY_DELIMITER = "KEY_DELIMITER";
  static final String VALUE_DELIMITER = "VALUE_DELIMITER";
  static final String KEY_SCHEMA_ID = "KEY_SCHEMA_ID";
  static final String VALUE_SCHEMA_ID = "VALUE_SCHEMA_ID";
  static final String KEY_SCHEMA_FULL_NAME = "KEY_SCHEMA_FULL_NAME";
  static final String VALUE_SCHEMA_FULL_NAME = "VALUE_SCHEMA_FULL_NAME";
  static final String VALUE_AVRO_SCHEMA_FULL_NAME = "VALUE_AVRO_SCHEMA_FULL_NAME";
  static final String KEY_PROTOBUF_NULLABLE_REPRESENTATION = "KEY_PROTOBUF_NULLABLE_REPRESENTATION";
  static final String VALUE_PROTOBUF_NULLABLE_REPRESENTATION =
      "VALUE_PROTOBUF_NULLABLE_REPRESENTATION";

  /** The properties {@code CREATE STREAM|TABLE} (without AS SELECT) takes, as ksqlDB's. */
  static final Set<String> CREATE_SOURCE = Set.of(KAFKA_TOPIC, FORMAT, KEY_FORMAT, VALUE_FORMAT,
      PARTITIONS, REPLICAS, RETENTION_MS, TIMESTAMP, TIMESTAMP_FORMAT, WRAP_SINGLE_VALUE,
      WINDOW_TYPE, WINDOW_SIZE, KEY_DELIMITER, VALUE_DELIMITER, KEY_SCHEMA_ID, VALUE_SCHEMA_ID,
      KEY_SCHEMA_FULL_NAME, VALUE_SCHEMA_FULL_NAME, VALUE_AVRO_SCHEMA_FULL_NAME,
      KEY_PROTOBUF_NULLABLE_REPRESENTATION, VALUE_PROTOBUF_NULLABLE_REPRESENTATION);

  private final Map<String, Literal> properties;
  private final Pos statementPos;

  WithClause(Map<String, Literal> properties, Pos statementPos) {
    this.properties = properties;
    this.statementPos = statementPos;
  }

  /** Rejects every property not in {@code allowed}, naming them all. */
  void rejectUnknown(Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(properties.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new CatalogException(pos(first), "Invalid config variable(s) in the WITH clause: "
          + String.join(", ", unknown) + ". The valid properties are "
          + String.join(", ", new TreeSet<>(allowed)));
    }
  }

  boolean has(String name) {
    return properties.containsKey(name);
  }

  /** Where the property's value was written, or the statement's start. */
  Pos pos(String name) {
    Literal value = properties.get(name);
    return value == null ? statementPos : value.pos();
  }

  /** A string property; a number or boolean is taken as its text. */
  Optional<String> string(String name) {
    Literal value = properties.get(name);
    if (value == null) {
      return Optional.empty();
    }
    Object v = value.asObject();
    if (v == null) {
      throw new CatalogException(value.pos(), name + " may not be NULL: give it a value, e.g. "
          + name + "='...', or leave it out");
    }
    return Optional.of(v.toString());
  }

  /** A string property that must not be empty or blank. */
  Optional<String> nonEmptyString(String name) {
    Optional<String> s = string(name);
    if (s.isPresent() && s.get().isBlank()) {
      throw new CatalogException(pos(name), name + " may not be empty");
    }
    return s;
  }

  /** An integer property: an integer literal or a string holding one. */
  Optional<Long> integer(String name) {
    Literal value = properties.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof IntegerLiteral i) {
      return Optional.of((long) i.value());
    }
    if (value instanceof BigintLiteral b) {
      return Optional.of(b.value());
    }
    if (value instanceof StringLiteral s) {
      try {
        return Optional.of(Long.parseLong(s.value().trim()));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new CatalogException(value.pos(), name + " must be an integer, e.g. " + name
        + "=4, not " + text(value));
  }

  /** An integer property in {@code [min, max]}. */
  Optional<Integer> intInRange(String name, long min, long max) {
    Optional<Long> v = integer(name);
    if (v.isPresent() && (v.get() < min || v.get() > max)) {
      throw new CatalogException(pos(name), name + " must be between " + min + " and " + max
          + ", not " + v.get());
    }
    return v.map(Long::intValue);
  }

  /** A boolean property: TRUE/FALSE or a string 'true'/'false' (any case). */
  Optional<Boolean> bool(String name) {
    Literal value = properties.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof BooleanLiteral b) {
      return Optional.of(b.value());
    }
    if (value instanceof StringLiteral s) {
      String t = s.value().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Optional.of(t.equals("true"));
      }
    }
    throw new CatalogException(value.pos(), name + " must be true or false, not " + text(value));
  }

  /** The names given, in the order written. */
  List<String> names() {
    return List.copyOf(properties.keySet());
  }

  private static String text(Literal value) {
    return value instanceof StringLiteral s ? "'" + s.value() + "'" : String.valueOf(value.asObject());
  }
}
