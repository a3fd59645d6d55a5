package io.sluice.engine.plan;

import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.expr.CompiledExpressions;
import io.sluice.engine.expr.Evaluator;
import io.sluice.engine.expr.ExpressionErrorListener;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * The second half of {@link StreamPlanner}: decides which SELECT items are key columns, checks
 * ksqlDB's rules on keys and names, and compiles the projection (with the table function stage).
 */
final class OutputBuilder {

  private final Source input;
  private final List<StreamPlanner.KeyColumn> keys;
  private final List<StreamPlanner.Item> items;
  private final RexBuilder rex;
  private final RowSchema projectionInput;
  private final Scope scope;
  private final RexNode where;
  private final Optional<Evaluator> rekey;
  private final ExpressionContext expressions;
  private final ExpressionErrorListener errors;
  private final OptionalInt limit;
  private final boolean persistent;
  private java.util.BitSet rekeyInputs = new java.util.BitSet();

  OutputBuilder(Source input, List<StreamPlanner.KeyColumn> keys, List<StreamPlanner.Item> items,
      RexBuilder rex, RowSchema projectionInput, Scope scope, RexNode where, Optional<Evaluator> rekey,
      ExpressionContext expressions, ExpressionErrorListener errors, OptionalInt limit, boolean persistent) {
    this.input = input;
    this.keys = keys;
    this.items = items;
    this.rex = rex;
    this.projectionInput = projectionInput;
    this.scope = scope;
    this.where = where;
    this.rekey = rekey;
    this.expressions = expressions;
    this.errors = errors;
    this.limit = limit;
    this.persistent = persistent;
  }

  /** The input columns PARTITION BY's stage reads (its WHERE and key expressions). */
  OutputBuilder rekeyReads(java.util.BitSet columns) {
    this.rekeyInputs = columns;
    return this;
  }

  StreamPlan build(Query query) {
    // Which key column each item is, if any.
    int[] keyOf = new int[items.size()];
    List<List<String>> aliases = new ArrayList<>();
    keys.forEach(k -> aliases.add(new ArrayList<>()));
    for (int i = 0; i < items.size(); i++) {
      keyOf[i] = -1;
      StreamPlanner.Item item = items.get(i);
      for (int k = 0; k < keys.size(); k++) {
        StreamPlanner.KeyColumn key = keys.get(k);
        boolean isKey = item.rex != null && item.columnIndex >= 0 && item.columnIndex == key.index()
            || key.partitionBy() != null && key.partitionBy().equals(item.expression);
        if (isKey) {
          keyOf[i] = k;
          aliases.get(k).add(item.name);
          break;
        }
      }
    }
    for (int k = 0; k < keys.size() && persistent; k++) {
      if (aliases.get(k).size() > 1) {
        throw new PlanException(query.pos(), "The projection contains a key column (`"
            + keys.get(k).name() + "`) more than once, aliased as: "
            + String.join(" and ", aliases.get(k)) + ".");
      }
    }
    Set<String> valueNames = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (keyOf[i] < 0) {
        valueNames.add(items.get(i).name);
      }
    }
    List<String> missing = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      if (aliases.get(k).isEmpty()) {
        missing.add(keys.get(k).name());
        if (persistent && valueNames.contains(keys.get(k).name())) {
          throw new PlanException(query.pos(), "The query must include the key column "
              + keys.get(k).name() + " in its projection (eg, SELECT " + keys.get(k).name()
              + "...).");
        }
      }
    }
    if (persistent && !missing.isEmpty() && missing.size() < keys.size()) {
      throw new PlanException(query.pos(), "The projection must include all key columns or"
          + " none; missing: " + String.join(", ", missing));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      StreamPlanner.Item item = items.get(i);
      if (!seen.add(item.name)) {
        throw new PlanException(item.expression.pos(), "The projection has the column name '"
            + item.name + "' more than once: give one of them another name with AS");
      }
      // PARTITION BY ROWTIME names its key column ROWTIME: allowed, as in ksqlDB.
      boolean partitionKey = keyOf[i] >= 0 && keys.get(keyOf[i]).partitionBy() != null;
      // Only output columns of a topic are reserved: a push or pull query may show ROWTIME,
      // WINDOWSTART and the rest, as in ksqlDB.
      if (persistent && Source.RESERVED_NAMES.contains(item.name) && !partitionKey) {
        throw new PlanException(item.expression.pos(), "Reserved column name in select: `"
            + item.name + "`. Please remove or alias the column.");
      }
    }
    if (persistent && valueNames.isEmpty()) {
      throw new PlanException(query.pos(), "The projection contains no value columns.");
    }

    // Projections: the items, then the table functions' arguments.
    List<RexNode> projections = new ArrayList<>();
    List<ExpressionContext.TableCall> tableCalls = new ArrayList<>();
    List<Integer> tableSlots = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      StreamPlanner.Item item = items.get(i);
      if (item.rex == null) {
        ExpressionContext.TableCall call = expressions.tableFunction(rex, projectionInput,
            scope, item.expression);
        tableCalls.add(call);
        tableSlots.add(i);
        projections.add(rex.makeNullLiteral(call.elementType().toRelDataType(
            rex.getTypeFactory())));
      } else {
        projections.add(item.rex);
      }
    }
    List<int[]> argIndexes = new ArrayList<>();
    for (ExpressionContext.TableCall call : tableCalls) {
      int[] idx = new int[call.arguments().size()];
      for (int a = 0; a < idx.length; a++) {
        idx[a] = projections.size();
        projections.add(call.arguments().get(a));
      }
      argIndexes.add(idx);
    }
    Evaluator projection = CompiledExpressions.compile(rex, projections, where, projectionInput,
        errors);
    List<SqlType> types = projection.outputTypes();

    List<SourceColumn> columns = new ArrayList<>();
    List<Integer> keyIndexes = new ArrayList<>();
    List<Integer> valueIndexes = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      for (int i = 0; i < items.size(); i++) {
        if (keyOf[i] == k) {
          keyIndexes.add(i);
        }
      }
    }
    for (int i = 0; i < items.size(); i++) {
      boolean key = keyOf[i] >= 0;
      columns.add(SourceColumn.of(items.get(i).name, types.get(i),
          key ? Namespace.KEY : Namespace.VALUE));
      if (!key) {
        valueIndexes.add(i);
      }
    }
    Optional<TableFunctionStage> stage = Optional.empty();
    if (!tableCalls.isEmpty()) {
      List<TableFunctionStage.Call> calls = new ArrayList<>();
      for (int t = 0; t < tableCalls.size(); t++) {
        calls.add(new TableFunctionStage.Call(tableCalls.get(t).name(), tableSlots.get(t),
            argIndexes.get(t), tableCalls.get(t).function()));
      }
      stage = Optional.of(new TableFunctionStage(items.size(), calls));
    }
    java.util.BitSet used = new java.util.BitSet();
    int inputWidth = input.rowSchema().size();
    for (RexNode node : projections) {
      org.apache.calcite.plan.RelOptUtil.InputFinder.bits(node).forEach(i -> {
        if (i < inputWidth) {
          used.set(i);
        }
      });
    }
    if (where != null) {
      org.apache.calcite.plan.RelOptUtil.InputFinder.bits(where).forEach(i -> {
        if (i < inputWidth) {
          used.set(i);
        }
      });
    }
    used.or(rekeyInputs);
    return new StreamPlan(input, rekey, projection, stage, columns, ints(keyIndexes),
        ints(valueIndexes), limit, used);
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return items.stream().map(i -> i.name).collect(Collectors.joining(", "));
  }
}
