package io.sluice.engine.expr;

import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.FunctionCall;
import io.sluice.grammar.ast.Lambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rex.RexNode;

/**
 * ksqlDB's lambda functions, typed as ksqlDB types them:
 *
 * <ul>
 *   <li>{@code TRANSFORM(ARRAY<T>, x => U)} is ARRAY&lt;U&gt;; {@code TRANSFORM(MAP<K, V>, (k, v)
 *       => K2, (k, v) => V2)} is MAP&lt;K2, V2&gt;.
 *   <li>{@code FILTER(ARRAY<T>, x => BOOLEAN)} is ARRAY&lt;T&gt;; {@code FILTER(MAP<K, V>, (k, v)
 *       => BOOLEAN)} is MAP&lt;K, V&gt;.
 *   <li>{@code REDUCE(ARRAY<T>, S, (s, x) => S)} and {@code REDUCE(MAP<K, V>, S, (s, k, v) =>
 *       S)} are S, the initial state's type; the lambda's result must convert to it implicitly.
 * </ul>
 *
 * <p>Each lambda is compiled on its own ({@link LambdaCompiler}); the call becomes one {@link
 * LambdaOperator} call whose operands are the collection, the initial state (REDUCE) and the
 * values the lambdas capture, and whose generated code calls {@link LambdaRuntime}. Nothing is
 * interpreted per record.
 */
final class LambdaCalls {

  /** The functions taking lambdas, for messages. */
  static final String FUNCTIONS = "TRANSFORM, FILTER and REDUCE";

  private static final Set<String> NAMES = Set.of("TRANSFORM", "FILTER", "REDUCE");

  private static final Map<String, String> SIGNATURES = Map.of(
      "TRANSFORM", "TRANSFORM(ARRAY<T>, T => U); TRANSFORM(MAP<K, V>, (K, V) => K2, (K, V) => V2)",
      "FILTER", "FILTER(ARRAY<T>, T => BOOLEAN); FILTER(MAP<K, V>, (K, V) => BOOLEAN)",
      "REDUCE", "REDUCE(ARRAY<T>, S, (S, T) => S); REDUCE(MAP<K, V>, S, (S, K, V) => S)");

  private final AstExpressions outer;

  LambdaCalls(AstExpressions outer) {
    this.outer = outer;
  }

  /** Whether {@code name} is a function taking lambdas. */
  static boolean isLambdaFunction(String name) {
    return NAMES.contains(name.toUpperCase(Locale.ROOT));
  }

  RexNode call(FunctionCall f) {
    String name = f.name().value().toUpperCase(Locale.ROOT);
    List<Expression> args = f.arguments();
    if (args.isEmpty() || args.get(0) instanceof Lambda) {
      throw invalid(name, f, null);
    }
    RexNode collection = outer.translate(args.get(0));
    SqlType type = outer.builder().typeOrNull(collection);
    if (type == null) {
      // An untyped NULL collection gives no element type to type the lambda with.
      throw new ExpressionTypeException(args.get(0).pos(),
          name + " cannot infer the element type of NULL: CAST it to an ARRAY or MAP type");
    }
    return switch (name) {
      case "TRANSFORM" -> transform(f, collection, type);
      case "FILTER" -> filter(f, collection, type);
      default -> reduce(f, collection, type);
    };
  }

  private RexNode transform(FunctionCall f, RexNode collection, SqlType type) {
    List<Expression> args = f.arguments();
    if (type instanceof SqlArray a && lambdas(args, 1)) {
      LambdaCompiler.Body body = body(f, 1, List.of(a.element()), null);
      return LambdaOperator.call(outer.builder(), "TRANSFORM", method("transform", 1, List.class),
          SqlType.array(body.type()), List.of(collection), List.of(body));
    }
    if (type instanceof SqlMap m && lambdas(args, 2)) {
      List<SqlType> params = List.of(m.key(), m.value());
      LambdaCompiler.Body key = body(f, 1, params, null);
      LambdaCompiler.Body value = body(f, 2, params, null);
      SqlType result;
      try {
        result = SqlType.map(key.type(), value.type());
      } catch (IllegalArgumentException e) {
        throw new ExpressionTypeException(args.get(1).pos(), e.getMessage());
      }
      return LambdaOperator.call(outer.builder(), "TRANSFORM",
          method("transform", 2, Map.class), result,
          List.of(collection), List.of(key, value));
    }
    throw invalid("TRANSFORM", f, type);
  }

