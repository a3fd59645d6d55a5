package io.sluice.engine.plan;

import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.expr.CompiledExpressions;
import io.sluice.engine.expr.Evaluator;
import io.sluice.engine.expr.ExpressionErrorListener;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.AliasedSource;
import io.sluice.grammar.ast.AllColumns;
import io.sluice.grammar.ast.AllStructFields;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Dereference;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.Join;
import io.sluice.grammar.ast.NullLiteral;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.SelectItem;
import io.sluice.grammar.ast.SingleColumn;
import io.sluice.grammar.ast.SourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/**
 * Plans a stateless query over one stream ({@code SELECT ... FROM stream [WHERE] [PARTITION BY]})
 * into a {@link StreamPlan}, with ksqlDB's rules for the output's key and value columns:
 *
 * <ul>
 *   <li>Without PARTITION BY the key columns are the input's, in the input's order, under the
 *       names the SELECT gives them; a key column the SELECT leaves out is dropped (the output is
 *       then unkeyed), unless a value column takes its name.</li>
 *   <li>PARTITION BY e1, ... makes new key columns, in that order, named after a column ({@code
 *       x}), a struct field ({@code s->f} is {@code F}) or {@code KSQL_COL_n}; the SELECT sees
 *       them by those names, and the old key columns as value columns. A SELECT item that is a
 *       key column, or the very expression of a PARTITION BY, is that key column.</li>
 *   <li>A key column may be selected once; there must be at least one value column.</li>
 *   <li>Items without an alias are named after their column or struct field, else
 *       {@code KSQL_COL_n} with the first n not taken.</li>
 * </ul>
 *
 * <p>GROUP BY, WINDOW, HAVING, JOIN and EMIT FINAL, and queries over tables, are rejected with
 * a message saying so (they come with tables and state). Not thread-safe; one per statement.
 */
public final class StreamPlanner {

  private final Function<String, Optional<Source>> sources;
  private final ExpressionContext expressions;
  private final ExpressionErrorListener errors;
  private final boolean persistent;
  private boolean tables;

  /**
   * @param sources the catalog's sources by canonical name
   * @param expressions how AST expressions become RexNodes (functions, custom types)
   * @param errors told of per-record expression failures of the compiled plan
   * @param persistent whether the output goes to a topic (ksqlDB's rules on key and value
   *     columns then hold; a push query may select any columns)
   */
  public StreamPlanner(Function<String, Optional<Source>> sources, ExpressionContext expressions,
      ExpressionErrorListener errors, boolean persistent) {
    this.sources = sources;
    this.expressions = expressions;
    this.errors = errors;
    this.persistent = persistent;
  }

  /**
   * Lets the query read a TABLE (CREATE TABLE ... AS SELECT without GROUP BY): its records are
   * the table's changes; a change that fails WHERE, or a delete, becomes a delete of the output
   * row.
   */
  public StreamPlanner allowTables() {
    this.tables = true;
    return this;
  }

