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
import io.sluice.engine.exec.KeyRange;
import io.sluice.engine.exec.MaterializedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pull queries ({@code SELECT ... FROM table [WHERE ...]} without EMIT) over materialized
 * tables: those made by CREATE TABLE ... AS SELECT ... GROUP BY (their aggregation's state), and
 * tables over topics and those other CREATE TABLE ... AS SELECT write (the state of their
 * {@link SourceTables} query). {@link PullPlanner} picks the key
 * lookups or key ranges that hold every row the WHERE can accept, or a full scan; the query's
 * WHERE and SELECT then run over each row read, from one snapshot of the state's last commit.
 */
final class PullQueries {

  private final io.sluice.engine.catalog.Catalog catalog;
  private final ExpressionContext expressions;
  private final PersistentQueries persistent;
  private final SourceTables sourceTables;
  private final PullPlanner planner;
  /**
   * Compiled SELECTs (and WHEREs) by query and table: compiling costs milliseconds, a key lookup
   * microseconds. A lookup whose WHERE the keys apply exactly is planned without its WHERE, so
   * lookups that differ only in their keys share one entry.
   */
  private final Map<PlanKey, StreamPlan> plans = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PlanKey, StreamPlan> eldest) {
      return size() > PLAN_CACHE_SIZE;
    }
  };
  private static final int PLAN_CACHE_SIZE = 256;

  private record PlanKey(Query query, Source table) {}

  PullQueries(io.sluice.engine.catalog.Catalog catalog, ExpressionContext expressions,
      PersistentQueries persistent, SourceTables sourceTables) {
    this.catalog = catalog;
    this.expressions = expressions;
    this.persistent = persistent;
    this.sourceTables = sourceTables;
    this.planner = new PullPlanner(expressions);
  }

  /** EXPLAIN of a pull query: the table it reads and how (lookup, range or scan). */
  String explain(Query query) {
    Target t = target(query);
    PullPlanner.Access access = access(query, t);
    StreamPlan plan = plan(query, t, access);
    return " > [ PULL ] | " + t.table().name() + " (state of " + t.state().queryId() + "): "
        + access.explain()
        + (plan.projection().condition() == null ? "" : " | FILTER "
            + plan.projection().condition()) + " | PROJECT " + plan.projection().projections();
  }

  /**
   * The pull query's WHERE and SELECT over its table's rows; without the WHERE when the access
   * applies it exactly.
   */
  private StreamPlan plan(Query query, Target t, PullPlanner.Access access) {
    Query planned = access.exact() ? new Query(query.pos(), query.select(), query.from(),
        query.window(), Optional.empty(), query.groupBy(), query.partitionBy(), query.having(),
        query.emit(), query.limit()) : query;
    PlanKey key = new PlanKey(planned, t.table());
    synchronized (plans) {
      StreamPlan cached = plans.get(key);
      if (cached != null) {
        return cached;
      }
    }
    StreamPlan plan = new StreamPlanner(catalog::source, expressions,
        io.sluice.engine.expr.ExpressionErrorListener.IGNORE, false).allowTables().plan(planned);
    synchronized (plans) {
      plans.put(key, plan);
    }
    return plan;
  }

  private PullPlanner.Access access(Query query, Target t) {
    return planner.plan(query.where(), t.from(), t.table(), t.state().keys());
  }

  /** The table a pull query reads and its state. */
  private record Target(AliasedSource from, Source table, MaterializedTable state) {}

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
    if (writer != null && writer.plan() instanceof AggregatePlan aggregate
        && writer.resources() instanceof AggregateState state) {
      return new Target(from, table, new AggregateTable(writer.id(), table, aggregate, state));
    }
    MaterializedTable source = sourceTables.table(table.name()).orElse(null);
    if (source == null) {
      throw new PlanException(from.name().pos(), "Table " + table.name() + " is not"
          + " materialized: pull queries read tables over topics (CREATE TABLE ... WITH"
          + " (KAFKA_TOPIC=...)) and tables made by CREATE TABLE ... AS SELECT");
    }
    return new Target(from, table, source);
  }

  PullQuery start(String id, String text, Query query, Consumer<List<Object>> rows) {
    Target t = target(query);
    PullPlanner.Access access = access(query, t);
    StreamPlan plan = plan(query, t, access);
    List<Column> columns = plan.columns().stream().map(c -> c.toColumn()).toList();
    PullQuery pull = new PullQuery(id, text, columns);
    long limit = plan.limit().isPresent() ? plan.limit().getAsInt() : Long.MAX_VALUE;
    List<KeyRange> ranges = access.ranges();
    int width = columns.size();
    pull.prepare(() -> {
      long[] emitted = {0};
      t.state().read(ranges, row -> {
        if (pull.cancelled() || emitted[0] >= limit) {
          return false;
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
        return emitted[0] < limit && !pull.cancelled();
      });
    });
    return pull;
  }
}
