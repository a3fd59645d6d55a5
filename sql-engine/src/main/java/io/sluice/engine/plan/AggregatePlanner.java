package io.sluice.engine.plan;

import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.expr.CompiledExpressions;
import io.sluice.engine.expr.Evaluator;
import io.sluice.engine.expr.ExpressionErrorListener;
import io.sluice.engine.function.aggregate.AggregateArgument;
import io.sluice.engine.function.aggregate.ResolvedAggregate;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.AliasedSource;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Dereference;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.FunctionCall;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.SelectItem;
import io.sluice.grammar.ast.SingleColumn;
import io.sluice.grammar.ast.SourceKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * Plans {@code SELECT ... FROM stream [WHERE] GROUP BY ... [HAVING]} into an
 * {@link AggregatePlan}, with ksqlDB's rules: the GROUP BY expressions are the output's PRIMARY
 * KEY columns, named by the SELECT item that is each of them (alias, column or struct field
 * name, else {@code KSQL_COL_n}); every GROUP BY expression must be selected; other SELECT and
 * HAVING expressions may only read aggregates and GROUP BY expressions; {@code COUNT(*)} counts
 * rows. Windows, table sources and joins are refused with a message saying so. Not thread-safe;
 * one per statement.
 */
public final class AggregatePlanner {

  private final Function<String, Optional<Source>> sources;
  private final ExpressionContext expressions;
  private final ExpressionErrorListener errors;
  private final Map<String, ?> properties;

  public AggregatePlanner(Function<String, Optional<Source>> sources,
      ExpressionContext expressions, ExpressionErrorListener errors, Map<String, ?> properties) {
    this.sources = sources;
    this.expressions = expressions;
    this.errors = errors;
    this.properties = properties;
  }

