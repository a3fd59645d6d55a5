package io.sluice.engine.exec;

import io.sluice.engine.function.aggregate.Aggregate;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.storage.state.WindowedKeys;
import java.util.List;

/**
 * Runs a plan's aggregation: WHERE and the per-record expressions, the fold of each aggregate
 * into its group's accumulator (kept in {@link AggregateState}), then HAVING and the SELECT over
 * the group's new results, emitted downstream as the output table's new row for the group (a
 * tombstone when HAVING rejects it). Every update is emitted. Records with a null value, or a
 * NULL in a GROUP BY value, are dropped (as ksqlDB does; the latter reported).
 */
public final class AggregateOperator implements Operator {

  private final AggregatePlan plan;
  private final AggregateState state;
  private final TaskContext context;
  private final ProcessingLog log;
  private final Operator downstream;
  private final List<AggregatePlan.Call> calls;
  private final int groups;
  private final AggregatePlan.TimeWindow window;
  private final boolean overTable;
  private final int inputKeys;
  /** The output row index of each group key, in GROUP BY order. */
  private final int[] keyOrder;
  /** The largest record time seen: windows that ended more than the grace before it are closed. */
  private long streamTime = Long.MIN_VALUE;

  public AggregateOperator(AggregatePlan plan, AggregateState state, TaskContext context,
      ProcessingLog log, Operator downstream) {
    this.plan = plan;
    this.state = state;
    this.context = context;
    this.log = log;
    this.downstream = downstream;
    this.calls = plan.aggregates();
    this.groups = plan.groupColumns().size();
    this.window = plan.window().orElse(null);
    this.overTable = plan.overTable();
    this.inputKeys = plan.input().keyColumns().size();
    this.keyOrder = plan.keyIndexes();
  }

  @Override
  public void onRow(Row row) {
    if (overTable) {
      onTableChange(row);
      return;
    }
    if (row.tombstone() || !plan.pre().test(row.values())) {
      return;
    }
    Object[] pre = plan.pre().evaluate(row.values());
    Object[] group = new Object[groups];
    for (int g = 0; g < groups; g++) {
      if (pre[g] == null) {
        log.report("input partition " + context.partition() + " offset " + context.offset()
            + ": a GROUP BY value is NULL (the record is dropped)");
        return;
      }
      group[g] = pre[g];
    }
    byte[] key;
    try {
      key = state.key(group);
    } catch (RuntimeException e) {
      log.report("input partition " + context.partition() + " offset " + context.offset()
          + ": cannot store the group key: " + e.getMessage());
      return;
    }
    if (window == null) {
      fold(key, group, pre, row, -1, -1);
      return;
    }
    streamTime = Math.max(streamTime, row.timestamp());
    if (window.session()) {
      session(key, group, pre, row);
      return;
    }
    for (long start : window.startsFor(row.timestamp())) {
      long end = start + window.size();
      if (end + window.grace() <= streamTime) {
        log.report("input partition " + context.partition() + " offset " + context.offset()
            + ": late record for window [" + start + ", " + end + ") dropped (grace "
            + window.grace() + " ms)");
        continue;
      }
      fold(WindowedKeys.encode(key, start, end), group, pre, row, start, end);
    }
  }

  /**
   * Session windows: the record's time joins every stored session of its group that is less
   * than the gap away; those are merged (deleted, with a tombstone each, as ksqlDB emits) into
   * one session spanning them and the record, which then takes the record.
   */
  private void session(byte[] key, Object[] group, Object[] pre, Row row) {
    long ts = row.timestamp();
    long gap = window.size();
    if (ts + gap + window.grace() <= streamTime) {
      log.report("input partition " + context.partition() + " offset " + context.offset()
          + ": late record for a session window dropped (grace " + window.grace() + " ms)");
      return;
    }
    long start = ts;
    long end = ts;
    Object[] merged = null;
    for (AggregateState.Session s : state.sessions(key)) {
      if (s.end() + gap < ts || s.start() - gap > ts) {
        continue;
      }
      start = Math.min(start, s.start());
      end = Math.max(end, s.end());
      if (merged == null) {
        merged = s.accumulators();
      } else {
        for (int i = 0; i < calls.size(); i++) {
          merged[i] = calls.get(i).aggregate().merge(merged[i], s.accumulators()[i]);
        }
      }
      state.delete(s.key());
      Object[] tombstone = new Object[plan.columns().size() + 2];
      for (int g = 0; g < groups; g++) {
        tombstone[keyOrder[g]] = group[g];
      }
      tombstone[tombstone.length - 2] = s.start();
      tombstone[tombstone.length - 1] = s.end();
      // A removed session is retracted at its own time (its end), as Kafka Streams forwards it.
      downstream.onRow(new Row(tombstone, s.end(), row.headers(), true, false));
    }
    byte[] windowed = WindowedKeys.encode(key, start, end);
    if (merged != null) {
      state.put(windowed, merged);
    }
    apply(windowed, group, pre, row, start, end, false, true);
  }

