package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;

/** Holds an aggregate's types; functions without undo inherit the refusal. */
abstract class BaseAggregate implements Aggregate {

  private final SqlType accumulatorType;
  private final SqlType resultType;

  BaseAggregate(SqlType accumulatorType, SqlType resultType) {
    this.accumulatorType = accumulatorType;
    this.resultType = resultType;
  }

  @Override
  public final SqlType accumulatorType() {
    return accumulatorType;
  }

  @Override
  public final SqlType resultType() {
    return resultType;
  }

  @Override
  public boolean canUndo() {
    return false;
  }

  @Override
  public Object undo(Object input, Object accumulator) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot undo");
  }

  /** A struct value of {@code type} (values taken over). */
  static Struct struct(SqlStruct type, Object... values) {
    return new Struct(type.fieldNames(), values);
  }
}