  /** @throws PlanException when the query is not a valid (or not yet supported) aggregation */
  public AggregatePlan plan(Query query) {
    if (!(query.from() instanceof AliasedSource from)) {
      throw new PlanException(query.from().pos(), "JOIN is not supported yet: joins come with"
          + " tables and state (issue 5).");
    }
    Optional<AggregatePlan.TimeWindow> window = Optional.empty();
    boolean emitFinal = query.emit().orElse(Query.EmitKind.CHANGES) == Query.EmitKind.FINAL;
    if (query.window().isPresent()) {
      window = Optional.of(timeWindow(query.window().get(), emitFinal));
    } else if (emitFinal) {
      throw new PlanException(query.pos(), "EMIT FINAL is only supported for windowed"
          + " aggregations: add a WINDOW clause, or use EMIT CHANGES");
    }
    Source input = sources.apply(from.name().value()).orElseThrow(() ->
        new PlanException(from.name().pos(), from.name().value() + " does not exist."));
    boolean table = input.kind() == SourceKind.TABLE;
    if (table && window.isPresent()) {
      throw new PlanException(query.window().get().pos(), "WINDOW is not valid on a TABLE"
          + " source: windows group a stream's records by time");
    }
    RowSchema inputRow = input.rowSchema();
    Scope scope = Scope.of(inputRow, from.effectiveAlias().value(), input.name());
    RexBuilder rex = expressions.newRexBuilder();

    RexNode where = null;
    if (query.where().isPresent()) {
      where = expressions.translate(rex, inputRow, scope, query.where().get(), "WHERE");
    }
    List<Expression> groupBy = query.groupBy();
    List<String> groupSlots = new ArrayList<>();
    List<RexNode> pre = new ArrayList<>();
    List<Column> groupColumns = new ArrayList<>();
    for (int i = 0; i < groupBy.size(); i++) {
      RexNode r = expressions.translate(rex, inputRow, scope, groupBy.get(i), "GROUP BY");
      SqlType type = expressions.typeOf(rex, inputRow, r);
      if (type == null) {
        throw new PlanException(groupBy.get(i).pos(), "GROUP BY NULL is not allowed: group by"
            + " a column or an expression");
      }
      pre.add(r);
      groupSlots.add("$GROUP_" + i);
      groupColumns.add(new Column("$GROUP_" + i, type));
    }

    AggregateRewriter rewriter = new AggregateRewriter(expressions.functions()::isAggregate,
        groupBy, groupSlots);
    List<SingleColumn> items = new ArrayList<>();
    List<Expression> rewritten = new ArrayList<>();
    for (SingleColumn single : expandStar(query.select(), input)) {
      items.add(single);
      rewritten.add(rewriter.rewrite(single.expression()));
    }
    Optional<Expression> having = query.having().map(rewriter::rewrite);

    // The aggregates: their column arguments go after the group keys in the pre row.
    List<AggregatePlan.Call> calls = new ArrayList<>();
    RowSchema.Builder aggRow = RowSchema.builder();
    groupColumns.forEach(c -> aggRow.column(c.name(), c.type()));
    if (window.isPresent()) {
      aggRow.column("WINDOWSTART", SqlType.BIGINT).column("WINDOWEND", SqlType.BIGINT);
    }
    for (int i = 0; i < rewriter.calls.size(); i++) {
      FunctionCall call = rewriter.calls.get(i);
      List<Expression> args = call.star() || call.arguments().isEmpty()
          ? List.of(new ColumnRef(call.pos(), Optional.empty(), Identifier.of("ROWTIME")))
          : call.arguments();
      List<AggregateArgument> kinds = new ArrayList<>();
      List<RexNode> argNodes = new ArrayList<>();
      for (Expression a : args) {
        if (rewriter.hasAggregate(a)) {
          throw new PlanException(a.pos(), "Aggregate functions can not be nested: "
              + call.name().value() + "(" + a + ")");
        }
        RexNode r = expressions.translate(rex, inputRow, scope, a, "SELECT");
        SqlType type = expressions.typeOf(rex, inputRow, r);
        argNodes.add(r);
        kinds.add(a instanceof Literal l ? AggregateArgument.literal(type, l.asObject())
            : AggregateArgument.column(type));
      }
      ResolvedAggregate resolved;
      try {
        resolved = expressions.functions().resolveAggregate(call.name().value(), kinds,
            properties);
      } catch (RuntimeException e) {
        throw new PlanException(call.pos(), e.getMessage(), e);
      }
      List<Integer> columnArgs = resolved.columnArguments();
      int[] slots = new int[columnArgs.size()];
      for (int a = 0; a < slots.length; a++) {
        int index = columnArgs.get(a);
        slots[a] = pre.size();
        pre.add(cast(rex, inputRow, argNodes.get(index), resolved.argumentTypes().get(index)));
      }
      calls.add(new AggregatePlan.Call(call.name().value(), resolved.aggregate(), slots));
      aggRow.column(AggregateRewriter.name(i), resolved.resultType());
    }
    if (table) {
      List<String> noUndo = new ArrayList<>();
      for (AggregatePlan.Call c : calls) {
        if (!c.aggregate().canUndo()) {
          noUndo.add(c.name().toUpperCase(java.util.Locale.ROOT));
        }
      }
      if (!noUndo.isEmpty()) {
        throw new PlanException(query.pos(),
            io.sluice.engine.function.aggregate.AggregateFunction.tableSourceError(noUndo));
      }
    }
    Evaluator preEval = CompiledExpressions.compile(rex, pre, where, inputRow, errors);
    BitSet used = new BitSet();
    for (RexNode r : pre) {
      RelOptUtil.InputFinder.bits(r).forEach(used::set);
    }
    if (where != null) {
      RelOptUtil.InputFinder.bits(where).forEach(used::set);
    }

    // After aggregation: the SELECT items and HAVING over the aggregate row.
    RowSchema aggregateRow = aggRow.build();
    // Qualified names (alias.column) resolve as they do over the input.
    Scope aggScope = Scope.of(aggregateRow, from.effectiveAlias().value(), input.name());
    List<RexNode> post = new ArrayList<>();
    for (Expression e : rewritten) {
      post.add(expressions.translate(rex, aggregateRow, aggScope, e, "SELECT"));
    }
    RexNode havingNode = having.map(h -> expressions.translate(rex, aggregateRow, aggScope, h,
        "HAVING")).orElse(null);
    Evaluator postEval = CompiledExpressions.compile(rex, post, havingNode, aggregateRow, errors);
    return output(query, input, items, rewritten, groupBy, groupSlots, preEval, groupColumns,
        calls, postEval, used, window);
  }

  /**
   * The SELECT items with {@code *} replaced by the input's columns (as ksqlDB allows when each
   * is grouped by; a column that is not is reported by the rewriter like any other).
   */
  private static List<SingleColumn> expandStar(List<SelectItem> select, Source input) {
    List<SingleColumn> out = new ArrayList<>();
    for (SelectItem item : select) {
      if (item instanceof SingleColumn single) {
        out.add(single);
      } else if (item instanceof io.sluice.grammar.ast.AllColumns) {
        List<io.sluice.engine.catalog.SourceColumn> columns = new ArrayList<>(
            input.keyColumns());
        columns.addAll(input.valueColumns());
        for (io.sluice.engine.catalog.SourceColumn c : columns) {
          out.add(new SingleColumn(item.pos(), new ColumnRef(item.pos(), Optional.empty(),
              Identifier.of(c.name())), Optional.empty()));
        }
      } else {
        throw new PlanException(item.pos(), "struct->* is not allowed in an aggregation:"
            + " select the GROUP BY columns and aggregates by name");
      }
    }
    return out;
  }

