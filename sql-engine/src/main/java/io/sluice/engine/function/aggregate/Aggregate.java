package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlType;

/**
 * One aggregate function bound to concrete argument types and constant parameters (ksqlDB's UDAF
 * model): the operator keeps one accumulator per group (and window) and folds each input record
 * into it.
 *
 * <h2>Accumulators</h2>
 *
 * <p>An accumulator is a value of {@link #accumulatorType()} in the engine's runtime
 * representation ({@link SqlType}: {@code Long}, {@code Double}, {@code BigDecimal}, {@code List},
 * {@code Map}, {@link io.sluice.engine.types.Struct}, ...), so a state store serializes it with the
 * engine's value formats and hands back an equal value (possibly of another {@code List} or {@code
 * Map} class) that the function accepts. Methods never change an accumulator they are given: they
 * return a new one (copy on write), so the operator may keep the old one (e.g. to emit a retraction
 * of the previous result). A null accumulator is legal where {@link #initialize()} may return null
 * (LATEST_BY_OFFSET before its first value).
 *
 * <h2>Input</h2>
 *
 * <p>{@code input} is the value of the function's one column argument (constant parameters such as
 * TOPK's {@code k} were bound at resolution and are not passed), or, for a function with several
 * column arguments (CORRELATION, TOPK with extra columns), an {@code Object[]} of their values in
 * argument order. Values are already converted to {@link ResolvedAggregate#argumentTypes()}. Nulls
 * are passed: each function applies ksqlDB's null rule itself (most skip them).
 *
 * <h2>Sequence</h2>
 *
 * <p>{@code sequence} orders input records for the BY_OFFSET functions (the others ignore it): a
 * number that strictly increases with processing order among the records of one group and survives
 * restarts, e.g. the record's offset in the (repartitioned) input partition, which holds every
 * record of its group. Merging session windows compares sequences.
 *
 * <p>Instances are immutable and thread-safe; one may serve every group of a query.
 */
public interface Aggregate {

  /** The SQL type of the accumulator, for the state store's serializer. */
  SqlType accumulatorType();

  /** The SQL type of {@link #map}'s result. */
  SqlType resultType();

  /** The accumulator of a group that has seen no records. */
  Object initialize();

  /** The accumulator after adding one record's {@code input}. */
  Object aggregate(Object input, Object accumulator, long sequence);

  /**
   * Whether {@link #undo} is supported. An aggregation over a TABLE retracts a row's old value
   * when the row changes or is deleted; ksqlDB rejects a table aggregation that uses a function
   * without undo ({@link AggregateFunction#tableSourceError}), and so must the planner.
   */
  boolean canUndo();

  /**
   * The accumulator after removing one earlier {@code input} (the exact value once passed to
   * {@link #aggregate}).
   *
   * @throws UnsupportedOperationException if {@link #canUndo()} is false
   */
  Object undo(Object input, Object accumulator);

  /**
   * The accumulator of two session windows merged into one; {@code earlier} is the window that
   * starts first. Functions that keep insertion order (COLLECT_LIST) put {@code earlier}'s values
   * first; BY_OFFSET functions order by sequence. The record that joins the windows is added to
   * {@code earlier} before the merge, as ksqlDB documents for COLLECT_LIST's limit.
   */
  Object merge(Object earlier, Object later);

  /** The function's result for an accumulator, a value of {@link #resultType()}. */
  Object map(Object accumulator);
}
