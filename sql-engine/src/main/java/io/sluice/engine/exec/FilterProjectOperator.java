package io.sluice.engine.exec;

import io.sluice.engine.expr.Evaluator;

/**
 * WHERE and SELECT in one step: rows the evaluator's condition rejects are dropped, the others
 * are replaced by the evaluator's projections. With {@code append} the projections are added
 * after the input columns instead (how PARTITION BY makes its new key columns available to the
 * SELECT that follows).
 */
public final class FilterProjectOperator extends ForwardingOperator {

  private final Evaluator evaluator;
  private final boolean append;
  private boolean table;

  public FilterProjectOperator(Evaluator evaluator, boolean append, Operator downstream) {
    super(downstream);
    this.evaluator = evaluator;
    this.append = append;
  }

  /**
   * Table semantics: the rows are a table's changes, so a delete (tombstone) goes on as a
   * delete, and a change that fails the condition becomes a delete of its key (it may have
   * passed before), as ksqlDB's table filters do.
   */
  public FilterProjectOperator overTable() {
    this.table = true;
    return this;
  }

  @Override
  public void onRow(Row row) {
    Object[] in = row.values();
    if (table) {
      boolean delete = row.tombstone() || !evaluator.test(in);
      Object[] out = evaluator.evaluate(in);
      downstream.onRow(new Row(out, row.timestamp(), row.headers(), delete, row.keyless(),
          row.window()));
      return;
    }
    // ksqlDB drops a stream's tombstones at a WHERE, whatever the condition says of NULLs.
    if (row.tombstone() && evaluator.condition() != null || !evaluator.test(in)) {
      return;
    }
    Object[] out;
    if (append) {
      Object[] extra = evaluator.evaluate(in);
      out = new Object[in.length + extra.length];
      System.arraycopy(in, 0, out, 0, in.length);
      System.arraycopy(extra, 0, out, in.length, extra.length);
    } else {
      out = evaluator.evaluate(in);
    }
    downstream.onRow(row.with(out));
  }
}
