package io.sluice.engine.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;

/**
 * The literals a condition compares a column with ({@code id = 123}, {@code price > 10.5},
 * {@code 'x' <> name}), taken out of it as parameters: the rewritten condition reads parameter
 * {@code j} as input column {@code inputSize + j} (typed as the literal, NOT NULL), which the
 * generated code takes from its parameter array instead of the row. Conditions that differ only
 * in those values then share one generated class: a pull query by key or key range is planned
 * for every key asked, and compiling its condition each time was most of its latency.
 *
 * <p>Only BIGINT, INTEGER, DOUBLE and VARCHAR literals compared directly with a column of the
 * same type; any other literal stays in the code (LIKE patterns, CASE branches, arithmetic), so
 * what the code generator specializes on a constant keeps its constant.
 */
final class ConditionParameters extends RexShuttle {

  private final int inputSize;
  private final List<RexLiteral> literals = new ArrayList<>();

  private ConditionParameters(int inputSize) {
    this.inputSize = inputSize;
  }

  /** A condition without its parameters, and their types and values in order. */
  record Parameterized(RexNode condition, List<RelDataType> types, Object[] values) {
    boolean isEmpty() {
      return values.length == 0;
    }

    /** The input row type with the parameters as NOT NULL columns after the row's. */
    RelDataType extend(RelDataType inputRowType, RelDataTypeFactory factory) {
      RelDataTypeFactory.Builder b = factory.builder().addAll(inputRowType.getFieldList());
      for (int j = 0; j < types.size(); j++) {
        b.add("$PARAM" + j, types.get(j));
      }
      return b.build();
    }
  }

  /** Takes the parameters out of {@code condition} (null for none) over a row of {@code inputSize}. */
  static Parameterized of(RexNode condition, int inputSize) {
    if (condition == null) {
      return new Parameterized(null, List.of(), new Object[0]);
    }
    ConditionParameters p = new ConditionParameters(inputSize);
    RexNode rewritten = condition.accept(p);
    List<RelDataType> types = new ArrayList<>();
    Object[] values = new Object[p.literals.size()];
    for (int j = 0; j < values.length; j++) {
      RexLiteral l = p.literals.get(j);
      types.add(l.getType());
      values[j] = value(l);
    }
    return new Parameterized(rewritten, types, values);
  }

  /** The Java class parameter values of {@code type} have (as {@link #value} makes them). */
  static Class<?> javaClass(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case BIGINT -> Long.class;
      case INTEGER -> Integer.class;
      case DOUBLE -> Double.class;
      default -> String.class;
    };
  }

  private static Object value(RexLiteral l) {
    return switch (l.getType().getSqlTypeName()) {
      case BIGINT -> l.getValueAs(Long.class);
      case INTEGER -> l.getValueAs(Integer.class);
      case DOUBLE -> l.getValueAs(Double.class);
      default -> l.getValueAs(String.class);
    };
  }

  private static boolean parameter(RexNode literal, RexNode other) {
    if (!(literal instanceof RexLiteral l) || l.isNull() || !(other instanceof RexInputRef)) {
      return false;
    }
    RelDataType type = l.getType();
    boolean plain = switch (type.getSqlTypeName()) {
      case BIGINT, INTEGER, DOUBLE, VARCHAR -> true;
      default -> false;
    };
    return plain && other.getType().getSqlTypeName() == type.getSqlTypeName()
        && value(l) != null;
  }

  @Override
  public RexNode visitCall(RexCall call) {
    SqlKind kind = call.getKind();
    boolean comparison = kind == SqlKind.EQUALS || kind == SqlKind.NOT_EQUALS
        || kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL
        || kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL;
    if (comparison && call.getOperands().size() == 2) {
      RexNode a = call.getOperands().get(0);
      RexNode b = call.getOperands().get(1);
      if (parameter(b, a)) {
        return call.clone(call.getType(), List.of(a, take((RexLiteral) b)));
      }
      if (parameter(a, b)) {
        return call.clone(call.getType(), List.of(take((RexLiteral) a), b));
      }
      return call;
    }
    return super.visitCall(call);
  }

  private RexNode take(RexLiteral literal) {
    literals.add(literal);
    return new RexInputRef(inputSize + literals.size() - 1, literal.getType());
  }
}
