package io.sluice.engine.function;

/** ksqlDB's function types, as {@code SHOW FUNCTIONS} and {@code DESCRIBE FUNCTION} name them. */
public enum FunctionKind {
  /** One value per call. */
  SCALAR,
  /** A list of values per call, each one output row (a UDTF). */
  TABLE,
  /** One value per group of rows (a UDAF): see {@code FunctionRegistry#resolveAggregate}. */
  AGGREGATE
}
