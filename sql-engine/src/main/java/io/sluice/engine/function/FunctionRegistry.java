package io.sluice.engine.function;

import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Scalar functions by name: each a set of overloads, each overload a public static Java method
 * annotated {@link Udf}. Compiled expressions call the chosen method directly (the Calcite side,
 * {@code io.sluice.engine.expr.FunctionOperators}); no reflection or lookup on the per-record path.
 *
 * <h2>Signatures</h2>
 *
 * <p>A parameter's SQL type follows from its Java type by {@link SqlType}'s runtime mapping:
 * {@code String} STRING, {@code Integer} INTEGER, {@code Long} BIGINT, {@code Double} DOUBLE,
 * {@code Boolean} BOOLEAN, {@code ByteString} BYTES; {@code BigDecimal}, {@code List}, {@code Map}
 * and {@link Struct} accept any DECIMAL, ARRAY, MAP and STRUCT. A trailing {@code T...}
 * parameter takes any number of arguments. Return types are the same mapping of the method's
 * return type (scalar types only, for now).
 *
 * <h2>Overload resolution</h2>
 *
 * <p>As ksqlDB: an overload whose parameters take the argument types exactly wins; otherwise the
 * one needing the fewest implicit widenings ({@link SqlType#canImplicitlyCast}), fixed arity
 * before varargs; a tie is an error. An untyped {@code NULL} argument matches any parameter.
 * The caller casts arguments to the chosen parameter types.
 *
 * <h2>Nulls</h2>
 *
 * <p>ksqlDB calls a function with null arguments and most functions return null then; such
 * methods take boxed parameters and check. A method marked {@link Udf#strict()} is instead not
 * called when an argument is null, and the result is null (the check is in the generated code).
 * Exceptions thrown by a function make the whole expression null for that record (and are
 * reported), as in ksqlDB.
 */
public final class FunctionRegistry {

  /** One overload. */
  public record Signature(String name, Method method, List<ParamType> params, boolean varargs,
      SqlType returnType, boolean strict, String description) {

    @Override
    public String toString() {
      List<String> ps = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        ps.add(params.get(i) + (varargs && i == params.size() - 1 ? "..." : ""));
      }
      return name + "(" + String.join(", ", ps) + ") -> " + returnType;
    }
  }

  /** A parameter type: an exact type, or any type of a base kind (DECIMAL, ARRAY, MAP, STRUCT). */
  public record ParamType(SqlBaseType base, SqlType exact) {
    boolean accepts(SqlType t) {
      return exact == null ? t.baseType() == base : exact.equals(t);
    }

    @Override
    public String toString() {
      return exact != null ? exact.toString() : base == SqlBaseType.DECIMAL ? "DECIMAL"
          : base + "<ANY>";
    }
  }

  /** The result of resolving a call: the overload and the type each argument must be cast to. */
  public record Resolved(Signature signature, List<SqlType> argumentTypes, SqlType returnType) {}

  private final Map<String, List<Signature>> functions = new TreeMap<>();

  /** An empty registry. */
  public FunctionRegistry() {}

  /** A registry with {@link BuiltInFunctions}. */
  public static FunctionRegistry withBuiltIns() {
    FunctionRegistry r = new FunctionRegistry();
    r.register(BuiltInFunctions.class);
    return r;
  }

  /** Registers every {@link Udf}-annotated public static method of {@code holder}. */
  public synchronized FunctionRegistry register(Class<?> holder) {
    int found = 0;
    for (Method m : holder.getMethods()) {
      Udf udf = m.getAnnotation(Udf.class);
      if (udf != null) {
        register(udf.name(), m, udf.strict(), udf.description());
        found++;
      }
    }
    if (found == 0) {
      throw new IllegalArgumentException("no @Udf methods in " + holder.getName());
    }
    return this;
  }

  /** Registers {@code method} as an overload of {@code name}. */
  public synchronized FunctionRegistry register(
      String name, Method method, boolean strict, String description) {
    if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
        || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      throw new IllegalArgumentException("a function must be a public static method of a public "
          + "class: " + method);
    }
    String key = name.toUpperCase(Locale.ROOT);
    Class<?>[] javaParams = method.getParameterTypes();
    List<ParamType> params = new ArrayList<>();
    for (int i = 0; i < javaParams.length; i++) {
      Class<?> p = method.isVarArgs() && i == javaParams.length - 1
          ? javaParams[i].getComponentType() : javaParams[i];
      params.add(paramType(p, method));
    }
    ParamType ret = paramType(method.getReturnType(), method);
    if (ret.exact() == null) {
      throw new IllegalArgumentException("return type " + method.getReturnType().getSimpleName()
          + " needs an explicit SQL type, not supported yet: " + method);
    }
    Signature sig = new Signature(key, method, List.copyOf(params), method.isVarArgs(),
        ret.exact(), strict, description);
    List<Signature> overloads = functions.computeIfAbsent(key, k -> new ArrayList<>());
    for (Signature other : overloads) {
      if (other.params().equals(sig.params()) && other.varargs() == sig.varargs()) {
        throw new IllegalArgumentException("duplicate overload " + sig);
      }
    }
    overloads.add(sig);
    return this;
  }

  private static ParamType paramType(Class<?> c, Method m) {
    if (c == String.class) {
      return new ParamType(SqlBaseType.STRING, SqlType.STRING);
    } else if (c == Integer.class || c == int.class) {
      return new ParamType(SqlBaseType.INTEGER, SqlType.INTEGER);
    } else if (c == Long.class || c == long.class) {
      return new ParamType(SqlBaseType.BIGINT, SqlType.BIGINT);
    } else if (c == Double.class || c == double.class) {
      return new ParamType(SqlBaseType.DOUBLE, SqlType.DOUBLE);
    } else if (c == Boolean.class || c == boolean.class) {
      return new ParamType(SqlBaseType.BOOLEAN, SqlType.BOOLEAN);
    } else if (c == ByteString.class) {
      return new ParamType(SqlBaseType.BYTES, SqlType.BYTES);
    } else if (c == BigDecimal.class) {
      return new ParamType(SqlBaseType.DECIMAL, null);
    } else if (List.class.isAssignableFrom(c) && c != Struct.class) {
      return new ParamType(SqlBaseType.ARRAY, null);
    } else if (Map.class.isAssignableFrom(c)) {
      return new ParamType(SqlBaseType.MAP, null);
    } else if (c == Struct.class) {
      return new ParamType(SqlBaseType.STRUCT, null);
    }
    throw new IllegalArgumentException("no SQL type for Java type " + c.getName() + " in " + m);
  }

  /** Whether a function of this name exists. */
  public synchronized boolean contains(String name) {
    return functions.containsKey(name.toUpperCase(Locale.ROOT));
  }

  /** The overloads of {@code name} (empty if unknown). */
  public synchronized List<Signature> signatures(String name) {
    return List.copyOf(functions.getOrDefault(name.toUpperCase(Locale.ROOT), List.of()));
  }

  /**
   * Chooses the overload of {@code name} for arguments of these types ({@code null} for an
   * untyped NULL literal).
   *
   * @throws FunctionResolutionException if the function is unknown, or no overload or more than one
   *     equally good overload accepts the arguments
   */
  public Resolved resolve(String name, List<SqlType> argTypes) {
    List<Signature> overloads = signatures(name);
    if (overloads.isEmpty()) {
      throw new FunctionResolutionException("Can't find any functions with the name '" + name + "'");
    }
    Signature best = null;
    int bestCost = Integer.MAX_VALUE;
    boolean tie = false;
    for (Signature s : overloads) {
      int cost = cost(s, argTypes);
      if (cost < bestCost) {
        best = s;
        bestCost = cost;
        tie = false;
      } else if (cost == bestCost && cost != Integer.MAX_VALUE) {
        tie = true;
      }
    }
    String args = argTypes.stream().map(t -> t == null ? "NULL" : t.toString())
        .collect(Collectors.joining(", ", "(", ")"));
    if (best == null) {
      throw new FunctionResolutionException("Function '" + name.toUpperCase(Locale.ROOT)
          + "' does not accept parameters " + args + ". Valid alternatives are: "
          + overloads.stream().map(Signature::toString).collect(Collectors.joining("; ")));
    }
    if (tie) {
      throw new FunctionResolutionException("Function '" + name.toUpperCase(Locale.ROOT)
          + "' cannot be resolved due to ambiguous method parameters " + args);
    }
    List<SqlType> castTo = new ArrayList<>();
    for (int i = 0; i < argTypes.size(); i++) {
      ParamType p = param(best, i);
      SqlType a = argTypes.get(i);
      castTo.add(p.exact() != null ? p.exact() : a != null ? a : anyOf(p.base()));
    }
    return new Resolved(best, List.copyOf(castTo), best.returnType());
  }

  private static ParamType param(Signature s, int i) {
    return s.varargs() && i >= s.params().size() - 1
        ? s.params().get(s.params().size() - 1) : s.params().get(i);
  }

  /** Widenings needed to call {@code s} with these arguments, or MAX_VALUE if it can't take them. */
  private static int cost(Signature s, List<SqlType> args) {
    int fixed = s.varargs() ? s.params().size() - 1 : s.params().size();
    if (args.size() < fixed || (!s.varargs() && args.size() != fixed)) {
      return Integer.MAX_VALUE;
    }
    int cost = s.varargs() ? 1000 : 0;
    for (int i = 0; i < args.size(); i++) {
      SqlType a = args.get(i);
      if (a == null) {
        continue;
      }
      ParamType p = param(s, i);
      if (p.accepts(a)) {
        continue;
      }
      if (p.exact() != null && SqlType.canImplicitlyCast(a, p.exact())) {
        cost += 1 + p.exact().baseType().ordinal() - a.baseType().ordinal();
        continue;
      }
      return Integer.MAX_VALUE;
    }
    return cost;
  }

  /** A concrete type for an untyped NULL passed to a generic parameter. */
  private static SqlType anyOf(SqlBaseType base) {
    return switch (base) {
      case DECIMAL -> SqlType.decimal(1, 0);
      case ARRAY -> SqlType.array(SqlType.STRING);
      case MAP -> SqlType.map(SqlType.STRING, SqlType.STRING);
      case STRUCT -> SqlType.struct().field("F", SqlType.STRING).build();
      default -> throw new IllegalStateException(base.toString());
    };
  }

  @Override
  public synchronized String toString() {
    return functions.values().stream().flatMap(List::stream).map(Objects::toString)
        .collect(Collectors.joining("\n"));
  }
}