  private RexNode filter(FunctionCall f, RexNode collection, SqlType type) {
    List<Expression> args = f.arguments();
    List<SqlType> params;
    Class<?> javaType;
    if (type instanceof SqlArray a && lambdas(args, 1)) {
      params = List.of(a.element());
      javaType = List.class;
    } else if (type instanceof SqlMap m && lambdas(args, 1)) {
      params = List.of(m.key(), m.value());
      javaType = Map.class;
    } else {
      throw invalid("FILTER", f, type);
    }
    LambdaCompiler.Body body = body(f, 1, params, SqlType.BOOLEAN);
    return LambdaOperator.call(outer.builder(), "FILTER", method("filter", 1, javaType), type,
        List.of(collection), List.of(body));
  }

  private RexNode reduce(FunctionCall f, RexNode collection, SqlType type) {
    List<Expression> args = f.arguments();
    if (args.size() != 3 || args.get(1) instanceof Lambda || !(args.get(2) instanceof Lambda)
        || !(type instanceof SqlArray || type instanceof SqlMap)) {
      throw invalid("REDUCE", f, type);
    }
    RexNode initial = outer.translate(args.get(1));
    SqlType state = outer.builder().typeOrNull(initial);
    if (state == null) {
      throw new ExpressionTypeException(args.get(1).pos(),
          "REDUCE cannot infer the type of the initial state NULL: CAST it");
    }
    List<SqlType> params;
    Class<?> javaType;
    if (type instanceof SqlArray a) {
      params = List.of(state, a.element());
      javaType = List.class;
    } else {
      SqlMap m = (SqlMap) type;
      params = List.of(state, m.key(), m.value());
      javaType = Map.class;
    }
    LambdaCompiler.Body body = body(f, 2, params, state);
    return LambdaOperator.call(outer.builder(), "REDUCE",
        method("reduce", 1, javaType, Object.class), state, List.of(collection, initial),
        List.of(body));
  }

  /** Whether exactly the {@code count} arguments after the collection are lambdas. */
  private static boolean lambdas(List<Expression> args, int count) {
    if (args.size() != count + 1) {
      return false;
    }
    for (int i = 1; i < args.size(); i++) {
      if (!(args.get(i) instanceof Lambda)) {
        return false;
      }
    }
    return true;
  }

  private LambdaCompiler.Body body(FunctionCall f, int arg, List<SqlType> params,
      SqlType resultType) {
    return LambdaCompiler.compile(outer, f.name().value().toUpperCase(Locale.ROOT),
        (Lambda) f.arguments().get(arg), params, resultType);
  }

  /** The runtime helper: the leading operands, then a (lambda, captured values) pair each. */
  private static Method method(String name, int lambdas, Class<?>... leading) {
    List<Class<?>> params = new ArrayList<>(List.of(leading));
    for (int i = 0; i < lambdas; i++) {
      params.add(CompiledLambda.class);
      params.add(Object[].class);
    }
    return KsqlOperators.method(LambdaRuntime.class, name, params.toArray(Class<?>[]::new));
  }

  private static ExpressionTypeException invalid(String name, FunctionCall f, SqlType type) {
    List<String> shapes = new ArrayList<>();
    for (int i = 0; i < f.arguments().size(); i++) {
      Expression a = f.arguments().get(i);
      shapes.add(a instanceof Lambda l ? "LAMBDA(" + l.parameters().size() + ")"
          : i == 0 && type != null ? type.toString() : "EXPRESSION");
    }
    return new ExpressionTypeException(f.pos(), "Function '" + name
        + "' does not accept parameters (" + String.join(", ", shapes)
        + "). Valid alternatives are: " + SIGNATURES.get(name));
  }
}
