package io.sluice.engine.query;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.exec.AggregateState;
import io.sluice.engine.plan.AggregatePlan;
import io.sluice.engine.plan.ExpressionContext;
import io.sluice.engine.plan.PlanException;
import io.sluice.engine.plan.StreamPlan;
import io.sluice.engine.plan.StreamPlanner;
import io.sluice.engine.types.Column;
import io.sluice.grammar.ast.AliasedSource;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.storage.state.WindowedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pull queries over tables materialized by an aggregation (CREATE TABLE ... AS SELECT ...
 * GROUP BY): the query's WHERE and SELECT run over the table's rows rebuilt from the state
 * store's last commit (group key, window bounds, the aggregates' results through the query's
 * HAVING and SELECT). {@code WHERE key = literal} on a table with one key column reads that one
 * entry (a lookup); anything else scans the table's state.
 */
final class PullQueries {

  private final io.sluice.engine.catalog.Catalog catalog;
  private final ExpressionContext expressions;
  private final PersistentQueries persistent;

  PullQueries(io.sluice.engine.catalog.Catalog catalog, ExpressionContext expressions,
      PersistentQueries persistent) {
    this.catalog = catalog;
    this.expressions = expressions;
    this.persistent = persistent;
  }

  /** EXPLAIN of a pull query: the table it reads and whether by key lookup or by scan. */
  String explain(Query query) {
    Target t = target(query);
    StreamPlan plan = plan(query);
    boolean lookup = lookupKey(query, t.table(), t.aggregate(), t.state()) != null;
    return " > [ PULL ] | " + t.table().name() + " (state of " + t.writer().id() + ")"
        + (lookup ? ": KEY LOOKUP " + query.where().get() : ": TABLE SCAN")
        + (plan.projection().condition() == null ? "" : " | FILTER "
            + plan.projection().condition()) + " | PROJECT " + plan.projection().projections();
  }

  /** The pull query's WHERE and SELECT over its table's rows. */
  private StreamPlan plan(Query query) {
    return new StreamPlanner(catalog::source, expressions,
        io.sluice.engine.expr.ExpressionErrorListener.IGNORE, false).allowTables().plan(query);
  }

  /** The table a pull query reads, with its writer's plan and state. */
  private record Target(Source table, PersistentQuery writer, AggregatePlan aggregate,
      AggregateState state) {}

  private Target target(Query query) {
    if (!(query.from() instanceof AliasedSource from)) {
      throw new PlanException(query.from().pos(), "Pull queries read one table: no joins");
    }
    Source table = catalog.source(from.name().value()).orElseThrow(() -> new PlanException(
        from.name().pos(), from.name().value() + " does not exist."));
    if (table.kind() != SourceKind.TABLE) {
      throw new PlanException(from.name().pos(), "Pull queries (SELECT without EMIT CHANGES)"
          + " read tables; " + table.name() + " is a STREAM: add EMIT CHANGES for a push query");
    }
    PersistentQuery writer = table.queryId().flatMap(persistent::get).orElse(null);
    if (writer == null || !(writer.plan() instanceof AggregatePlan aggregate)
        || !(writer.resources() instanceof AggregateState state)) {
      throw new PlanException(from.name().pos(), "Table " + table.name() + " is not"
          + " materialized: pull queries read tables made by CREATE TABLE ... AS SELECT ..."
          + " GROUP BY (tables over topics are not materialized yet)");
    }
    return new Target(table, writer, aggregate, state);
  }

  PullQuery start(String id, String text, Query query, Consumer<List<Object>> rows) {
    Target t = target(query);
    Source table = t.table();
    AggregatePlan aggregate = t.aggregate();
    AggregateState state = t.state();
    StreamPlan plan = plan(query);
    List<Column> columns = plan.columns().stream().map(c -> c.toColumn()).toList();
    PullQuery pull = new PullQuery(id, text, columns);
    long limit = plan.limit().isPresent() ? plan.limit().getAsInt() : Long.MAX_VALUE;
    byte[] lookup = lookupKey(query, table, aggregate, state);
    pull.start(() -> scan(aggregate, state, table, plan, columns.size(), limit, pull, rows,
        lookup));
    return pull;
  }

