package io.sluice.engine.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A key or value format with its format properties, as a source declares them. Immutable.
 *
 * <p>Property names (the keys of {@link #properties()}) are the constants of this class; the
 * WITH clause's {@code KEY_*} and {@code VALUE_*} variants land in the key's or the value's spec.
 * Values are as validated by the catalog: a delimiter is a single character ({@code TAB} and
 * {@code SPACE} already turned into {@code "\t"} and {@code " "}).
 *
 * @param format the format
 * @param properties format properties, sorted by name; empty when none
 */
public record FormatSpec(FormatName format, Map<String, String> properties) {

  /** {@code KEY_DELIMITER} / {@code VALUE_DELIMITER}: one character (DELIMITED). */
  public static final String DELIMITER = "delimiter";
  /** {@code KEY_SCHEMA_ID} / {@code VALUE_SCHEMA_ID}: a Schema Registry schema id. */
  public static final String SCHEMA_ID = "schemaId";
  /** {@code KEY_SCHEMA_FULL_NAME} / {@code VALUE_SCHEMA_FULL_NAME}. */
  public static final String FULL_SCHEMA_NAME = "fullSchemaName";
  /** {@code VALUE_AVRO_SCHEMA_FULL_NAME}: the Avro record name (AVRO only). */
  public static final String AVRO_FULL_SCHEMA_NAME = "avroFullSchemaName";
  /** {@code KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION}: {@code OPTIONAL} or {@code WRAPPER}. */
  public static final String NULLABLE_REPRESENTATION = "nullableRepresentation";

  /** @throws NullPointerException for a null format or properties */
  public FormatSpec {
    Objects.requireNonNull(format, "format");
    properties = Map.copyOf(properties);
  }

  /** A format without properties. */
  public static FormatSpec of(FormatName format) {
    return new FormatSpec(format, Map.of());
  }

  /** The property's value, if set. */
  public Optional<String> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  /** The properties in name order (the record keeps an unordered copy). */
  public Map<String, String> sortedProperties() {
    return new TreeMap<>(properties);
  }

  @Override
  public String toString() {
    return properties.isEmpty() ? format.name() : format.name() + sortedProperties();
  }
}
