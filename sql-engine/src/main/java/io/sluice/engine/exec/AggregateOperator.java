package io.sluice.engine.exec;

import io.sluice.engine.function.aggregate.Aggregate;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.storage.state.WindowedKeys;
import java.util.List;

/**
 * Runs a plan's aggregation: WHERE and the per-record expressions, the fold of each aggregate
 * into its group's accumulator (kept in {@link AggregateState}), then HAVING and the SELECT over
 * the group's new results, emitted downstream as the output table's new row for the group (a
 * tombstone when HAVING rejects it). Every update is emitted, or with {@code EMIT FINAL} each
 * window's result once, when stream time passed its end by the grace. Records with a null value,
 * or a NULL in a GROUP BY value, are dropped (as ksqlDB does; the latter reported).
 *
 * <p>Windows follow Kafka Streams: a time window's accumulators carry, after the aggregates',
 * the largest record time folded in (the time of its results); stream time is the largest record
 * time seen, across the input's partitions; a record for a window that closed is dropped and
 * reported; at each barrier windows older than the retention are removed from the state (for
 * time windows: whose start is more than the retention before the newest window's start; for
 * sessions: whose end is more than the retention before the newest session's end).
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
  /** Whether the query has a HAVING clause (results may leave the table). */
  private final boolean having;
  /** The mark of the last window end whose final results were written (EMIT FINAL). */
  private static final String EMITTED = "t.final";

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
    this.having = plan.post().condition() != null;
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
      apply(key, group, pre, row, -1, -1, false, true);
      return;
    }
    long streamTime = state.advanceStreamTime(row.timestamp());
    if (window.session()) {
      session(key, group, pre, row, streamTime);
    } else {
      for (long start : window.startsFor(row.timestamp())) {
        long end = start + window.size();
        if (end + window.grace() <= streamTime) {
          log.report("input partition " + context.partition() + " offset " + context.offset()
              + ": late record for window [" + start + ", " + end + ") dropped (grace "
              + window.grace() + " ms)");
          continue;
        }
        observe(start);
        apply(key, group, pre, row, start, end, false, !window.emitFinal());
      }
    }
    if (window.emitFinal()) {
      emitClosed(row, streamTime);
    }
  }

  private void observe(long time) {
    state.observe(time);
  }

  /**
   * Whether the retention already dropped a window (as Kafka Streams' window stores do: counted
   * from the newest window's start, for sessions from the newest session's end).
   */
  private boolean expired(long start, long end) {
    long observed = state.observed();
    return observed != Long.MIN_VALUE
        && (window.session() ? end : start) < observed - window.retention();
  }

  /**
   * EMIT FINAL: writes the result of every window that closed since the last call (a time window
   * when stream time reaches its end plus the grace; a session when no record can join it any
   * more), in end order, once. Windows the retention dropped first are not written, as in Kafka
   * Streams.
   */
  private void emitClosed(Row row, long streamTime) {
    long closedUpTo = streamTime - window.grace() - (window.session() ? window.size() + 1 : 0);
    long last = state.mark(EMITTED, Long.MIN_VALUE);
    if (closedUpTo <= last) {
      return;
    }
    for (byte[] stored : state.endedBetween(last, closedUpTo)) {
      long start = WindowedKeys.start(stored);
      long end = WindowedKeys.end(stored);
      if (expired(start, end)) {
        continue;
      }
      Object[] accumulators = state.get(stored);
      Object[] group = state.group(WindowedKeys.key(stored));
      Object[] aggregateRow = aggregateRow(group, start, end, accumulators);
      long time = window.session() ? end : (Long) accumulators[calls.size()];
      emitResult(aggregateRow, start, end, time, row, false);
    }
    state.setMark(EMITTED, closedUpTo);
  }

  /**
   * Session windows: the record's time joins every stored session of its group that is at most
   * the gap away; those are merged (deleted, with a tombstone each, as ksqlDB emits) into one
   * session spanning them and the record, which then takes the record. As in Kafka Streams, the
   * record is late (dropped) when the merged session ends more than the gap plus the grace before
   * stream time, and sessions the retention dropped are not joined.
   */
  private void session(byte[] key, Object[] group, Object[] pre, Row row, long streamTime) {
    long ts = row.timestamp();
    long gap = window.size();
    long start = ts;
    long end = ts;
    List<AggregateState.Session> joined = new java.util.ArrayList<>();
    for (AggregateState.Session s : state.sessions(key)) {
      if (s.end() + gap < ts || s.start() - gap > ts || expired(s.start(), s.end())) {
        continue; // too far, or already dropped by the retention
      }
      joined.add(s);
      start = Math.min(start, s.start());
      end = Math.max(end, s.end());
    }
    if (end < streamTime - window.grace() - gap) {
      log.report("input partition " + context.partition() + " offset " + context.offset()
          + ": late record for a session window dropped (grace " + window.grace() + " ms)");
      return;
    }
    Object[] merged = null;
    for (AggregateState.Session s : joined) {
      if (merged == null) {
        merged = s.accumulators();
      } else {
        for (int i = 0; i < calls.size(); i++) {
          merged[i] = calls.get(i).aggregate().merge(merged[i], s.accumulators()[i]);
        }
      }
      state.deleteWindow(key, s.start(), s.end());
      if (window.emitFinal()) {
        continue; // a merged session was never written
      }
      Object[] tombstone = new Object[plan.columns().size()];
      for (int g = 0; g < groups; g++) {
        tombstone[keyOrder[g]] = group[g];
      }
      // A removed session is retracted at its own time (its end), as Kafka Streams forwards it.
      downstream.onRow(new Row(tombstone, s.end(), row.headers(), true, false,
          new Row.Window(s.start(), s.end())));
    }
    if (merged != null) {
      state.putWindow(WindowedKeys.encode(key, start, end), end, merged, true);
    }
    observe(end);
    apply(key, group, pre, row, start, end, false, !window.emitFinal());
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
    Boolean passedBefore = null;
    if (previous != null) {
      boolean before = apply(previousGroup, java.util.Arrays.copyOf(previous, groups), previous,
          row, -1, -1, true, !sameGroup);
      passedBefore = sameGroup ? before : null;
    }
    if (next != null) {
      apply(nextGroup, java.util.Arrays.copyOf(next, groups), next, row, -1, -1, false, true,
          passedBefore);
    }
    state.sourceRow(sourceKey, next);
  }

  /**
   * Folds one record into (or, {@code undo}, out of) the accumulators of a group, of its window
   * {@code [start, end)} when windowed ({@code key} is then the group's key without window), and
   * emits the group's new result when {@code emit}.
   */
  private boolean apply(byte[] key, Object[] group, Object[] pre, Row row, long start, long end,
      boolean undo, boolean emit) {
    return apply(key, group, pre, row, start, end, undo, emit, null);
  }

  /**
   * As above; {@code passedBefore} says whether the group's result passed HAVING before the
   * change (null: as stored now). Returns whether the stored result passed HAVING before this
   * step. As a Kafka Streams table filter, a result failing HAVING is written as a tombstone
   * only when the previous one passed (the table held the group); otherwise nothing is written.
   */
  private boolean apply(byte[] key, Object[] group, Object[] pre, Row row, long start, long end,
      boolean undo, boolean emit, Boolean passedBefore) {
    byte[] stored = window == null ? key : WindowedKeys.encode(key, start, end);
    Object[] accumulators = state.get(stored);
    boolean created = accumulators == null;
    boolean before = passedBefore != null ? passedBefore : accumulators != null
        && (!having || plan.post().test(aggregateRow(group, start, end, accumulators)));
    if (accumulators == null) {
      // A time window keeps its results' time after the accumulators.
      accumulators = new Object[calls.size() + (window == null || window.session() ? 0 : 1)];
      for (int i = 0; i < calls.size(); i++) {
        accumulators[i] = calls.get(i).aggregate().initialize();
      }
      if (accumulators.length > calls.size()) {
        accumulators[calls.size()] = row.timestamp();
      }
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
    }
    long time = row.timestamp();
    if (window == null) {
      state.put(stored, accumulators);
    } else {
      if (!window.session()) {
        time = Math.max(time, (Long) accumulators[calls.size()]);
        accumulators[calls.size()] = time;
      } else {
        // A session's result carries the session's end as its time, as Kafka Streams' does.
        time = end;
      }
      state.putWindow(stored, end, accumulators, created);
    }
    if (emit) {
      emitResult(aggregateRow(group, start, end, accumulators), start, end, time, row, before);
    }
    return before;
  }

  /** The group's values, window bounds when windowed, then each aggregate's result. */
  private Object[] aggregateRow(Object[] group, long start, long end, Object[] accumulators) {
    int first = groups + (window == null ? 0 : 2);
    Object[] aggregateRow = new Object[first + calls.size()];
    System.arraycopy(group, 0, aggregateRow, 0, groups);
    if (window != null) {
      aggregateRow[groups] = start;
      aggregateRow[groups + 1] = end;
    }
    for (int i = 0; i < calls.size(); i++) {
      aggregateRow[first + i] = calls.get(i).aggregate().map(accumulators[i]);
    }
    return aggregateRow;
  }

  /**
   * HAVING and SELECT over an aggregate row, downstream; when HAVING fails, a tombstone if the
   * group's previous result passed ({@code passedBefore}), else nothing.
   */
  private void emitResult(Object[] aggregateRow, long start, long end, long time, Row row,
      boolean passedBefore) {
    boolean passes = plan.post().test(aggregateRow);
    if (!passes && !passedBefore) {
      return;
    }
    Object[] out = plan.post().evaluate(aggregateRow);
    downstream.onRow(new Row(out, time, row.headers(), !passes, false,
        window == null ? null : new Row.Window(start, end)));
  }

  /** Removes the windows the retention let go, then passes the barrier on (the state commits). */
  @Override
  public void onBarrier(long epoch) {
    if (window != null) {
      long observed = state.observed();
      if (observed != Long.MIN_VALUE && observed - window.retention() > Long.MIN_VALUE / 2) {
        // Windows end at start + size (sessions: the end is what retention counts from).
        long horizon = observed - window.retention() + (window.session() ? 0 : window.size());
        state.expire(horizon);
      }
    }
    downstream.onBarrier(epoch);
  }

  @Override
  public void onWatermark(long timestamp) {
    downstream.onWatermark(timestamp);
  }
}
