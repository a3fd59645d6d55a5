package io.sluice.engine.expr;

import org.apache.calcite.linq4j.tree.BinaryExpression;
import org.apache.calcite.linq4j.tree.ClassDeclarationFinder;
import org.apache.calcite.linq4j.tree.DeterministicCodeOptimizer;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.ExpressionType;
import org.apache.calcite.linq4j.tree.Expressions;

/**
 * linq4j's {@link DeterministicCodeOptimizer} (hoists constant subexpressions such as {@code new
 * BigDecimal("1.5")} or a compiled LIKE pattern into static final fields), except that it leaves
 * integer division and remainder in place: a constant {@code 1 / 0} must fail per record (and
 * give NULL, as in ksqlDB), not in the generated class's static initializer.
 */
public final class ConstantHoister extends DeterministicCodeOptimizer {

  /** Used by {@link ClassDeclarationFinder#create(Class)}. */
  public ConstantHoister(ClassDeclarationFinder parent) {
    super(parent);
  }

  @Override
  public Expression visit(
      BinaryExpression binary, Expression expression0, Expression expression1) {
    ExpressionType type = binary.getNodeType();
    if (type == ExpressionType.Divide || type == ExpressionType.Modulo) {
      if (expression0 == binary.expression0 && expression1 == binary.expression1) {
        return binary;
      }
      return Expressions.makeBinary(type, expression0, expression1);
    }
    return super.visit(binary, expression0, expression1);
  }

  @Override
  protected DeterministicCodeOptimizer goDeeper() {
    return new ConstantHoister(this);
  }
}
