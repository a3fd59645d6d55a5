package io.sluice.engine.expr;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rex.RexCall;
import io.sluice.engine.types.SluiceTypeSystem;

/**
 * Implements a call by generating a direct call of a public static Java method: the operands are
 * translated by Calcite to the method's parameter types (a varargs method gets the trailing
 * operands in an array), optional constant arguments derived from the call (a DECIMAL's scale, a
 * cast's precision) are appended, and the result is converted to the call's Java class.
 *
 * <p>A <em>strict</em> method is not called when an operand is null: the result is null. A
 * non-strict method receives nulls and decides (ksqlDB's model for functions).
 */
final class MethodCallImplementor implements CallImplementor {

  /** What to call for one {@link RexCall}. */
  record Target(Method method, List<Expression> extraArgs) {
    Target {
      Objects.requireNonNull(method, "method");
      extraArgs = List.copyOf(extraArgs);
    }

    static Target of(Method method, Expression... extraArgs) {
      return new Target(method, List.of(extraArgs));
    }
  }

  /** Chooses the target per call (e.g. by operand and result type). */
  @FunctionalInterface
  interface Resolver {
    Target resolve(RexCall call);
  }

  /** For {@code getJavaClass}, which only reads the (immutable) types. */
  private static final JavaTypeFactory TYPES = SluiceTypeSystem.newTypeFactory();

  private final Resolver resolver;
  private final boolean strict;

  MethodCallImplementor(Resolver resolver, boolean strict) {
    this.resolver = resolver;
    this.strict = strict;
  }

  static MethodCallImplementor of(Method method, boolean strict) {
    if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
        || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      throw new IllegalArgumentException("not a public static method of a public class: " + method);
    }
    Target target = Target.of(method);
    return new MethodCallImplementor(call -> target, strict);
  }

  @Override
  public Expression implement(
      RexToLixTranslator translator, RexCall call, RexImpTable.NullAs nullAs) {
    Target target = resolver.resolve(call);
    Method method = target.method();
    Class<?>[] params = method.getParameterTypes();
    int operands = call.getOperands().size();
    int fixed = method.isVarArgs() ? params.length - 1 : params.length - target.extraArgs().size();
    List<Type> storage = new ArrayList<>(operands);
    for (int i = 0; i < operands; i++) {
      storage.add(i < fixed ? params[i] : params[params.length - 1].getComponentType());
    }
    List<Expression> values = translator.translateList(call.getOperands(), storage);

    List<Expression> args = new ArrayList<>(values.subList(0, Math.min(fixed, operands)));
    if (method.isVarArgs()) {
      args.add(Expressions.newArrayInit(
          params[params.length - 1].getComponentType(), values.subList(fixed, operands)));
    }
    args.addAll(target.extraArgs());
    Expression result = Expressions.call(method, args);

    // A STRUCT's Calcite Java type is a synthetic record type: treat it as Object.
    Type javaType = TYPES.getJavaClass(call.getType());
    Class<?> resultClass = javaType instanceof Class<?> c ? boxed(c) : Object.class;
    result = EnumUtils.convert(result, resultClass);
    if (strict) {
      Expression anyNull = null;
      for (int i = 0; i < values.size(); i++) {
        Expression v = values.get(i);
        if (Primitive.is(v.getType()) || !call.getOperands().get(i).getType().isNullable()) {
          continue;
        }
        Expression isNull = Expressions.equal(v, Expressions.constant(null));
        anyNull = anyNull == null ? isNull : Expressions.orElse(anyNull, isNull);
      }
      if (anyNull != null) {
        result = Expressions.condition(anyNull, Expressions.constant(null, resultClass), result);
      }
    }
    return result;
  }

  private static Class<?> boxed(Class<?> c) {
    return (Class<?>) Primitive.box(c);
  }
}
