package io.sluice.engine.expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Simplification and constant folding before code generation, with Calcite's own machinery:
 * {@link RexSimplify} (boolean logic, comparisons of literals, CASE pruning, redundant casts,
 * IS [NOT] NULL of non-null expressions), then evaluation of every maximal constant subexpression
 * by {@link RexExecutorImpl} (which compiles it with the same code generator, so Sluice's
 * operators and functions fold too), then RexSimplify again on the result.
 *
 * <p>A constant subexpression whose evaluation fails (ksqlDB: {@code 1 / 0}) is left as it is:
 * it fails per record at run time and yields NULL there, as ksqlDB does. Only values of scalar
 * types are folded into literals (not ARRAY, MAP, STRUCT, BYTES or temporal values).
 */
final class ExpressionSimplifier {

  private static final Set<SqlTypeName> FOLDABLE = Set.of(SqlTypeName.BOOLEAN,
      SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DOUBLE, SqlTypeName.DECIMAL,
      SqlTypeName.CHAR, SqlTypeName.VARCHAR);

  private final RexBuilder rexBuilder;
  private final RexSimplify simplify;
  private final RexExecutorImpl executor;

  ExpressionSimplifier(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
    this.executor = new RexExecutorImpl(KsqlRuntime.DATA_CONTEXT);
    this.simplify = new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, executor);
  }

  /** Simplifies a projection, keeping its type (nullability aside: every ksqlDB type is). */
  RexNode simplifyProjection(RexNode e) {
    RexNode s = simplify.simplifyPreservingType(e, RexUnknownAs.UNKNOWN, false);
    s = fold(s);
    return simplify.simplifyPreservingType(s, RexUnknownAs.UNKNOWN, false);
  }

  /** Simplifies a filter condition, where NULL means FALSE. */
  RexNode simplifyCondition(RexNode e) {
    RexNode s = simplify.simplifyUnknownAs(e, RexUnknownAs.FALSE);
    s = fold(s);
    return simplify.simplifyUnknownAs(s, RexUnknownAs.FALSE);
  }

  /** Replaces maximal constant subexpressions by their values. */
  RexNode fold(RexNode e) {
    List<RexNode> constants = new ArrayList<>();
    collect(e, constants);
    if (constants.isEmpty()) {
      return e;
    }
    Map<RexNode, RexNode> values = new IdentityHashMap<>();
    List<RexNode> reduced = new ArrayList<>();
    executor.reduce(rexBuilder, constants, reduced);
    boolean anyReduced = false;
    for (int i = 0; i < constants.size(); i++) {
      if (reduced.get(i) != constants.get(i)) {
        anyReduced = true;
      }
    }
    if (!anyReduced && constants.size() > 1) {
      // One failing expression stops the whole batch: fold one at a time.
      reduced.clear();
      for (RexNode c : constants) {
        List<RexNode> one = new ArrayList<>(1);
        executor.reduce(rexBuilder, List.of(c), one);
        reduced.add(one.get(0));
      }
    }
    for (int i = 0; i < constants.size(); i++) {
      RexNode value = reduced.get(i);
      RexNode original = constants.get(i);
      if (value != original && SqlTypeUtil.equalSansNullability(
          rexBuilder.getTypeFactory(), value.getType(), original.getType())) {
        values.put(original, value);
      } else if (value != original) {
        values.put(original, rexBuilder.makeCast(original.getType(), value, true, false));
      }
    }
    if (values.isEmpty()) {
      return e;
    }
    return e.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        RexNode v = values.get(call);
        return v != null ? v : super.visitCall(call);
      }
    });
  }

  /** Adds the maximal foldable constant calls within {@code e}. */
  private static void collect(RexNode e, List<RexNode> out) {
    if (!(e instanceof RexCall call)) {
      return;
    }
    if (RexUtil.isConstant(call) && RexUtil.isDeterministic(call)
        && FOLDABLE.contains(call.getType().getSqlTypeName()) && !isLiteralCast(call)) {
      out.add(call);
      return;
    }
    for (RexNode operand : call.getOperands()) {
      collect(operand, out);
    }
  }

  /** A CAST of a literal that only changes nullability (what folding itself produces). */
  private static boolean isLiteralCast(RexCall call) {
    return call.getKind() == SqlKind.CAST
        && call.getOperands().get(0) instanceof RexLiteral literal
        && literal.getType().getSqlTypeName() == call.getType().getSqlTypeName()
        && literal.getType().getPrecision() == call.getType().getPrecision()
        && literal.getType().getScale() == call.getType().getScale();
  }
}
