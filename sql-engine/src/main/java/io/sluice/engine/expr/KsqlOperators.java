package io.sluice.engine.expr;

import io.sluice.engine.types.SqlType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable.NullAs;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Sluice's own operators, for the places where ksqlDB's semantics differ from Calcite's
 * built-ins. Each is a {@link SqlUserDefinedFunction} whose implementor generates a direct call of
 * a static method (mostly {@link KsqlRuntime}), so Calcite types, simplifies around and compiles
 * them like any other call. Everything else uses Calcite's standard operators.
 */
public final class KsqlOperators {

  private KsqlOperators() {}

  /** ksqlDB array subscript: 1-based, negative from the end, out of range is null. */
  public static final SqlOperator ARRAY_ACCESS = operator("ARRAY_ACCESS",
      binding -> binding.getTypeFactory().createTypeWithNullability(
          binding.getOperandType(0).getComponentType(), true),
      MethodCallImplementor.of(method(KsqlRuntime.class, "arrayAccess", List.class, Integer.class),
          false));

  /** ksqlDB map subscript: the value, null if absent. */
  public static final SqlOperator MAP_ACCESS = operator("MAP_ACCESS",
      binding -> binding.getTypeFactory().createTypeWithNullability(
          binding.getOperandType(0).getValueType(), true),
      MethodCallImplementor.of(method(KsqlRuntime.class, "mapAccess", Map.class, Object.class),
          false));

  /** DECIMAL division to the result type's scale (HALF_UP). */
  public static final SqlOperator DECIMAL_DIVIDE = operator("DECIMAL_DIVIDE",
      ReturnTypes.QUOTIENT_NULLABLE,
      new MethodCallImplementor(call -> MethodCallImplementor.Target.of(
          method(KsqlRuntime.class, "decimalDivide", BigDecimal.class, BigDecimal.class, int.class),
          Expressions.constant(call.getType().getScale())), false));

  /** ksqlDB {@code STRING + STRING} (Java concatenation: null reads "null"). */
  public static final SqlOperator STRING_PLUS = operator("STRING_PLUS",
      ReturnTypes.VARCHAR_NULLABLE,
      MethodCallImplementor.of(
          method(KsqlRuntime.class, "stringPlus", String.class, String.class), false));

  /**
   * {@code value LIKE pattern [ESCAPE 'c']}: operands value, pattern and escape (a one-character
   * string, or a null literal for none). A literal pattern compiles once per compiled class.
   */
  public static final SqlOperator LIKE = operator("LIKE",
      ReturnTypes.BOOLEAN_NULLABLE,
      new LikeImplementor());

  private static final Map<SqlType, SqlOperator> CASTS = new ConcurrentHashMap<>();
  private static final Map<List<String>, SqlOperator> STRUCTS = new ConcurrentHashMap<>();

  /**
   * ksqlDB's CAST to {@code target} (its conversions, formats and rounding); the call's type must
   * be {@code target}. One operator per target type, so that the target is part of the digest.
   */
  public static SqlOperator cast(SqlType target) {
    return CASTS.computeIfAbsent(target, t -> operator("CAST_AS_" + t,
        binding -> {
          throw new UnsupportedOperationException("make the CAST call with its type");
        },
        new MethodCallImplementor(KsqlOperators::castTarget, false)));
  }

  /** STRUCT constructor with these field names; the call's type gives the field types. */
  public static SqlOperator struct(List<String> names) {
    return STRUCTS.computeIfAbsent(List.copyOf(names), n -> operator(
        "STRUCT" + n.toString().replace('[', '(').replace(']', ')'),
        binding -> {
          throw new UnsupportedOperationException("make the STRUCT call with its type");
        },
        new StructImplementor(n)));
  }

  // ---------------------------------------------------------------------------------------------

  static SqlUserDefinedFunction operator(
      String name, SqlReturnTypeInference returnType, CallImplementor implementor) {
    return operator(name, returnType, implementor, true);
  }