  /**
   * Plans {@code query}.
   *
   * @throws PlanException when the query is not valid or not (yet) supported, saying why and where
   */
  public StreamPlan plan(Query query) {
    rejectStateful(query);
    AliasedSource from = (AliasedSource) query.from();
    Source input = sources.apply(from.name().value()).orElseThrow(() ->
        new PlanException(from.name().pos(), from.name().value() + " does not exist."));
    if (input.kind() == SourceKind.TABLE && !tables) {
      throw new PlanException(from.name().pos(), "Queries over tables (" + input.name()
          + " is a TABLE) are not supported yet here: push and pull queries over tables come"
          + " with state (issue 5). Use CREATE TABLE ... AS SELECT, or query a stream.");
    }
    if (input.kind() == SourceKind.TABLE && !query.partitionBy().isEmpty()) {
      throw new PlanException(query.partitionBy().get(0).pos(), "PARTITION BY is not valid on"
          + " a TABLE: a table's rows are keyed by its PRIMARY KEY. Use GROUP BY to re-key it.");
    }
    RowSchema inputRow = input.rowSchema();
    String alias = from.effectiveAlias().value();
    Scope inputScope = Scope.of(inputRow, alias, input.name());
    RexBuilder rex = expressions.newRexBuilder();

    RexNode where = null;
    if (query.where().isPresent()) {
      Expression w = query.where().get();
      where = expressions.translate(rex, inputRow, inputScope, w, "WHERE");
      SqlType type = expressions.typeOf(rex, inputRow, where);
      if (type != null && type.baseType() != SqlBaseType.BOOLEAN) {
        throw new PlanException(w.pos(), "Type error in WHERE expression: Should evaluate to"
            + " boolean but is " + type + " instead.");
      }
    }

    List<KeyColumn> keys = new ArrayList<>();
    Optional<Evaluator> rekey = Optional.empty();
    java.util.BitSet rekeyReads = new java.util.BitSet();
    RowSchema projectionInput = inputRow;
    Scope projectionScope = inputScope;
    Names names = new Names(input);
    if (!query.partitionBy().isEmpty()) {
      List<RexNode> partitionExprs = new ArrayList<>();
      RowSchema.Builder extended = RowSchema.builder();
      inputRow.columns().forEach(c -> extended.column(c.name(), c.type()));
      Map<String, Integer> newKeys = new LinkedHashMap<>();
      boolean nullKey = query.partitionBy().size() == 1
          && query.partitionBy().get(0) instanceof NullLiteral;
      if (!nullKey) {
        for (Expression e : query.partitionBy()) {
          RexNode r = expressions.translate(rex, inputRow, inputScope, e, "PARTITION BY");
          SqlType type = expressions.typeOf(rex, inputRow, r);
          if (type == null) {
            throw new PlanException(e.pos(), "PARTITION BY expression has no type: CAST it");
          }
          String name = names.keyName(e);
          if (newKeys.containsKey(name)) {
            throw new PlanException(e.pos(), "Duplicate PARTITION BY expression: " + name);
          }
          int index = inputRow.size() + partitionExprs.size();
          partitionExprs.add(r);
          newKeys.put(name, index);
          // The row keeps the input's columns; the new key is reached through the scope.
          extended.column("$PARTITION_KEY_" + partitionExprs.size(), type);
          keys.add(new KeyColumn(name, type, e, index));
        }
      }
      rekey = Optional.of(CompiledExpressions.compile(rex, partitionExprs, where, inputRow,
          errors));
      for (RexNode r : partitionExprs) {
        org.apache.calcite.plan.RelOptUtil.InputFinder.bits(r).forEach(rekeyReads::set);
      }
      if (where != null) {
        org.apache.calcite.plan.RelOptUtil.InputFinder.bits(where).forEach(rekeyReads::set);
      }
      where = null;
      projectionInput = extended.build();
      projectionScope = inputScope.withOverrides(newKeys, projectionInput);
    } else {
      for (SourceColumn k : input.keyColumns()) {
        keys.add(new KeyColumn(k.name(), k.type(), null, inputRow.indexOf(k.name())));
      }
    }

    // Expand the SELECT list.
    List<Item> items = new ArrayList<>();
    for (SelectItem item : query.select()) {
      if (item instanceof AllColumns all) {
        if (all.source().isPresent() && !all.source().get().value().equals(alias)
            && !all.source().get().value().equals(input.name())) {
          throw new PlanException(all.pos(), "Source '" + all.source().get().value()
              + "' not found in the FROM clause: it reads " + alias);
        }
        for (Column c : starColumns(input, keys, !persistent)) {
          int index = projectionScope.indexOf(c.name());
          ColumnRef ref = new ColumnRef(all.pos(), Optional.empty(),
              io.sluice.grammar.ast.Identifier.of(c.name()));
          items.add(new Item(c.name(), ref, rex.makeInputRef(
              projectionInput.toRelDataType(rex.getTypeFactory()).getFieldList().get(index)
                  .getType(), index), index));
        }
      } else if (item instanceof SingleColumn single) {
        Expression e = single.expression();
        if (expressions.isTableFunction(e)) {
          items.add(new Item(single.alias().map(a -> a.value()).orElse(null), e, null, -1));
          continue;
        }
        RexNode r = expressions.translate(rex, projectionInput, projectionScope, e, "SELECT");
        int ref = e instanceof ColumnRef c ? projectionScope.indexOf(c) : -1;
        items.add(new Item(single.alias().map(a -> a.value()).orElse(null), e, r, ref));
      } else {
        AllStructFields fields = (AllStructFields) item;
        RexNode struct = expressions.translate(rex, projectionInput, projectionScope,
            fields.struct(), "SELECT");
        SqlType type = expressions.typeOf(rex, projectionInput, struct);
        if (!(type instanceof SqlStruct structType)) {
          throw new PlanException(fields.pos(), "Expected a STRUCT before ->*, got "
              + (type == null ? "NULL" : type));
        }
        for (String field : structType.fieldNames()) {
          Expression e = new Dereference(fields.pos(), fields.struct(),
              new io.sluice.grammar.ast.Identifier(fields.pos(), field, true));
          items.add(new Item(field, e,
              expressions.translate(rex, projectionInput, projectionScope, e, "SELECT"), -1));
        }
      }
    }
    names.nameItems(items);
    return new OutputBuilder(input, keys, items, rex, projectionInput, projectionScope, where, rekey, expressions,
        errors, query.limit(), persistent).rekeyReads(rekeyReads).build(query);
  }

