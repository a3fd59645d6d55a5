package io.sluice.engine.format;

/** Which part of a record a serde reads and writes: formats treat keys and values differently. */
public enum SerdeRole {
  /**
   * The record key. A null key is a null row (every key column null). JSON writes a single key
   * column bare and several as an object; {@code WRAP_SINGLE_VALUE} does not apply.
   */
  KEY,
  /** The record value. A null value is a tombstone, a null row. */
  VALUE;

  /** {@code "key"} or {@code "value"}, for messages. */
  String word() {
    return this == KEY ? "key" : "value";
  }
}
