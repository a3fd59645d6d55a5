package io.sluice.engine.expr;

import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The leaves of {@link ExpressionBuilder}'s expressions (input columns and literals, typed as
 * ksqlDB types them) and the conversions between types: explicit CAST with ksqlDB's conversions,
 * implicit coercion, and the common type of several operands. The other helpers ({@link
 * OperatorExpressions}, {@link CompositeExpressions}) build on the typing and conversion methods
 * here, so every form converts its operands the same way. {@link ExpressionBuilder} documents the
 * semantics of each public form.
 *
 * <p>Not thread-safe: it uses the RexBuilder's type factory, which is not. The fields themselves
 * never change after construction.
 */
final class LeafExpressions {

  private final RexBuilder rexBuilder;
  private final RelDataTypeFactory typeFactory;
  private final RowSchema input;
  private final RelDataType inputRowType;

  LeafExpressions(RexBuilder rexBuilder, RowSchema input) {
    this.rexBuilder = rexBuilder;
    this.typeFactory = rexBuilder.getTypeFactory();
    this.input = input;
    // Derived once: every column reference needs its Calcite type.
    this.inputRowType = input.toRelDataType(typeFactory);
  }

  RexBuilder rexBuilder() {
    return rexBuilder;
  }

  // ---------------------------------------------------------------------------------------------
  // Typing

  SqlType typeOf(RexNode e) {
    SqlType t = typeOrNull(e);
    if (t == null) {
      throw new ExpressionTypeException("untyped NULL: " + e);
    }
    return t;
  }

  SqlType typeOrNull(RexNode e) {
    if (e.getType().getSqlTypeName() == SqlTypeName.NULL) {
      return null;
    }
    return SqlType.fromRelDataType(e.getType());
  }

  /** The Calcite type of {@code t}. */
  RelDataType rel(SqlType t) {
    return t.toRelDataType(typeFactory);
  }

  // ---------------------------------------------------------------------------------------------
  // Columns and literals

  RexNode column(String name) {
    int i = input.indexOf(name);
    if (i < 0) {
      throw new ExpressionTypeException("Column '" + name + "' cannot be resolved.");
    }
    return column(i);
  }

  RexNode column(int index) {
    return rexBuilder.makeInputRef(inputRowType.getFieldList().get(index).getType(), index);
  }

  RexNode literal(boolean value) {
    return rexBuilder.makeLiteral(value);
  }

  RexNode literal(int value) {
    return rexBuilder.makeExactLiteral(BigDecimal.valueOf(value), rel(SqlType.INTEGER));
  }

  RexNode literal(long value) {
    return rexBuilder.makeExactLiteral(BigDecimal.valueOf(value), rel(SqlType.BIGINT));
  }

  RexNode literal(double value) {
    return rexBuilder.makeLiteral(value, rel(SqlType.DOUBLE), false);
  }

  RexNode literal(String value) {
    return rexBuilder.makeLiteral(value, rel(SqlType.STRING), false);
  }

  RexNode decimalLiteral(String text) {
    BigDecimal value = new BigDecimal(text);
    int scale = Math.max(value.scale(), 0);
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    int precision = value.signum() == 0 ? scale + 1 : Math.max(value.precision(), scale);
    return rexBuilder.makeExactLiteral(value, rel(SqlType.decimal(precision, scale)));
  }

  RexNode nullLiteral() {
    return rexBuilder.makeNullLiteral(typeFactory.createSqlType(SqlTypeName.NULL));
  }

  RexNode nullLiteral(SqlType type) {
    return rexBuilder.makeNullLiteral(rel(type));
  }

  // ---------------------------------------------------------------------------------------------
  // Conversions

  RexNode cast(RexNode e, SqlType type) {
    SqlType from = typeOrNull(e);
    RelDataType target = rel(type);
    if (from == null) {
      return rexBuilder.makeNullLiteral(target);
    }
    if (from.equals(type)) {
      return SqlTypeUtil.equalSansNullability(typeFactory, e.getType(), target)
          ? e : rexBuilder.makeCast(target, e, true, false);
    }
    if (!KsqlOperators.castSupported(from, type)) {
      throw new ExpressionTypeException("Cast of " + from + " to " + type + " is not supported");
    }
    if (nativeCast(from, type)) {
      return rexBuilder.makeCast(target, e);
    }
    return rexBuilder.makeCall(target, KsqlOperators.cast(type), List.of(e));
  }

  /** Conversions where Calcite's CAST is exactly ksqlDB's (and which Calcite can fold). */
  private static boolean nativeCast(SqlType from, SqlType to) {
    SqlBaseType f = from.baseType();
    SqlBaseType t = to.baseType();
    return (f == SqlBaseType.INTEGER && (t == SqlBaseType.BIGINT || t == SqlBaseType.DOUBLE))
        || (f == SqlBaseType.BIGINT && t == SqlBaseType.DOUBLE);
  }

  /** {@code e} converted implicitly to {@code type} (which it must implicitly convert to). */
  RexNode coerce(RexNode e, SqlType type) {
    SqlType from = typeOrNull(e);
    if (from != null && !from.equals(type) && !SqlType.canImplicitlyCast(from, type)) {
      throw new ExpressionTypeException(
          "Cannot implicitly convert " + from + " to " + type + ": " + e);
    }
    return cast(e, type);
  }

  /**
   * The common type of the typed nodes, or empty if all are untyped NULLs; {@code what} names the
   * construct in the error for incompatible types.
   */
  Optional<SqlType> commonType(List<RexNode> nodes, String what) {
    SqlType common = null;
    for (RexNode n : nodes) {
      SqlType t = typeOrNull(n);
      if (t == null) {
        continue;
      }
      if (common == null) {
        common = t;
      } else {
        SqlType c = common;
        common = SqlType.commonType(common, t).orElseThrow(() -> new ExpressionTypeException(
            "invalid " + what + ": incompatible types " + c + " and " + t));
      }
    }
    return Optional.ofNullable(common);
  }
}
