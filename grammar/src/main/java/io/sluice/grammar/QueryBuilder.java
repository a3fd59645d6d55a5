package io.sluice.grammar;

import io.sluice.grammar.SluiceSqlParser.AliasedSourceContext;
import io.sluice.grammar.SluiceSqlParser.ExpressionContext;
import io.sluice.grammar.SluiceSqlParser.GroupByContext;
import io.sluice.grammar.SluiceSqlParser.HoppingWindowContext;
import io.sluice.grammar.SluiceSqlParser.JoinClauseContext;
import io.sluice.grammar.SluiceSqlParser.JoinTypeContext;
import io.sluice.grammar.SluiceSqlParser.PredicatedContext;
import io.sluice.grammar.SluiceSqlParser.ValueDefaultContext;
import io.sluice.grammar.SluiceSqlParser.LeftJoinContext;
import io.sluice.grammar.SluiceSqlParser.QueryContext;
import io.sluice.grammar.SluiceSqlParser.RelationContext;
import io.sluice.grammar.SluiceSqlParser.RightJoinContext;
import io.sluice.grammar.SluiceSqlParser.FullJoinContext;
import io.sluice.grammar.SluiceSqlParser.SelectExpressionContext;
import io.sluice.grammar.SluiceSqlParser.SelectItemContext;
import io.sluice.grammar.SluiceSqlParser.SelectSourceAllContext;
import io.sluice.grammar.SluiceSqlParser.SessionWindowContext;
import io.sluice.grammar.SluiceSqlParser.TumblingWindowContext;
import io.sluice.grammar.SluiceSqlParser.WindowOptionsContext;
import io.sluice.grammar.SluiceSqlParser.WindowSpecContext;
import io.sluice.grammar.SluiceSqlParser.WithinContext;
import io.sluice.grammar.ast.AliasedSource;
import io.sluice.grammar.ast.AllColumns;
import io.sluice.grammar.ast.AllStructFields;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.HoppingWindow;
import io.sluice.grammar.ast.Join;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.Relation;
import io.sluice.grammar.ast.SelectItem;
import io.sluice.grammar.ast.SessionWindow;
import io.sluice.grammar.ast.SingleColumn;
import io.sluice.grammar.ast.TimeSpan;
import io.sluice.grammar.ast.TumblingWindow;
import io.sluice.grammar.ast.WindowExpr;
import io.sluice.grammar.ast.Within;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds {@link Query}s: select lists, FROM with joins, windows and the other clauses. */
final class QueryBuilder {
  private final ExpressionBuilder expressions;

  QueryBuilder(ExpressionBuilder expressions) {
    this.expressions = expressions;
  }

  Query build(QueryContext ctx) {
    List<SelectItem> select = new ArrayList<>();
    for (SelectItemContext item : ctx.selectItem()) {
      select.add(selectItem(item));
    }
    Optional<WindowExpr> window = ctx.windowExpression() == null
        ? Optional.empty() : Optional.of(window(ctx.windowExpression().windowSpec()));
    Optional<Expression> where = Optional.ofNullable(ctx.where).map(expressions::build);
    List<Expression> groupBy = ctx.groupBy() == null ? List.of() : groupBy(ctx.groupBy());
    List<Expression> partitionBy = ctx.partitionBy() == null
        ? List.of() : expressions.buildAll(ctx.partitionBy().valueExpression());
    Optional<Expression> having = Optional.ofNullable(ctx.having).map(expressions::build);
    Optional<Query.EmitKind> emit = Optional.empty();
    if (ctx.CHANGES() != null) {
      emit = Optional.of(Query.EmitKind.CHANGES);
    } else if (ctx.FINAL() != null) {
      emit = Optional.of(Query.EmitKind.FINAL);
    }
    OptionalInt limit = ctx.limit == null
        ? OptionalInt.empty() : OptionalInt.of(Trees.nonNegativeInt(ctx.limit, "LIMIT"));
    return new Query(Trees.pos(ctx), select, relation(ctx.relation()), window, where, groupBy,
        partitionBy, having, emit, limit);
  }

