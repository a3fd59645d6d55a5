package io.sluice.engine.catalog;

import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Pos;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The serialization formats ksqlDB knows by name, with what the catalog needs to know about each
 * to validate a statement the way ksqlDB does: which types it can hold, whether it can hold more
 * than one column, whether it can wrap or unwrap a single column, which format properties it
 * takes. The serdes themselves live in {@code io.sluice.engine.format}, which maps these names to
 * implementations; a name here does not promise a serde there (the Schema Registry formats have
 * none, as Sluice has no Schema Registry).
 *
 * <p>Immutable and thread-safe.
 */
public enum FormatName {
  /** No data: marks the key of a keyless stream. Holds no columns. */
  NONE(false, Wrapping.NEITHER, Set.of()),
  /** Kafka's standard serializers: one column of INTEGER, BIGINT, DOUBLE, STRING or BYTES. */
  KAFKA(false, Wrapping.UNWRAPPED_ONLY, Set.of()),
  /** Delimiter-separated text: scalar types only. */
  DELIMITED(false, Wrapping.UNWRAPPED_ONLY, Set.of(FormatSpec.DELIMITER)),
  /** JSON text: every type, MAPs with STRING keys only. */
  JSON(false, Wrapping.BOTH, Set.of()),
  /** JSON with a Schema Registry schema. */
  JSON_SR(true, Wrapping.BOTH, Set.of(FormatSpec.SCHEMA_ID, FormatSpec.FULL_SCHEMA_NAME)),
  /** Avro with a Schema Registry schema. */
  AVRO(true, Wrapping.BOTH, Set.of(FormatSpec.SCHEMA_ID, FormatSpec.FULL_SCHEMA_NAME,
      FormatSpec.AVRO_FULL_SCHEMA_NAME)),
  /** Protocol Buffers with a Schema Registry schema. */
  PROTOBUF(true, Wrapping.BOTH, Set.of(FormatSpec.SCHEMA_ID, FormatSpec.FULL_SCHEMA_NAME,
      FormatSpec.NULLABLE_REPRESENTATION)),
  /** Protocol Buffers without Schema Registry. */
  PROTOBUF_NOSR(false, Wrapping.BOTH, Set.of(FormatSpec.NULLABLE_REPRESENTATION));

  /** Whether a format may hold one column without an envelope, or with one. */
  enum Wrapping {
    /** Neither question arises (no columns). */
    NEITHER,
    /** A single column is always written bare: {@code WRAP_SINGLE_VALUE=true} is refused. */
    UNWRAPPED_ONLY,
    /** Either, by {@code WRAP_SINGLE_VALUE}. */
    BOTH
  }

  private final boolean schemaRegistry;
  private final Wrapping wrapping;
  private final Set<String> properties;

  FormatName(boolean schemaRegistry, Wrapping wrapping, Set<String> properties) {
    this.schemaRegistry = schemaRegistry;
    this.wrapping = wrapping;
    this.properties = properties;
  }

  /**
   * The format of that name, any case ({@code 'json'} is JSON).
   *
   * @param pos where the name was written, for the error; may be null
   * @throws CatalogException for a name that is no format
   */
  public static FormatName of(String name, Pos pos) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (FormatName f : values()) {
      if (f.name().equals(upper)) {
        return f;
      }
    }
    throw new CatalogException(pos, "Unknown format: " + upper + ". Use one of "
        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /**
   * Whether the format reads its schema from a Schema Registry (AVRO, PROTOBUF, JSON_SR): such a
   * format can infer columns that a statement leaves out, and takes {@code *_SCHEMA_ID}.
   */
  public boolean usesSchemaRegistry() {
    return schemaRegistry;
  }

  /** Whether the format can hold more than one column (all but KAFKA and NONE). */
  public boolean supportsMultipleColumns() {
    return this != KAFKA && this != NONE;
  }

  /** Whether {@code WRAP_SINGLE_VALUE} may be set to {@code wrapped}. */
  boolean allowsWrapping(boolean wrapped) {
    return switch (wrapping) {
      case NEITHER -> false;
      case UNWRAPPED_ONLY -> !wrapped;
      case BOTH -> true;
    };
  }

  /** Whether the format takes the format property {@code property} ({@link FormatSpec} names). */
  public boolean supportsProperty(String property) {
    return properties.contains(property);
  }

  /**
   * Why the format cannot hold a column of {@code type}, if it cannot: the type itself or, for a
   * container, any type inside it.
   *
   * @return empty when the format holds the type
   */
  public Optional<String> unsupported(SqlType type) {
    switch (this) {
      case NONE:
        return Optional.of("The 'NONE' format holds no columns");
      case KAFKA:
        // Kafka's serializers exist for these only (Integer, Long, Double, String, bytes).
        return switch (type.baseType()) {
          case INTEGER, BIGINT, DOUBLE, STRING, BYTES -> Optional.empty();
          default -> Optional.of(doesNotSupport(type));
        };
      case DELIMITED:
        return type.baseType().isContainer() ? Optional.of(doesNotSupport(type)) : Optional.empty();
      default:
        return badMapKey(type);
    }
  }

  private String doesNotSupport(SqlType type) {
    return "The '" + name() + "' format does not support type '" + type.baseType() + "'";
  }

  /** JSON objects, Avro maps and Protobuf maps have string keys: MAP keys must be STRING. */
  private Optional<String> badMapKey(SqlType type) {
    if (type instanceof SqlMap m) {
      if (m.key().baseType() != SqlBaseType.STRING) {
        String format = switch (this) {
          case AVRO -> "Avro";
          case JSON, JSON_SR -> "JSON";
          default -> name() + " format";
        };
        return Optional.of(format + " only supports MAP types with STRING keys, not "
            + AstTypes.display(type));
      }
      return badMapKey(m.value());
    }
    if (type instanceof SqlArray a) {
      return badMapKey(a.element());
    }
    if (type instanceof SqlStruct s) {
      for (SqlStruct.Field f : s.fields()) {
        Optional<String> problem = badMapKey(f.type());
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }
}
