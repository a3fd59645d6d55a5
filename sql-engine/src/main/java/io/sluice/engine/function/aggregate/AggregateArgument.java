package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlType;

/**
 * An argument of an aggregate call as the planner sees it: its type (null for an untyped NULL
 * literal) and, for a literal, its value, so that constant parameters (TOPK's k) are bound once at
 * planning.
 */
public record AggregateArgument(SqlType type, boolean literal, Object value) {

  /** A column or any non-literal expression of this type. */
  public static AggregateArgument column(SqlType type) {
    return new AggregateArgument(type, false, null);
  }

  /** A literal of this type and value (in the runtime representation). */
  public static AggregateArgument literal(SqlType type, Object value) {
    return new AggregateArgument(type, true, value);
  }
}
