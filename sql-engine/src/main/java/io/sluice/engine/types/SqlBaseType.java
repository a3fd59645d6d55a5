package io.sluice.engine.types;

/**
 * The base kinds of ksqlDB's types, without parameters (precision, element types, fields).
 *
 * <p>The numeric kinds are declared in widening order: a numeric kind converts implicitly to any
 * numeric kind declared after it ({@code INTEGER -> BIGINT -> DECIMAL -> DOUBLE}), as in ksqlDB.
 */
public enum SqlBaseType {
  BOOLEAN,
  INTEGER,
  BIGINT,
  DECIMAL,
  DOUBLE,
  STRING,
  BYTES,
  DATE,
  TIME,
  TIMESTAMP,
  ARRAY,
  MAP,
  STRUCT;

  /** {@code INTEGER}, {@code BIGINT}, {@code DECIMAL} or {@code DOUBLE}. */
  public boolean isNumber() {
    return this == INTEGER || this == BIGINT || this == DECIMAL || this == DOUBLE;
  }

  /** {@code DATE}, {@code TIME} or {@code TIMESTAMP}. */
  public boolean isTemporal() {
    return this == DATE || this == TIME || this == TIMESTAMP;
  }

  /** {@code ARRAY}, {@code MAP} or {@code STRUCT}. */
  public boolean isContainer() {
    return this == ARRAY || this == MAP || this == STRUCT;
  }
}
