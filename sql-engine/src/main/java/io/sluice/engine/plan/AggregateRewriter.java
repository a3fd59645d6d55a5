package io.sluice.engine.plan;

import io.sluice.grammar.ast.ArithmeticBinary;
import io.sluice.grammar.ast.ArithmeticUnary;
import io.sluice.grammar.ast.ArrayConstructor;
import io.sluice.grammar.ast.Between;
import io.sluice.grammar.ast.Cast;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Comparison;
import io.sluice.grammar.ast.Concat;
import io.sluice.grammar.ast.Dereference;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.FunctionCall;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.InList;
import io.sluice.grammar.ast.IsDistinctFrom;
import io.sluice.grammar.ast.IsNull;
import io.sluice.grammar.ast.Like;
import io.sluice.grammar.ast.LogicalBinary;
import io.sluice.grammar.ast.MapConstructor;
import io.sluice.grammar.ast.Not;
import io.sluice.grammar.ast.SearchedCase;
import io.sluice.grammar.ast.SimpleCase;
import io.sluice.grammar.ast.StructConstructor;
import io.sluice.grammar.ast.Subscript;
import io.sluice.grammar.ast.WhenClause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rewrites the SELECT and HAVING expressions of an aggregation so that they read the aggregate
 * row: each aggregate call becomes a reference to its result column, each subexpression equal to
 * a GROUP BY expression becomes a reference to that key column. What is left must only read
 * those columns (the planner's scope then rejects anything else with ksqlDB's message).
 *
 * <p>AST nodes compare structurally (positions are ignored by {@code equals}), so equal calls
 * share one aggregate and {@code GROUP BY a + b} matches {@code SELECT a + b}.
 */
final class AggregateRewriter {

  private final Predicate<String> isAggregate;
  private final List<Expression> groupBy;
  private final List<String> groupNames;
  /** The distinct aggregate calls met so far, in order: result column i is {@link #name(int)}. */
  final List<FunctionCall> calls = new ArrayList<>();

  AggregateRewriter(Predicate<String> isAggregate, List<Expression> groupBy,
      List<String> groupNames) {
    this.isAggregate = isAggregate;
    this.groupBy = groupBy;
    this.groupNames = groupNames;
  }

  /** The result column of the i-th aggregate call. */
  static String name(int i) {
    return "KSQL_AGG_VARIABLE_" + i;
  }

  /** Whether {@code e} calls an aggregate anywhere. */
  boolean hasAggregate(Expression e) {
    boolean[] found = {false};
    rewrite(e, x -> {
      if (x instanceof FunctionCall f && isAggregate.test(f.name().value())) {
        found[0] = true;
      }
      return null;
    });
    return found[0];
  }

  /** {@code e} over the aggregate row. */
  Expression rewrite(Expression e) {
    return rewrite(e, x -> {
      int key = groupBy.indexOf(x);
      if (key >= 0) {
        return ref(x, groupNames.get(key));
      }
      if (x instanceof FunctionCall f && isAggregate.test(f.name().value())) {
        int i = calls.indexOf(f);
        if (i < 0) {
          calls.add(f);
          i = calls.size() - 1;
        }
        return ref(x, name(i));
      }
      return null;
    });
  }

  private static ColumnRef ref(Expression at, String name) {
    return new ColumnRef(at.pos(), java.util.Optional.empty(), new Identifier(at.pos(), name,
        true));
  }

  /** Applies {@code replace} top-down: a non-null result replaces the node and its subtree. */
  private static Expression rewrite(Expression e, Function<Expression, Expression> replace) {
    Expression r = replace.apply(e);
    if (r != null) {
      return r;
    }
    Function<Expression, Expression> f = x -> rewrite(x, replace);
    if (e instanceof ArithmeticBinary a) {
      return new ArithmeticBinary(a.pos(), a.op(), f.apply(a.left()), f.apply(a.right()));
    } else if (e instanceof ArithmeticUnary u) {
      return new ArithmeticUnary(u.pos(), u.sign(), f.apply(u.operand()));
    } else if (e instanceof Comparison c) {
      return new Comparison(c.pos(), c.op(), f.apply(c.left()), f.apply(c.right()));
    } else if (e instanceof LogicalBinary l) {
      return new LogicalBinary(l.pos(), l.op(), f.apply(l.left()), f.apply(l.right()));
    } else if (e instanceof Not n) {
      return new Not(n.pos(), f.apply(n.operand()));
    } else if (e instanceof Cast c) {
      return new Cast(c.pos(), f.apply(c.expression()), c.type());
    } else if (e instanceof Concat c) {
      return new Concat(c.pos(), f.apply(c.left()), f.apply(c.right()));
    } else if (e instanceof IsNull n) {
      return new IsNull(n.pos(), f.apply(n.value()), n.negated());
    } else if (e instanceof IsDistinctFrom d) {
      return new IsDistinctFrom(d.pos(), f.apply(d.left()), f.apply(d.right()), d.negated());
    } else if (e instanceof Between b) {
      return new Between(b.pos(), f.apply(b.value()), f.apply(b.lower()), f.apply(b.upper()),
          b.negated());
    } else if (e instanceof InList in) {
      return new InList(in.pos(), f.apply(in.value()), in.list().stream().map(f).toList(),
          in.negated());
    } else if (e instanceof Like l) {
      return new Like(l.pos(), f.apply(l.value()), f.apply(l.pattern()), l.escape(),
          l.negated());
    } else if (e instanceof SearchedCase c) {
      return new SearchedCase(c.pos(), whens(c.whens(), f), c.elseValue().map(f));
    } else if (e instanceof SimpleCase c) {
      return new SimpleCase(c.pos(), f.apply(c.operand()), whens(c.whens(), f),
          c.elseValue().map(f));
    } else if (e instanceof Subscript s) {
      return new Subscript(s.pos(), f.apply(s.base()), f.apply(s.index()));
    } else if (e instanceof Dereference d) {
      return new Dereference(d.pos(), f.apply(d.base()), d.field());
    } else if (e instanceof FunctionCall c) {
      return new FunctionCall(c.pos(), c.name(), c.arguments().stream().map(f).toList(),
          c.star());
    } else if (e instanceof ArrayConstructor a) {
      return new ArrayConstructor(a.pos(), a.elements().stream().map(f).toList());
    } else if (e instanceof MapConstructor m) {
      return new MapConstructor(m.pos(), m.entries().stream().map(x ->
          new MapConstructor.Entry(f.apply(x.key()), f.apply(x.value()))).toList());
    } else if (e instanceof StructConstructor s) {
      return new StructConstructor(s.pos(), s.fields().stream().map(x ->
          new StructConstructor.Field(x.name(), f.apply(x.value()))).toList());
    }
    return e; // literals, column references, lambdas (their bodies see no aggregates)
  }

  private static List<WhenClause> whens(List<WhenClause> whens,
      Function<Expression, Expression> f) {
    return whens.stream().map(w -> new WhenClause(w.pos(), f.apply(w.condition()),
        f.apply(w.result()))).toList();
  }
}
