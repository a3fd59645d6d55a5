package io.sluice.engine.expr;

import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.RexImpTable.NullAs;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;

/**
 * The call of a lambda function with its compiled lambdas. Each such call gets its own operator,
 * named after the function and its lambdas' ids ({@code TRANSFORM#7}), so that two calls that
 * differ only in their lambdas never look alike to Calcite (which merges equal subexpressions).
 *
 * <p>Operands: the leading ones (the collection; REDUCE's initial state), then each lambda's
 * captured values in turn. Generated code: {@code LambdaRuntime.f(leading..., lambda(id1), new
 * Object[] {captured1...}, ...)}, the {@code lambda(id)} lookups hoisted to static constants.
 */
final class LambdaOperator implements CallImplementor {

  /** For {@code getJavaClass}, which only reads the (immutable) types. */
  private static final JavaTypeFactory TYPES = SluiceTypeSystem.newTypeFactory();

  private static final Method LAMBDA = KsqlOperators.method(LambdaRuntime.class, "lambda",
      int.class);

  private final Method method;
  private final int leading;
  private final List<CompiledLambda> lambdas;

  private LambdaOperator(Method method, int leading, List<CompiledLambda> lambdas) {
    this.method = method;
    this.leading = leading;
    this.lambdas = List.copyOf(lambdas);
  }

  /**
   * {@code function(leading..., lambdas...)} of type {@code type}, implemented by the static
   * {@code method} of {@link LambdaRuntime}.
   */
  static RexNode call(ExpressionBuilder builder, String function, Method method, SqlType type,
      List<RexNode> leading, List<LambdaCompiler.Body> bodies) {
    List<RexNode> operands = new ArrayList<>(leading);
    List<CompiledLambda> lambdas = new ArrayList<>();
    for (LambdaCompiler.Body b : bodies) {
      operands.addAll(b.captured());
      lambdas.add(b.lambda());
    }
    String name = function + lambdas.stream().map(l -> "#" + l.id())
        .collect(Collectors.joining());
    SqlOperator op = KsqlOperators.operator(name,
        binding -> {
          throw new UnsupportedOperationException("make the lambda call with its type");
        },
        new LambdaOperator(method, leading.size(), lambdas));
    return builder.rexBuilder().makeCall(
        type.toRelDataType(builder.rexBuilder().getTypeFactory()), op, operands);
  }

  @Override
  public Expression implement(RexToLixTranslator translator, RexCall call, NullAs nullAs) {
    List<RexNode> operands = call.getOperands();
    Class<?>[] params = method.getParameterTypes();
    List<Type> storage = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      storage.add(i < leading ? params[i] : Object.class);
    }
    List<Expression> values = translator.translateList(operands, storage);
    List<Expression> args = new ArrayList<>(values.subList(0, leading));
    int next = leading;
    for (CompiledLambda l : lambdas) {
      args.add(Expressions.call(LAMBDA, Expressions.constant(l.id())));
      int n = l.captured();
      args.add(n == 0
          ? Expressions.field(null, LambdaRuntime.class, "NO_CAPTURES")
          : Expressions.newArrayInit(Object.class, values.subList(next, next + n)));
      next += n;
    }
    Expression result = Expressions.call(method, args);
    // A STRUCT's Calcite Java type is a synthetic record type: treat it as Object.
    Type javaType = TYPES.getJavaClass(call.getType());
    Class<?> resultClass = javaType instanceof Class<?> c ? (Class<?>) Primitive.box(c)
        : Object.class;
    return EnumUtils.convert(result, resultClass);
  }
}