  /** SELECT *: the key columns, then the input's value and header columns, then old keys. */
  private static List<Column> starColumns(Source input, List<KeyColumn> keys,
      boolean transientQuery) {
    List<Column> out = new ArrayList<>();
    List<String> keyNames = keys.stream().map(KeyColumn::name).toList();
    for (KeyColumn k : keys) {
      out.add(new Column(k.name(), k.type()));
    }
    if (transientQuery && input.window().isPresent() && keys.stream()
        .allMatch(k -> k.partitionBy() == null)) {
      // As ksqlDB: a push or pull query's * shows a windowed source's window after its key
      // (a persistent query writes the window into its output's key instead).
      out.add(Source.WINDOWSTART);
      out.add(Source.WINDOWEND);
    }
    for (SourceColumn c : input.columns()) {
      if (c.namespace() != Namespace.KEY && c.namespace() != Namespace.PRIMARY_KEY
          && !keyNames.contains(c.name())) {
        out.add(c.toColumn());
      }
    }
    for (SourceColumn c : input.keyColumns()) {
      if (!keyNames.contains(c.name())) {
        out.add(c.toColumn());
      }
    }
    return out;
  }

  private static void rejectStateful(Query query) {
    String later = " is not supported yet: aggregation, windows and joins come with tables and"
        + " state (issue 5).";
    if (query.from() instanceof Join join) {
      throw new PlanException(join.pos(), "JOIN" + later);
    }
    if (!query.groupBy().isEmpty()) {
      throw new PlanException(query.groupBy().get(0).pos(), "GROUP BY" + later);
    }
    if (query.window().isPresent()) {
      throw new PlanException(query.window().get().pos(), "WINDOW" + later);
    }
    if (query.having().isPresent()) {
      throw new PlanException(query.having().get().pos(), "HAVING" + later);
    }
    if (query.emit().orElse(Query.EmitKind.CHANGES) == Query.EmitKind.FINAL) {
      throw new PlanException(query.pos(), "EMIT FINAL is only supported for windowed"
          + " aggregations: add WINDOW and GROUP BY, or use EMIT CHANGES");
    }
  }

  /** A key column of the output: its name, type, PARTITION BY expression and row index. */
  record KeyColumn(String name, SqlType type, Expression partitionBy, int index) {}

  /** A SELECT item: its name (null until named), expression, RexNode and column index. */
  static final class Item {
    String name;
    final Expression expression;
    final RexNode rex;
    final int columnIndex;

    Item(String name, Expression expression, RexNode rex, int columnIndex) {
      this.name = name;
      this.expression = expression;
      this.rex = rex;
      this.columnIndex = columnIndex;
    }
  }
}