  private SelectItem selectItem(SelectItemContext ctx) {
    Pos pos = Trees.pos(ctx);
    if (ctx instanceof SelectSourceAllContext all) {
      return new AllColumns(pos, Optional.of(Trees.identifier(all.identifier())));
    } else if (ctx instanceof SelectExpressionContext single && single.ARROW() != null) {
      if (!isPrimary(single.expression())) {
        throw Trees.error(single.ARROW().getSymbol(),
            "->* needs a struct column or field on its left, e.g. s->* or s->f->*");
      }
      return new AllStructFields(pos, expressions.build(single.expression()));
    } else if (ctx instanceof SelectExpressionContext single) {
      return new SingleColumn(pos, expressions.build(single.expression()),
          Optional.ofNullable(single.identifier()).map(Trees::identifier));
    }
    return new AllColumns(pos, Optional.empty());
  }

  /** Whether {@code ctx} is a primary expression: no operator at its top. */
  private static boolean isPrimary(ExpressionContext ctx) {
    return ctx.booleanExpression() instanceof PredicatedContext p && p.predicate() == null
        && p.valueExpression() instanceof ValueDefaultContext;
  }

  private List<Expression> groupBy(GroupByContext ctx) {
    return expressions.buildAll(ctx.valueExpression());
  }

  private Relation relation(RelationContext ctx) {
    Relation relation = aliasedSource(ctx.aliasedSource());
    for (JoinClauseContext join : ctx.joinClause()) {
      relation = new Join(Trees.pos(join), joinKind(join.joinType()), relation,
          aliasedSource(join.aliasedSource()),
          Optional.ofNullable(join.within()).map(QueryBuilder::within),
          expressions.build(join.expression()));
    }
    return relation;
  }

  private static AliasedSource aliasedSource(AliasedSourceContext ctx) {
    return new AliasedSource(Trees.pos(ctx), Trees.identifier(ctx.sourceName().identifier()),
        Optional.ofNullable(ctx.identifier()).map(Trees::identifier));
  }

  private static Join.Kind joinKind(JoinTypeContext ctx) {
    if (ctx instanceof LeftJoinContext) {
      return Join.Kind.LEFT;
    } else if (ctx instanceof RightJoinContext) {
      return Join.Kind.RIGHT;
    } else if (ctx instanceof FullJoinContext) {
      return Join.Kind.FULL;
    }
    return Join.Kind.INNER;
  }

  private static Within within(WithinContext ctx) {
    Optional<TimeSpan> grace = ctx.gracePeriod() == null
        ? Optional.empty() : Optional.of(Trees.timeSpan(ctx.gracePeriod().timeSpan()));
    if (ctx.before != null) {
      return new Within(Trees.pos(ctx), Trees.timeSpan(ctx.before), Trees.timeSpan(ctx.after),
          grace);
    }
    TimeSpan span = Trees.timeSpan(ctx.timeSpan(0));
    return new Within(Trees.pos(ctx), span, span, grace);
  }

  private static WindowExpr window(WindowSpecContext ctx) {
    Pos pos = Trees.pos(ctx);
    if (ctx instanceof TumblingWindowContext t) {
      return new TumblingWindow(pos, Trees.timeSpan(t.timeSpan()), retention(t.windowOptions()),
          grace(t.windowOptions()));
    } else if (ctx instanceof HoppingWindowContext h) {
      return new HoppingWindow(pos, Trees.timeSpan(h.size), Trees.timeSpan(h.advance),
          retention(h.windowOptions()), grace(h.windowOptions()));
    }
    SessionWindowContext s = (SessionWindowContext) ctx;
    return new SessionWindow(pos, Trees.timeSpan(s.timeSpan()), retention(s.windowOptions()),
        grace(s.windowOptions()));
  }

  private static Optional<TimeSpan> retention(WindowOptionsContext ctx) {
    return ctx.retention == null ? Optional.empty() : Optional.of(Trees.timeSpan(ctx.retention));
  }

  private static Optional<TimeSpan> grace(WindowOptionsContext ctx) {
    return ctx.gracePeriod() == null
        ? Optional.empty() : Optional.of(Trees.timeSpan(ctx.gracePeriod().timeSpan()));
  }
}
