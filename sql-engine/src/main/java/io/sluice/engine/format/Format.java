package io.sluice.engine.format;

import java.util.Locale;

/**
 * ksqlDB's serialization formats, by the names {@code FORMAT}, {@code KEY_FORMAT} and
 * {@code VALUE_FORMAT} take. Sluice implements KAFKA, JSON, DELIMITED and NONE; the others are
 * known so that a statement naming them gets a precise refusal ({@link #checkImplemented()}):
 * AVRO, PROTOBUF and JSON_SR need a Schema Registry, PROTOBUF_NOSR is not implemented yet.
 *
 * <p>The constants have the same names as the catalog's format names, so one maps to the other
 * with {@code Format.valueOf(name.name())}.
 */
public enum Format {
  /**
   * Kafka's standard serializers: no columns, or one of INTEGER (4 bytes, big-endian), BIGINT
   * (8), DOUBLE (8, IEEE 754), STRING (UTF-8) or BYTES (as is).
   */
  KAFKA,
  /** JSON text. Every type; MAPs need STRING keys. */
  JSON,
  /** Delimiter-separated text (CSV-like, RFC 4180 quoting), one field per column; scalars only. */
  DELIMITED,
  /** Nothing: the key of a keyless stream. Holds no columns; reading ignores the bytes. */
  NONE,
  /** Avro with a Schema Registry schema: not implemented. */
  AVRO,
  /** Protocol Buffers with a Schema Registry schema: not implemented. */
  PROTOBUF,
  /** JSON with a Schema Registry schema: not implemented. */
  JSON_SR,
  /** Protocol Buffers without a Schema Registry: not implemented yet. */
  PROTOBUF_NOSR;

  /**
   * The format of that name, in any case and with surrounding blanks ignored ({@code 'json'} is
   * JSON).
   *
   * @throws FormatException {@code Unknown format: FOO} for a name that is no format
   */
  public static Format of(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.name().equals(upper)) {
        return f;
      }
    }
    throw new FormatException("Unknown format: " + upper);
  }

  /** Whether the format needs a Schema Registry (AVRO, PROTOBUF, JSON_SR). */
  public boolean needsSchemaRegistry() {
    return this == AVRO || this == PROTOBUF || this == JSON_SR;
  }

  /** Whether Sluice has serdes for the format: KAFKA, JSON, DELIMITED, NONE. */
  public boolean isImplemented() {
    return this == KAFKA || this == JSON || this == DELIMITED || this == NONE;
  }

  /**
   * Refuses a format Sluice has no serdes for, saying why.
   *
   * @throws FormatException for AVRO, PROTOBUF, JSON_SR (they need a Schema Registry) and
   *     PROTOBUF_NOSR
   */
  public void checkImplemented() {
    if (needsSchemaRegistry()) {
      throw new FormatException("The '" + this + "' format needs a Schema Registry, which Sluice"
          + " does not have. Use KAFKA, JSON or DELIMITED");
    }
    if (!isImplemented()) {
      throw new FormatException("The '" + this + "' format is not supported by Sluice yet."
          + " Use KAFKA, JSON or DELIMITED");
    }
  }

  /**
   * Whether a single value column may be wrapped in an envelope ({@code WRAP_SINGLE_VALUE=true}):
   * the formats whose records are objects (JSON and the Schema Registry formats). KAFKA and
   * DELIMITED always write a single column bare.
   */
  public boolean supportsWrapping() {
    return this == JSON || this == AVRO || this == PROTOBUF || this == JSON_SR
        || this == PROTOBUF_NOSR;
  }

  /** Whether the format takes a delimiter ({@code KEY_DELIMITER}, {@code VALUE_DELIMITER}). */
  public boolean supportsDelimiter() {
    return this == DELIMITED;
  }

  /** Whether the format can hold more than one column: all but KAFKA and NONE. */
  public boolean supportsMultipleColumns() {
    return this != KAFKA && this != NONE;
  }
}
