package io.sluice.engine.query;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.exec.AggregateState;
import io.sluice.engine.exec.KeyRange;
import io.sluice.engine.exec.MaterializedTable;
import io.sluice.engine.exec.OrderedKeys;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.engine.types.SqlType;
import io.sluice.storage.state.WindowedKeys;
import java.util.List;
import java.util.function.Predicate;

/**
 * A table made by CREATE TABLE ... AS SELECT ... GROUP BY, as pull queries read it: each stored
 * group's row rebuilt from its key, window bounds and accumulators through the query's HAVING
 * and SELECT. The state is keyed by the group key, whose columns are the table's key columns in
 * order (the planner makes the i-th key column the i-th GROUP BY expression).
 */
final class AggregateTable implements MaterializedTable {

  private final String queryId;
  private final AggregatePlan plan;
  private final AggregateState state;
  private final int tableWidth;
  private final OrderedKeys keys;
  private final int[] keyIndexes;
  private final int[] valueIndexes;

  AggregateTable(String queryId, Source table, AggregatePlan plan, AggregateState state) {
    this.queryId = queryId;
    this.plan = plan;
    this.state = state;
    this.tableWidth = table.rowSchema().size();
    this.keyIndexes = plan.keyIndexes();
    this.valueIndexes = plan.valueIndexes();
    List<SqlType> keyTypes = table.keyColumns().stream().map(c -> c.type()).toList();
    List<SqlType> groupTypes = plan.groupColumns().stream().map(c -> c.type()).toList();
    this.keys = keyTypes.equals(groupTypes) ? state.keys() : null;
  }

  @Override
  public String queryId() {
    return queryId;
  }

  @Override
  public OrderedKeys keys() {
    return keys;
  }

  @Override
  public void read(List<KeyRange> ranges, Predicate<Object[]> rows) {
    int groups = plan.groupColumns().size();
    boolean windowed = plan.window().isPresent();
    state.readCommitted(ranges, windowed, (key, accumulators) -> {
      Object[] group = state.group(windowed ? WindowedKeys.key(key) : key);
      int first = groups + (windowed ? 2 : 0);
      // the accumulators may hold more than one per call (EMIT FINAL's bookkeeping): map the calls'
      int calls = plan.aggregates().size();
      Object[] aggregateRow = new Object[first + calls];
      System.arraycopy(group, 0, aggregateRow, 0, groups);
      if (windowed) {
        aggregateRow[groups] = WindowedKeys.start(key);
        aggregateRow[groups + 1] = WindowedKeys.end(key);
      }
      for (int i = 0; i < calls; i++) {
        aggregateRow[first + i] = plan.aggregates().get(i).aggregate().map(accumulators[i]);
      }
      if (!plan.post().test(aggregateRow)) {
        return true; // HAVING removed the group from the table
      }
      Object[] out = plan.post().evaluate(aggregateRow);
      // The table's row: key columns, value columns, then ROWTIME, ROWPARTITION, ROWOFFSET
      // (not kept: 0) and the window bounds.
      Object[] row = new Object[tableWidth];
      int next = 0;
      for (int k : keyIndexes) {
        row[next++] = out[k];
      }
      for (int v : valueIndexes) {
        row[next++] = out[v];
      }
      row[next++] = 0L;
      row[next++] = 0;
      row[next++] = 0L;
      if (windowed && next + 1 < tableWidth) {
        row[next++] = WindowedKeys.start(key);
        row[next] = WindowedKeys.end(key);
      }
      return rows.test(row);
    });
  }
}
