package io.sluice.engine.expr;

/**
 * Implemented by the classes {@link CompiledExpressions} generates; public only so the generated
 * classes (in their own class loader) can implement it. Use {@link Evaluator}.
 */
public interface GeneratedExpressions {

  /** The condition for this row: true, or false if it is false or null. May throw. */
  boolean test(Object[] in);

  /** All projections of this row into {@code out[0..n)}. May throw. */
  void project(Object[] in, Object[] out);

  /** Projection {@code index} alone (used to isolate a failing projection). May throw. */
  Object projectOne(int index, Object[] in);
}
