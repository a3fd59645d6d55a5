package io.sluice.engine.plan;

import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Objects;

/**
 * The flat-map stage of a plan: SELECT items that call table functions (EXPLODE, ...). The
 * projection before it computes the other items and, after them, each call's arguments; this
 * stage calls each function and makes one row per element, as ksqlDB does: the row count is the
 * longest result's, shorter results are padded with NULL, and a row whose functions all return
 * nothing (or null) produces no row. Immutable.
 *
 * @param width how many leading columns of the projected row are SELECT items (the output row)
 * @param calls the table function calls
 */
public record TableFunctionStage(int width, List<Call> calls) {

  public TableFunctionStage {
    calls = List.copyOf(calls);
  }

  /**
   * One call.
   *
   * @param name the function's name, for EXPLAIN
   * @param slot the SELECT item's index in the output row
   * @param argIndexes where its arguments are in the projected row
   * @param function the static method, taking the arguments and returning a {@link List}
   */
  public record Call(String name, int slot, int[] argIndexes, MethodHandle function) {
    public Call {
      Objects.requireNonNull(name, "name");
      argIndexes = argIndexes.clone();
      Objects.requireNonNull(function, "function");
    }
  }

  @Override
  public String toString() {
    return calls.stream().map(Call::name).toList().toString();
  }
}
