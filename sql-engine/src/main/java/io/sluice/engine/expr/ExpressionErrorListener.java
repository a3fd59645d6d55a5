package io.sluice.engine.expr;

/**
 * Told when evaluating an expression for a record fails (division by zero, a bad number in a
 * CAST, an exception in a function). ksqlDB then writes a record to its processing log and uses
 * NULL for that projection, or drops the record for a failing filter; the {@link Evaluator} does
 * the same and tells this listener. Called on the evaluating thread.
 */
@FunctionalInterface
public interface ExpressionErrorListener {

  /** Ignores errors. */
  ExpressionErrorListener IGNORE = (index, expression, row, error) -> { };

  /**
   * @param index the failing projection's index, or -1 for the condition
   * @param expression the expression, as text
   * @param row the input row
   * @param error what was thrown
   */
  void onError(int index, String expression, Object[] row, RuntimeException error);
}
