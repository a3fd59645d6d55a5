package io.sluice.engine.catalog;

/**
 * Which part of a Kafka record a source column is read from (ksqlDB's column namespaces).
 */
public enum Namespace {
  /** A key column of a stream ({@code KEY}). */
  KEY,
  /** A key column of a table ({@code PRIMARY KEY}). */
  PRIMARY_KEY,
  /** A value column (no constraint). */
  VALUE,
  /** All headers, typed {@code ARRAY<STRUCT<KEY STRING, VALUE BYTES>>} ({@code HEADERS}). */
  HEADERS,
  /** The last header with a given key, typed {@code BYTES} ({@code HEADER('key')}). */
  HEADER;

  /** {@link #KEY} or {@link #PRIMARY_KEY}. */
  public boolean isKey() {
    return this == KEY || this == PRIMARY_KEY;
  }

  /** {@link #HEADERS} or {@link #HEADER}. */
  public boolean isHeader() {
    return this == HEADERS || this == HEADER;
  }
}
