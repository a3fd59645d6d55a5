package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlType;
import java.util.List;

/**
 * A resolved aggregate call: the function and overload, the type each argument must be converted
 * to, which arguments are columns (evaluated per record and passed as {@link Aggregate}'s input;
 * the others were constant parameters, already bound) and the aggregate itself.
 */
public record ResolvedAggregate(AggregateFunction function, AggregateFunction.Overload overload,
    List<SqlType> argumentTypes, List<Integer> columnArguments, Aggregate aggregate) {

  /** The accumulator's SQL type, for the state store. */
  public SqlType accumulatorType() {
    return aggregate.accumulatorType();
  }

  /** The result's SQL type. */
  public SqlType resultType() {
    return aggregate.resultType();
  }

  /** Whether the aggregate supports undo (required over a TABLE). */
  public boolean canUndo() {
    return aggregate.canUndo();
  }
}