  /**
   * A change of an input TABLE row: its previous contribution (kept in the state) is retracted
   * from its group, then the new one added to its group (a delete or a row failing WHERE adds
   * nothing); each step emits its group's new result, as ksqlDB's subtractor and adder do.
   */
  private void onTableChange(Row row) {
    Object[] keyValues = java.util.Arrays.copyOf(row.values(), inputKeys);
    byte[] sourceKey = state.sourceKey(keyValues);
    Object[] previous = state.sourceRow(sourceKey);
    Object[] next = null;
    if (!row.tombstone() && plan.pre().test(row.values())) {
      next = plan.pre().evaluate(row.values());
      for (int g = 0; g < groups; g++) {
        if (next[g] == null) {
          log.report("input partition " + context.partition() + " offset " + context.offset()
              + ": a GROUP BY value is NULL (the row counts in no group)");
          next = null;
          break;
        }
      }
    }
    byte[] previousGroup = previous == null ? null
        : state.key(java.util.Arrays.copyOf(previous, groups));
    byte[] nextGroup = next == null ? null : state.key(java.util.Arrays.copyOf(next, groups));
    // A change within one group is one update of it, not a retraction and an addition.
    boolean sameGroup = previousGroup != null && java.util.Arrays.equals(previousGroup, nextGroup);
    if (previous != null) {
      apply(previousGroup, java.util.Arrays.copyOf(previous, groups), previous, row, -1, -1, true,
          !sameGroup);
    }
    if (next != null) {
      apply(nextGroup, java.util.Arrays.copyOf(next, groups), next, row, -1, -1, false, true);
    }
    state.sourceRow(sourceKey, next);
  }

  /** Folds one record into the accumulators stored under {@code key} and emits the result. */
  private void fold(byte[] key, Object[] group, Object[] pre, Row row, long start, long end) {
    apply(key, group, pre, row, start, end, false, true);
  }

  private void apply(byte[] key, Object[] group, Object[] pre, Row row, long start, long end,
      boolean undo, boolean emit) {
    Object[] accumulators = state.get(key);
    if (accumulators == null) {
      accumulators = new Object[calls.size()];
      for (int i = 0; i < calls.size(); i++) {
        accumulators[i] = calls.get(i).aggregate().initialize();
      }
    }
    int first = groups + (window == null ? 0 : 2);
    Object[] aggregateRow = new Object[first + calls.size()];
    System.arraycopy(group, 0, aggregateRow, 0, groups);
    if (window != null) {
      aggregateRow[groups] = start;
      aggregateRow[groups + 1] = end;
    }
    for (int i = 0; i < calls.size(); i++) {
      Aggregate aggregate = calls.get(i).aggregate();
      int[] slots = calls.get(i).argumentSlots();
      Object input;
      if (slots.length == 1) {
        input = pre[slots[0]];
      } else {
        Object[] args = new Object[slots.length];
        for (int a = 0; a < slots.length; a++) {
          args[a] = pre[slots[a]];
        }
        input = args;
      }
      try {
        accumulators[i] = undo ? aggregate.undo(input, accumulators[i])
            : aggregate.aggregate(input, accumulators[i], context.offset());
      } catch (RuntimeException e) {
        log.report("input partition " + context.partition() + " offset " + context.offset()
            + ": aggregate " + calls.get(i).name() + " failed: " + e.getMessage());
      }
      aggregateRow[first + i] = aggregate.map(accumulators[i]);
    }
    state.put(key, accumulators);
    if (!emit) {
      return;
    }
    boolean passes = plan.post().test(aggregateRow);
    Object[] out = plan.post().evaluate(aggregateRow);
    if (window != null) {
      Object[] withWindow = java.util.Arrays.copyOf(out, out.length + 2);
      withWindow[out.length] = start;
      withWindow[out.length + 1] = end;
      out = withWindow;
    }
    // A session's result carries the session's end as its time, as Kafka Streams' does.
    long time = window != null && window.session() ? end : row.timestamp();
    downstream.onRow(new Row(out, time, row.headers(), !passes, false));
  }

  @Override
  public void onBarrier(long epoch) {
    downstream.onBarrier(epoch);
  }

  @Override
  public void onWatermark(long timestamp) {
    downstream.onWatermark(timestamp);
  }
}