  /**
   * An operator whose calls Calcite folds into constants when their operands are constant, unless
   * {@code deterministic} is false (a random value, the current time).
   */
  static SqlUserDefinedFunction operator(String name, SqlReturnTypeInference returnType,
      CallImplementor implementor, boolean deterministic) {
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION, returnType, null, null, new Implementation(implementor)) {
      @Override
      public boolean isDeterministic() {
        return deterministic;
      }
    };
  }

  static Method method(Class<?> owner, String name, Class<?>... params) {
    try {
      return owner.getMethod(name, params);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Calcite "function" behind an operator: only its implementor matters. */
  private record Implementation(CallImplementor implementor) implements ImplementableFunction {
    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public CallImplementor getImplementor() {
      return implementor;
    }
  }

  /** Whether ksqlDB can CAST {@code from} to {@code to} (same type always). */
  static boolean castSupported(SqlType from, SqlType to) {
    return Casts.supported(from, to);
  }

  private static MethodCallImplementor.Target castTarget(RexCall call) {
    SqlType from = SqlType.fromRelDataType(call.getOperands().get(0).getType());
    SqlType to = SqlType.fromRelDataType(call.getType());
    if (to.baseType().isContainer()) {
      Expression converter = Expressions.call(
          method(KsqlRuntime.class, "converter", int.class),
          Expressions.constant(Casts.converterId(from, to)));
      return MethodCallImplementor.Target.of(
          method(KsqlRuntime.class, "convert", Object.class, Function.class), converter);
    }
    Casts.Scalar scalar = Casts.scalar(from, to);
    return new MethodCallImplementor.Target(scalar.method(),
        scalar.constants().stream().map(c -> (Expression) Expressions.constant(c)).toList());
  }

  /** LIKE: a literal pattern becomes a hoisted {@link LikeMatcher} constant. */
  private static final class LikeImplementor implements CallImplementor {
    private final MethodCallImplementor dynamic = MethodCallImplementor.of(
        method(KsqlRuntime.class, "like", String.class, String.class, String.class), false);

    @Override
    public Expression implement(RexToLixTranslator translator, RexCall call, NullAs nullAs) {
      List<RexNode> ops = call.getOperands();
      // Inside a RexProgram the operands are local references: look through them.
      if (translator.deref(ops.get(1)) instanceof RexLiteral pattern && !pattern.isNull()
          && translator.deref(ops.get(2)) instanceof RexLiteral escape) {
        Expression matcher = Expressions.call(
            method(KsqlRuntime.class, "likeMatcher", String.class, String.class),
            Expressions.constant(pattern.getValueAs(String.class), String.class),
            Expressions.constant(escape.isNull() ? null : escape.getValueAs(String.class),
                String.class));
        Expression value =
            translator.translateList(List.of(ops.get(0)), List.of(String.class)).get(0);
        return Expressions.call(
            method(KsqlRuntime.class, "like", String.class, LikeMatcher.class), value, matcher);
      }
      return dynamic.implement(translator, call, nullAs);
    }
  }

  /** STRUCT constructor: {@code new Struct(names constant, new Object[] {values})}. */
  private static final class StructImplementor implements CallImplementor {
    private final String joinedNames;

    StructImplementor(List<String> names) {
      this.joinedNames = KsqlRuntime.encodeNames(names);
    }

    @Override
    public Expression implement(RexToLixTranslator translator, RexCall call, NullAs nullAs) {
      List<Type> storage = new ArrayList<>();
      for (int i = 0; i < call.getOperands().size(); i++) {
        storage.add(Object.class);
      }
      List<Expression> values = translator.translateList(call.getOperands(), storage);
      Expression names = Expressions.call(
          method(KsqlRuntime.class, "structNames", String.class),
          Expressions.constant(joinedNames, String.class));
      return Expressions.call(
          method(KsqlRuntime.class, "newStruct", List.class, Object[].class),
          names, Expressions.newArrayInit(Object.class, values));
    }
  }
}