  /** TUMBLING, HOPPING or SESSION, with its retention and emit mode. */
  private static AggregatePlan.TimeWindow timeWindow(io.sluice.grammar.ast.WindowExpr w,
      boolean emitFinal) {
    // ksqlDB's default grace period for windows declared without one.
    long defaultGrace = java.time.Duration.ofHours(24).toMillis();
    long grace = w.grace().map(io.sluice.grammar.ast.TimeSpan::toMillis).orElse(defaultGrace);
    long size;
    long advance;
    if (w instanceof io.sluice.grammar.ast.TumblingWindow t) {
      size = t.size().toMillis();
      advance = size;
    } else if (w instanceof io.sluice.grammar.ast.HoppingWindow h) {
      size = h.size().toMillis();
      advance = h.advance().toMillis();
      if (advance <= 0 || advance > size) {
        throw new PlanException(h.pos(), "A HOPPING window's ADVANCE BY must be positive and"
            + " at most its SIZE");
      }
    } else {
      size = ((io.sluice.grammar.ast.SessionWindow) w).gap().toMillis();
      advance = size;
    }
    if (size <= 0) {
      throw new PlanException(w.pos(), "A window's " + (w instanceof
          io.sluice.grammar.ast.SessionWindow ? "gap" : "SIZE") + " must be positive");
    }
    // Kafka Streams' default: a window is kept as long as it can still change.
    long retention = w.retention().map(io.sluice.grammar.ast.TimeSpan::toMillis)
        .orElse(size + grace);
    if (retention < size + grace) {
      throw new PlanException(w.pos(), "The window's RETENTION (" + retention + " ms) must be"
          + " at least its " + (w instanceof io.sluice.grammar.ast.SessionWindow ? "gap"
          : "SIZE") + " plus its GRACE PERIOD (" + (size + grace) + " ms): raise RETENTION");
    }
    if (w instanceof io.sluice.grammar.ast.SessionWindow) {
      return AggregatePlan.TimeWindow.session(size, grace, retention, emitFinal);
    }
    return new AggregatePlan.TimeWindow(w instanceof io.sluice.grammar.ast.TumblingWindow, size,
        advance, grace, false, retention, emitFinal);
  }

  private RexNode cast(RexBuilder rex, RowSchema row, RexNode node, SqlType type) {
    SqlType actual = expressions.typeOf(rex, row, node);
    if (type == null || type.equals(actual)) {
      return node;
    }
    return new io.sluice.engine.expr.ExpressionBuilder(rex, row, expressions.functions())
        .cast(node, type);
  }

  /** Names the output columns and splits them into the key (GROUP BY order) and values. */
  private AggregatePlan output(Query query, Source input, List<SingleColumn> items,
      List<Expression> rewritten, List<Expression> groupBy, List<String> groupSlots,
      Evaluator pre, List<Column> groupColumns, List<AggregatePlan.Call> calls, Evaluator post,
      BitSet used, Optional<AggregatePlan.TimeWindow> window) {
    int[] keyOf = new int[items.size()];
    int[] keyItem = new int[groupBy.size()];
    java.util.Arrays.fill(keyItem, -1);
    for (int i = 0; i < items.size(); i++) {
      keyOf[i] = rewritten.get(i) instanceof ColumnRef ref
          ? groupSlots.indexOf(ref.name().value()) : -1;
      if (keyOf[i] >= 0) {
        if (keyItem[keyOf[i]] >= 0) {
          throw new PlanException(items.get(i).pos(), "The projection contains a key column"
              + " more than once: " + groupBy.get(keyOf[i]));
        }
        keyItem[keyOf[i]] = i;
      }
    }
    for (int k = 0; k < groupBy.size(); k++) {
      if (keyItem[k] < 0) {
        throw new PlanException(groupBy.get(k).pos(), "Key missing from projection (ie, SELECT)."
            + " The query used to build the table must include the grouping expression "
            + groupBy.get(k) + " in its projection (eg, SELECT " + groupBy.get(k) + "...).");
      }
    }
    Set<String> taken = new HashSet<>();
    input.rowSchema().columns().forEach(c -> taken.add(c.name()));
    items.forEach(i -> i.alias().ifPresent(a -> taken.add(a.value())));
    int generated = 0;
    List<SourceColumn> columns = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      SingleColumn item = items.get(i);
      Expression e = item.expression();
      String name = item.alias().map(Identifier::value).orElse(null);
      if (name == null && e instanceof ColumnRef ref) {
        name = ref.name().value();
      } else if (name == null && e instanceof Dereference d) {
        name = d.field().value();
      }
      if (name == null) {
        do {
          name = "KSQL_COL_" + generated++;
        } while (taken.contains(name));
      }
      taken.add(name);
      if (!names.add(name)) {
        throw new PlanException(item.pos(), "The projection has the column name '" + name
            + "' more than once: give one of them another name with AS");
      }
      boolean key = keyOf[i] >= 0;
      columns.add(SourceColumn.of(name, post.outputTypes().get(i),
          key ? Namespace.PRIMARY_KEY : Namespace.VALUE));
      if (!key) {
        values.add(i);
      }
    }
    if (values.isEmpty()) {
      throw new PlanException(query.pos(), "The projection contains no value columns.");
    }
    return new AggregatePlan(input, pre, groupColumns, calls, post, columns, keyItem,
        values.stream().mapToInt(Integer::intValue).toArray(), used, window);
  }
}
