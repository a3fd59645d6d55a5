package io.sluice.engine.expr;

import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * {@link ExpressionBuilder}'s operators: arithmetic (with ksqlDB's widening, DECIMAL division
 * and STRING concatenation), comparisons (FALSE, never NULL, on a null operand; IS [NOT] DISTINCT
 * FROM null-safe), boolean logic and null tests. It also exposes the operand checks {@link
 * #comparable} and {@link #booleans} that {@link CompositeExpressions} reuses, so IN, BETWEEN
 * and CASE accept exactly what a comparison or a condition does. {@link ExpressionBuilder}
 * documents the semantics of each public form.
 *
 * <p>Not thread-safe: it builds through a RexBuilder whose type factory is not. It has no state
 * of its own beyond the references it is given.
 */
final class OperatorExpressions {

  private final LeafExpressions leaves;
  private final RexBuilder rexBuilder;

  OperatorExpressions(LeafExpressions leaves) {
    this.leaves = leaves;
    this.rexBuilder = leaves.rexBuilder();
  }

  // ---------------------------------------------------------------------------------------------
  // Arithmetic

  RexNode arithmetic(ExpressionBuilder.Arithmetic op, RexNode a, RexNode b) {
    SqlType ta = leaves.typeOrNull(a);
    SqlType tb = leaves.typeOrNull(b);
    if (ta == null && tb == null) {
      throw new ExpressionTypeException("Arithmetic on two untyped NULLs");
    }
    // An untyped NULL takes the other operand's type.
    ta = ta == null ? tb : ta;
    tb = tb == null ? ta : tb;
    a = leaves.cast(a, ta);
    b = leaves.cast(b, tb);
    if (op == ExpressionBuilder.Arithmetic.ADD && ta.baseType() == SqlBaseType.STRING
        && tb.baseType() == SqlBaseType.STRING) {
      return rexBuilder.makeCall(leaves.rel(SqlType.STRING), KsqlOperators.STRING_PLUS,
          List.of(a, b));
    }
    if (!ta.baseType().isNumber() || !tb.baseType().isNumber()) {
      throw new ExpressionTypeException("Unsupported arithmetic types. " + ta.baseType() + " "
          + tb.baseType());
    }
    if (ta.baseType() == SqlBaseType.DOUBLE || tb.baseType() == SqlBaseType.DOUBLE) {
      return rexBuilder.makeCall(op.op, leaves.cast(a, SqlType.DOUBLE),
          leaves.cast(b, SqlType.DOUBLE));
    }
    if (ta.baseType() == SqlBaseType.DECIMAL || tb.baseType() == SqlBaseType.DECIMAL) {
      RexNode da = leaves.cast(a, SqlType.asDecimal(ta));
      RexNode db = leaves.cast(b, SqlType.asDecimal(tb));
      RexNode standard = rexBuilder.makeCall(op.op, da, db);
      if (op == ExpressionBuilder.Arithmetic.DIVIDE) {
        // Calcite derives the type (SluiceTypeSystem); the value needs ksqlDB's scale.
        return rexBuilder.makeCall(standard.getType(), KsqlOperators.DECIMAL_DIVIDE,
            List.of(da, db));
      }
      return standard;
    }
    SqlType wide = SqlType.commonType(ta, tb).orElseThrow();
    return rexBuilder.makeCall(op.op, leaves.cast(a, wide), leaves.cast(b, wide));
  }

  RexNode negate(RexNode a) {
    SqlType t = leaves.typeOf(a);
    if (!t.baseType().isNumber()) {
      throw new ExpressionTypeException("Unsupported arithmetic type for negation: " + t);
    }
    return rexBuilder.makeCall(SqlStdOperatorTable.UNARY_MINUS, a);
  }

  // ---------------------------------------------------------------------------------------------
  // Comparisons

  RexNode compare(ExpressionBuilder.Comparison op, RexNode a, RexNode b) {
    RexNode[] ops = comparable(a, b, op == ExpressionBuilder.Comparison.EQUAL
        || op == ExpressionBuilder.Comparison.NOT_EQUAL);
    // IS TRUE turns SQL's NULL result into ksqlDB's FALSE.
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_TRUE,
        rexBuilder.makeCall(op.op, ops[0], ops[1]));
  }

  RexNode isDistinctFrom(RexNode a, RexNode b) {
    RexNode[] ops = comparable(a, b, true);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_DISTINCT_FROM, ops[0], ops[1]);
  }

  RexNode isNotDistinctFrom(RexNode a, RexNode b) {
    RexNode[] ops = comparable(a, b, true);
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, ops[0], ops[1]);
  }

  /**
   * The operands converted to one type ksqlDB can compare, or an error; {@code equality} admits
   * the types that support only (in)equality (BOOLEAN, ARRAY, MAP, STRUCT).
   */
  RexNode[] comparable(RexNode a, RexNode b, boolean equality) {
    SqlType ta = leaves.typeOrNull(a);
    SqlType tb = leaves.typeOrNull(b);
    if (ta == null && tb == null) {
      SqlType t = SqlType.STRING;
      return new RexNode[] {leaves.cast(a, t), leaves.cast(b, t)};
    }
    ta = ta == null ? tb : ta;
    tb = tb == null ? ta : tb;
    SqlBaseType x = ta.baseType();
    SqlBaseType y = tb.baseType();
    SqlType target;
    if (x.isNumber() && y.isNumber()) {
      target = SqlType.commonType(ta, tb).orElseThrow();
    } else if (x.isTemporal() || y.isTemporal()) {
      if (x == y) {
        target = ta;
      } else if (x == SqlBaseType.STRING || y == SqlBaseType.STRING) {
        target = x == SqlBaseType.STRING ? tb : ta; // ksqlDB parses the string
      } else if (x != SqlBaseType.TIME && y != SqlBaseType.TIME) {
        target = SqlType.TIMESTAMP; // DATE against TIMESTAMP
      } else {
        throw cannotCompare(ta, tb);
      }
      // cast, not coerce: STRING and DATE do not convert implicitly to the temporal target.
      return new RexNode[] {leaves.cast(a, target), leaves.cast(b, target)};
    } else if (x == y && (x == SqlBaseType.STRING || x == SqlBaseType.BYTES)) {
      target = ta;
    } else if (x == y && equality && (x == SqlBaseType.BOOLEAN || x.isContainer())) {
      target = SqlType.commonType(ta, tb).orElseThrow(
          () -> cannotCompare(leaves.typeOf(a), leaves.typeOf(b)));
      if (x.isContainer() && !(ta.equals(tb))) {
        throw cannotCompare(ta, tb);
      }
    } else {
      throw cannotCompare(ta, tb);
    }
    return new RexNode[] {leaves.coerce(a, target), leaves.coerce(b, target)};
  }

  private static ExpressionTypeException cannotCompare(SqlType a, SqlType b) {
    return new ExpressionTypeException("Cannot compare " + a + " to " + b
        + " with this operator");
  }

  // ---------------------------------------------------------------------------------------------
  // Logic and nulls

  RexNode and(RexNode... operands) {
    return rexBuilder.makeCall(SqlStdOperatorTable.AND, booleans(operands));
  }

  RexNode or(RexNode... operands) {
    return rexBuilder.makeCall(SqlStdOperatorTable.OR, booleans(operands));
  }

  RexNode not(RexNode operand) {
    return rexBuilder.makeCall(SqlStdOperatorTable.NOT, booleans(operand).get(0));
  }

  /** The operands, each checked to be BOOLEAN (or an untyped NULL, typed BOOLEAN here). */
  List<RexNode> booleans(RexNode... operands) {
    List<RexNode> out = new ArrayList<>();
    for (RexNode e : operands) {
      SqlType t = leaves.typeOrNull(e);
      if (t != null && t.baseType() != SqlBaseType.BOOLEAN) {
        throw new ExpressionTypeException("Expected a BOOLEAN, got " + t + ": " + e);
      }
      out.add(leaves.cast(e, SqlType.BOOLEAN));
    }
    return out;
  }

  RexNode isNull(RexNode e) {
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, e);
  }

  RexNode isNotNull(RexNode e) {
    return rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL, e);
  }
}
