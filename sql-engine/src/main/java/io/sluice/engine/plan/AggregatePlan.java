package io.sluice.engine.plan;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.expr.Evaluator;
import io.sluice.engine.function.aggregate.Aggregate;
import io.sluice.engine.types.Column;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The static description of a GROUP BY aggregation over a stream (a table's changelog as its
 * output). Immutable. For each input record (the input's {@link Source#rowSchema()}):
 * <ol>
 *   <li>{@link #pre()}: WHERE, then the group key values followed by every aggregate's column
 *       arguments (the "pre row");</li>
 *   <li>per aggregate {@code i}: {@code aggregates().get(i)} folds its arguments (at
 *       {@link Call#argumentSlots()} of the pre row) into the group's accumulator;</li>
 *   <li>{@link #post()}: over the aggregate row (group key values, then each aggregate's result),
 *       HAVING as its condition and the SELECT items as its projections; a group that fails
 *       HAVING is written as a tombstone of its key.</li>
 * </ol>
 *
 * @param input the stream read
 * @param pre WHERE and the per-record expressions
 * @param groupColumns the group key columns (types of the first values of the pre row)
 * @param aggregates the aggregate calls
 * @param post HAVING and the SELECT items over the aggregate row
 * @param columns the output columns in SELECT order, the group keys marked PRIMARY KEY
 * @param keyIndexes the key columns' indexes in the output row, in GROUP BY order
 * @param valueIndexes the value columns' indexes in the output row
 * @param inputColumns the input row's columns any expression reads
 * @param window the time window of a windowed aggregation ({@code WINDOW TUMBLING|HOPPING}):
 *     the aggregate row then has WINDOWSTART and WINDOWEND after the group keys, and every
 *     output row carries its window's start and end after the SELECT items
 */
public record AggregatePlan(Source input, Evaluator pre, List<Column> groupColumns,
    List<Call> aggregates, Evaluator post, List<SourceColumn> columns, int[] keyIndexes,
    int[] valueIndexes, BitSet inputColumns, java.util.Optional<TimeWindow> window)
    implements QueryPlan {

  /**
   * A tumbling ({@code advance == size}) or hopping time window, in milliseconds. A record
   * belongs to every window {@code [start, start + size)} with {@code start} a multiple of
   * {@code advance} (and not negative) that contains its time; a window takes no records once
   * stream time passed its end by {@code grace}.
   *
   * @param retention how long a window stays in the state after the newest window's start (a
   *     session: after stream time), at least {@code size + grace}; older windows are removed
   * @param emitFinal {@code EMIT FINAL}: a window's result is written once, when it closes
   *     (stream time passed its end by the grace), instead of at every update
   */
  public record TimeWindow(boolean tumbling, long size, long advance, long grace,
      boolean session, long retention, boolean emitFinal) {

    /** A session window: records of a key less than {@code gap} apart share one window. */
    public static TimeWindow session(long gap, long grace, long retention, boolean emitFinal) {
      return new TimeWindow(false, gap, gap, grace, true, retention, emitFinal);
    }

    /** The starts of the windows containing time {@code ts}, in order. */
    public long[] startsFor(long ts) {
      long first = Math.max(0, ts - size + advance) / advance * advance;
      int n = (int) ((ts - first) / advance) + 1;
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = first + i * advance;
      }
      return out;
    }
  }

  /**
   * One aggregate call.
   *
   * @param name the call as written, for EXPLAIN
   * @param aggregate the bound function
   * @param argumentSlots where its column arguments are in the pre row (one, or several passed
   *     as an {@code Object[]})
   */
  public record Call(String name, Aggregate aggregate, int[] argumentSlots) {
    public Call {
      Objects.requireNonNull(aggregate, "aggregate");
      argumentSlots = argumentSlots.clone();
    }

    @Override
    public int[] argumentSlots() {
      return argumentSlots.clone();
    }
  }

  public AggregatePlan {
    aggregates = List.copyOf(aggregates);
    groupColumns = List.copyOf(groupColumns);
    columns = List.copyOf(columns);
    keyIndexes = keyIndexes.clone();
    valueIndexes = valueIndexes.clone();
    inputColumns = (BitSet) inputColumns.clone();
  }

  @Override
  public int[] keyIndexes() {
    return keyIndexes.clone();
  }

  @Override
  public int[] valueIndexes() {
    return valueIndexes.clone();
  }

  @Override
  public BitSet inputColumns() {
    return (BitSet) inputColumns.clone();
  }

  /** Whether the input is a TABLE: its changes retract and add contributions. */
  public boolean overTable() {
    return input.kind() == io.sluice.grammar.ast.SourceKind.TABLE;
  }

  /** The output columns as the sink table declares them: keys first, then values. */
  public List<SourceColumn> sinkColumns() {
    List<SourceColumn> out = new ArrayList<>();
    for (int i : keyIndexes) {
      out.add(columns.get(i));
    }
    for (int i : valueIndexes) {
      out.add(columns.get(i));
    }
    return out;
  }

  /** A human-readable description, for EXPLAIN. */
  public String describe() {
    return " > [ SOURCE ] | " + input.name() + " (topic " + input.topic() + ")\n"
        + "\t\t > [ " + (pre.condition() == null ? "" : "FILTER " + pre.condition() + " | ")
        + "GROUP BY ] | " + groupColumns + "\n"
        + "\t\t > [ AGGREGATE ] | " + aggregates.stream().map(Call::name).toList() + "\n"
        + "\t\t > [ " + (post.condition() == null ? "" : "HAVING " + post.condition() + " | ")
        + "PROJECT ] | " + post.projections() + "\n"
        + "\t\t > [ OUTPUT TABLE ] | " + sinkColumns();
  }
}