  /**
   * The state key a {@code WHERE key = literal} on a non-windowed table with one key column
   * names (the query then reads that one entry instead of scanning), or null.
   */
  private byte[] lookupKey(Query query, Source table, AggregatePlan aggregate,
      AggregateState state) {
    if (aggregate.window().isPresent() || table.keyColumns().size() != 1
        || query.where().isEmpty()
        || !(query.where().get() instanceof io.sluice.grammar.ast.Comparison c)
        || c.op() != io.sluice.grammar.ast.Comparison.Op.EQUAL) {
      return null;
    }
    io.sluice.grammar.ast.Expression literal = c.left() instanceof io.sluice.grammar.ast.ColumnRef
        ? c.right() : c.left();
    io.sluice.grammar.ast.Expression column = literal == c.right() ? c.left() : c.right();
    if (!(column instanceof io.sluice.grammar.ast.ColumnRef ref)
        || !(literal instanceof io.sluice.grammar.ast.Literal)
        || !ref.name().value().equals(table.keyColumns().get(0).name())) {
      return null;
    }
    try {
      Object value = expressions.constants(List.of(literal),
          List.of(table.keyColumns().get(0).type()), List.of(ref.name().value()))[0];
      return value == null ? null : state.key(new Object[] {value});
    } catch (RuntimeException e) {
      return null; // not convertible: the scan applies the WHERE as written
    }
  }

  private static void scan(AggregatePlan aggregate, AggregateState state, Source table,
      StreamPlan plan, int width, long limit, PullQuery pull, Consumer<List<Object>> rows,
      byte[] lookup) {
    int groups = aggregate.groupColumns().size();
    boolean windowed = aggregate.window().isPresent();
    int tableWidth = table.rowSchema().size();
    long[] emitted = {0};
    java.util.function.BiConsumer<byte[], Object[]> each = (key, accumulators) -> {
      if (pull.cancelled() || emitted[0] >= limit) {
        return;
      }
      Object[] group = state.group(windowed ? WindowedKeys.key(key) : key);
      int first = groups + (windowed ? 2 : 0);
      int calls = aggregate.aggregates().size();
      Object[] aggregateRow = new Object[first + calls];
      System.arraycopy(group, 0, aggregateRow, 0, groups);
      if (windowed) {
        aggregateRow[groups] = WindowedKeys.start(key);
        aggregateRow[groups + 1] = WindowedKeys.end(key);
      }
      for (int i = 0; i < calls; i++) {
        aggregateRow[first + i] = aggregate.aggregates().get(i).aggregate().map(accumulators[i]);
      }
      if (!aggregate.post().test(aggregateRow)) {
        return; // HAVING removed the group from the table
      }
      Object[] out = aggregate.post().evaluate(aggregateRow);
      // The table's row: key columns, value columns, then ROWTIME, ROWPARTITION, ROWOFFSET
      // (not kept: 0) and the window bounds.
      Object[] row = new Object[tableWidth];
      int next = 0;
      for (int k : aggregate.keyIndexes()) {
        row[next++] = out[k];
      }
      for (int v : aggregate.valueIndexes()) {
        row[next++] = out[v];
      }
      row[next++] = 0L;
      row[next++] = 0;
      row[next++] = 0L;
      if (windowed && next + 1 < tableWidth) {
        row[next++] = WindowedKeys.start(key);
        row[next] = WindowedKeys.end(key);
      }
      if (plan.projection().test(row)) {
        Object[] result = plan.projection().evaluate(row);
        List<Object> values = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
          values.add(result[i]);
        }
        rows.accept(values);
        emitted[0]++;
      }
    };
    if (lookup != null) {
      Object[] accumulators = state.getCommitted(lookup);
      if (accumulators != null) {
        each.accept(lookup, accumulators);
      }
    } else {
      state.forEachCommitted(each);
    }
  }
}
