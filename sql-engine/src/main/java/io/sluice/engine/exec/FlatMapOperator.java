package io.sluice.engine.exec;

import io.sluice.engine.plan.TableFunctionStage;
import java.util.List;

/**
 * Runs a plan's {@link TableFunctionStage}: calls each table function with its arguments from the
 * projected row and emits one row per element (see the stage for ksqlDB's zip-and-pad rule). A
 * function that throws is reported and yields no elements, as ksqlDB does for its UDTFs.
 */
public final class FlatMapOperator extends ForwardingOperator {

  private final TableFunctionStage stage;
  private final ProcessingLog log;

  public FlatMapOperator(TableFunctionStage stage, ProcessingLog log, Operator downstream) {
    super(downstream);
    this.stage = stage;
    this.log = log;
  }

  @Override
  public void onRow(Row row) {
    Object[] in = row.values();
    List<TableFunctionStage.Call> calls = stage.calls();
    List<?>[] results = new List<?>[calls.size()];
    int rows = 0;
    for (int c = 0; c < calls.size(); c++) {
      TableFunctionStage.Call call = calls.get(c);
      Object[] args = new Object[call.argIndexes().length];
      int[] idx = call.argIndexes();
      for (int a = 0; a < idx.length; a++) {
        args[a] = in[idx[a]];
      }
      try {
        results[c] = (List<?>) call.function().invokeWithArguments(args);
      } catch (Throwable e) {
        if (e instanceof Error err && !(e instanceof AssertionError)) {
          throw err;
        }
        log.report("table function " + call.name() + " failed: " + e);
        results[c] = null;
      }
      if (results[c] != null) {
        rows = Math.max(rows, results[c].size());
      }
    }
    int width = stage.width();
    for (int r = 0; r < rows; r++) {
      Object[] out = new Object[width];
      System.arraycopy(in, 0, out, 0, width);
      for (int c = 0; c < calls.size(); c++) {
        List<?> list = results[c];
        out[calls.get(c).slot()] = list != null && r < list.size() ? list.get(r) : null;
      }
      downstream.onRow(row.with(out));
    }
  }
}
