package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlType;

/**
 * An aggregate whose undo is its aggregate with the opposite sign: its accumulator is made of
 * signed contributions (counts, sums, sums of products, counts per value), so retracting an input
 * takes away exactly what adding it put in. Subclasses write that one step, {@link #fold}, and
 * get {@code aggregate}, {@code canUndo} and {@code undo} from it.
 */
abstract class SignedAggregate extends BaseAggregate {

  SignedAggregate(SqlType accumulatorType, SqlType resultType) {
    super(accumulatorType, resultType);
  }

  /**
   * {@code acc} with {@code input} counted {@code sign} times (+1 to add, -1 to retract), as a
   * new value: {@code acc} is never modified. An input that does not count (for most, null)
   * returns {@code acc} itself.
   */
  abstract Object fold(Object input, Object acc, int sign);

  @Override
  public final Object aggregate(Object input, Object acc, long sequence) {
    return fold(input, acc, 1);
  }

  @Override
  public final boolean canUndo() {
    return true;
  }

  @Override
  public final Object undo(Object input, Object acc) {
    return fold(input, acc, -1);
  }
}
