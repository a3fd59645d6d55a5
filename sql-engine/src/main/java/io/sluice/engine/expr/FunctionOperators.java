package io.sluice.engine.expr;

import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.SqlType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.sql.SqlOperator;

/**
 * The Calcite side of {@link FunctionRegistry}: one operator per resolved overload and return
 * type, implemented by a direct call of the overload's method ({@link MethodCallImplementor}).
 * Operators are cached so that equal calls share an operator (and a digest). Table functions
 * are not operators: the flat-map operator calls their methods.
 */
final class FunctionOperators {

  private static final Map<List<Object>, SqlOperator> OPERATORS = new ConcurrentHashMap<>();

  private FunctionOperators() {}

  /**
   * {@link FunctionRegistry#resolve}, with resolution failures reported as {@link
   * ExpressionTypeException} like every other invalid expression.
   */
  static FunctionRegistry.Resolved resolve(
      FunctionRegistry functions, String name, List<SqlType> argTypes) {
    try {
      return functions.resolve(name, argTypes);
    } catch (FunctionResolutionException e) {
      throw new ExpressionTypeException(e.getMessage());
    }
  }

  /** The operator calling {@code r}'s method; its calls have type {@code r.returnType()}. */
  static SqlOperator operator(FunctionRegistry.Resolved r) {
    FunctionRegistry.Signature s = r.signature();
    SqlType returnType = r.returnType();
    return OPERATORS.computeIfAbsent(List.of(s, returnType), k -> KsqlOperators.operator(s.name(),
        binding -> returnType.toRelDataType(binding.getTypeFactory()),
        MethodCallImplementor.of(s.method(), s.strict()), s.deterministic()));
  }
}
