package io.sluice.engine.function;

import io.sluice.engine.function.aggregate.AggregateArgument;
import io.sluice.engine.function.aggregate.AggregateFunction;
import io.sluice.engine.function.aggregate.AggregateResolver;
import io.sluice.engine.function.aggregate.BuiltInAggregates;
import io.sluice.engine.function.aggregate.ResolvedAggregate;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
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
 * Functions by name: scalar functions ({@link Udf}) and table functions ({@link Udtf}), each a set
 * of overloads, each overload a public static Java method; and aggregate functions ({@link
 * AggregateFunction}, resolved by {@link #resolveAggregate}), whose overloads create {@link
 * io.sluice.engine.function.aggregate.Aggregate} objects. Compiled expressions call the chosen
 * method directly ({@code io.sluice.engine.expr.FunctionOperators}); the flat-map operator calls a
 * table function's method. No reflection or lookup on the per-record path.
 *
 * <h2>Signatures</h2>
 *
 * <p>A parameter's SQL type is its {@link Sql} template if it has one, else follows from its Java
 * type by {@link SqlType}'s runtime mapping: {@code String} STRING, {@code Integer} INTEGER,
 * {@code Long} BIGINT, {@code Double} DOUBLE, {@code Boolean} BOOLEAN, {@code ByteString} BYTES;
 * {@code BigDecimal}, {@code List}, {@code Map} and {@link Struct} accept any DECIMAL, ARRAY, MAP
 * and STRUCT. A trailing {@code T...} parameter takes any number of arguments. The result type is
 * {@link Udf#returnTypeOf()}'s answer, else the {@link Udf#returns()} template with the type
 * variables bound, else the Java return type's mapping.
 *
 * <h2>Overload resolution</h2>
 *
 * <p>As ksqlDB: among overloads whose parameters take the argument types as they are, a concrete
 * parameter wins over a generic one and fixed arity over varargs; a tie is an error. If every
 * overload that accepts the arguments needs implicit widenings ({@link SqlType#canImplicitlyCast}),
 * it must be the only one: {@code F(BIGINT, BIGINT)} and {@code F(DOUBLE, DOUBLE)} called with
 * {@code (INTEGER, BIGINT)} is ambiguous. A type variable
 * meeting several argument types is bound to their common type ({@link SqlType#commonType}), each
 * argument that must widen to it costing one widening; no common type, no match. An untyped
 * {@code NULL} argument matches any parameter. The caller converts arguments to {@link
 * Resolved#argumentTypes()}.
 *
 * <h2>Nulls and errors</h2>
 *
 * <p>ksqlDB calls a function with null arguments and most functions return null then; such
 * methods take boxed parameters and check. A method marked {@link Udf#strict()} is instead not
 * called when an argument is null, and the result is null (the check is in the generated code).
 * An exception thrown by a function makes the whole expression null for that record (and is
 * reported), as in ksqlDB.
 *
 * <p>Registration is synchronized; lookups may run concurrently with it.
 */
public final class FunctionRegistry {

  /** One overload. */
  public record Signature(String name, FunctionKind kind, Method method, List<Param> params,
      boolean varargs, TypeTemplate returns, Method returnTypeOf, boolean strict,
      boolean deterministic, String category, String description) {

    /** The overload's parameter for argument {@code i} (varargs repeat the last). */
    public Param param(int i) {
      return varargs && i >= params.size() - 1 ? params.get(params.size() - 1) : params.get(i);
    }

    @Override
    public String toString() {
      List<String> ps = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        ps.add(params.get(i).type() + (varargs && i == params.size() - 1 ? "..." : ""));
      }
      return name + "(" + String.join(", ", ps) + ") -> "
          + (returnTypeOf != null ? "?" : returns.toString());
    }
  }

  /** A parameter: its (Java) name and SQL type template. */
  public record Param(String name, TypeTemplate type) {}

  /**
   * The result of resolving a call: the overload, the type each argument must be converted to,
   * and the result type (for a table function, the type of one element of the returned list).
   */
  public record Resolved(Signature signature, List<SqlType> argumentTypes, SqlType returnType) {}

  private final Map<String, List<Signature>> functions = new TreeMap<>();
  private final Map<String, AggregateFunction> aggregates = new TreeMap<>();

  /** An empty registry. */
  public FunctionRegistry() {}

  /** A registry with ksqlDB's built-in functions ({@link BuiltInFunctions#HOLDERS}). */
  public static FunctionRegistry withBuiltIns() {
    FunctionRegistry r = new FunctionRegistry();
    for (Class<?> holder : BuiltInFunctions.HOLDERS) {
      r.register(holder);
    }
    for (AggregateFunction f : BuiltInAggregates.all()) {
      r.register(f);
    }
    return r;
  }

  /** Registers every {@link Udf} and {@link Udtf} public static method of {@code holder}. */
  public synchronized FunctionRegistry register(Class<?> holder) {
    int found = 0;
    // getMethods() has no defined order: sort, so that DESCRIBE lists overloads stably.
    Method[] methods = holder.getMethods();
    java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::toGenericString));
    for (Method m : methods) {
      Udf udf = m.getAnnotation(Udf.class);
      Udtf udtf = m.getAnnotation(Udtf.class);
      if (udf != null) {
        add(udf.name(), FunctionKind.SCALAR, m, udf.returns(), udf.returnTypeOf(), udf.strict(),
            udf.deterministic(), udf.description());
        found++;
      } else if (udtf != null) {
        if (!List.class.isAssignableFrom(m.getReturnType())) {
          throw new IllegalArgumentException("a table function returns a List: " + m);
        }
        add(udtf.name(), FunctionKind.TABLE, m, udtf.returns(), "", false, true,
            udtf.description());
        found++;
      }
    }
    if (found == 0) {
      throw new IllegalArgumentException("no @Udf or @Udtf methods in " + holder.getName());
    }
    return this;
  }

  /** Registers {@code method} as a scalar overload of {@code name} (Java type mapping only). */
  public synchronized FunctionRegistry register(
      String name, Method method, boolean strict, String description) {
    add(name, FunctionKind.SCALAR, method, "", "", strict, true, description);
    return this;
  }

  /** Registers an aggregate function; its name must not be taken by any other function. */
  public synchronized FunctionRegistry register(AggregateFunction function) {
    String key = function.name().toUpperCase(Locale.ROOT);
    if (functions.containsKey(key) || aggregates.containsKey(key)) {
      throw new IllegalArgumentException("a function called " + key + " already exists");
    }
    aggregates.put(key, function);
    return this;
  }

  private void add(String name, FunctionKind kind, Method method, String returns,
      String returnTypeOf, boolean strict, boolean deterministic, String description) {
    if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
        || !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      throw new IllegalArgumentException("a function must be a public static method of a public "
          + "class: " + method);
    }
    String key = name.toUpperCase(Locale.ROOT);
    if (aggregates.containsKey(key)) {
      throw new IllegalArgumentException(key + " is already an aggregate function");
    }
    Parameter[] javaParams = method.getParameters();
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < javaParams.length; i++) {
      Parameter p = javaParams[i];
      Sql sql = p.getAnnotation(Sql.class);
      Class<?> c = method.isVarArgs() && i == javaParams.length - 1
          ? p.getType().getComponentType() : p.getType();
      params.add(new Param(p.getName(),
          sql != null ? TypeTemplate.parse(sql.value()) : template(c, method)));
    }
    Method resolver = null;
    TypeTemplate ret;
    if (!returnTypeOf.isEmpty()) {
      resolver = returnTypeResolver(method.getDeclaringClass(), returnTypeOf);
      ret = null;
    } else if (!returns.isEmpty()) {
      ret = TypeTemplate.parse(returns);
    } else {
      ret = template(method.getReturnType(), method);
      if (!ret.isExact()) {
        throw new IllegalArgumentException("return type " + method.getReturnType().getSimpleName()
            + " needs returns or returnTypeOf: " + method);
      }
    }
    FunctionCategory cat = method.getAnnotation(FunctionCategory.class);
    if (cat == null) {
      cat = method.getDeclaringClass().getAnnotation(FunctionCategory.class);
    }
    String category = cat != null ? cat.value()
        : kind == FunctionKind.TABLE ? FunctionCategory.TABLE : FunctionCategory.OTHER;
    Signature sig = new Signature(key, kind, method, List.copyOf(params), method.isVarArgs(), ret,
        resolver, strict, deterministic, category, description);
    List<Signature> overloads = functions.computeIfAbsent(key, k -> new ArrayList<>());
    for (Signature other : overloads) {
      if (other.kind() != kind) {
        throw new IllegalArgumentException(key + " is already a " + other.kind() + " function");
      }
      if (other.params().stream().map(Param::type).toList()
          .equals(sig.params().stream().map(Param::type).toList())
          && other.varargs() == sig.varargs()) {
        throw new IllegalArgumentException("duplicate overload " + sig);
      }
    }
    overloads.add(sig);
  }

  private static Method returnTypeResolver(Class<?> holder, String name) {
    try {
      Method m = holder.getMethod(name, List.class);
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != SqlType.class) {
        throw new IllegalArgumentException("not a static SqlType " + name + "(List): " + m);
      }
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no public static " + name + "(List<SqlType>) in "
          + holder.getName(), e);
    }
  }

  private static TypeTemplate template(Class<?> c, Method m) {
    if (c == String.class) {
      return new TypeTemplate.Exact(SqlType.STRING);
    } else if (c == Integer.class || c == int.class) {
      return new TypeTemplate.Exact(SqlType.INTEGER);
    } else if (c == Long.class || c == long.class) {
      return new TypeTemplate.Exact(SqlType.BIGINT);
    } else if (c == Double.class || c == double.class) {
      return new TypeTemplate.Exact(SqlType.DOUBLE);
    } else if (c == Boolean.class || c == boolean.class) {
      return new TypeTemplate.Exact(SqlType.BOOLEAN);
    } else if (c == ByteString.class) {
      return new TypeTemplate.Exact(SqlType.BYTES);
    } else if (c == BigDecimal.class) {
      return new TypeTemplate.AnyOf(SqlBaseType.DECIMAL);
    } else if (c == Struct.class) {
      return new TypeTemplate.AnyOf(SqlBaseType.STRUCT);
    } else if (List.class.isAssignableFrom(c)) {
      return new TypeTemplate.AnyOf(SqlBaseType.ARRAY);
    } else if (Map.class.isAssignableFrom(c)) {
      return new TypeTemplate.AnyOf(SqlBaseType.MAP);
    }
    throw new IllegalArgumentException("no SQL type for Java type " + c.getName() + " in " + m
        + " (annotate the parameter with @Sql)");
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup

  /** Whether a function (scalar, table or aggregate) of this name exists. */
  public synchronized boolean contains(String name) {
    String key = name.toUpperCase(Locale.ROOT);
    return functions.containsKey(key) || aggregates.containsKey(key);
  }

  /** Whether {@code name} is an aggregate function. */
  public synchronized boolean isAggregate(String name) {
    return aggregates.containsKey(name.toUpperCase(Locale.ROOT));
  }

  /** The aggregate function called {@code name}, if there is one. */
  public synchronized java.util.Optional<AggregateFunction> aggregate(String name) {
    return java.util.Optional.ofNullable(aggregates.get(name.toUpperCase(Locale.ROOT)));
  }

  /**
   * Chooses the aggregate overload of {@code name} for these arguments (column arguments and
   * literals; a constant parameter such as TOPK's k needs a literal) and creates its {@link
   * io.sluice.engine.function.aggregate.Aggregate} with the session {@code properties} ({@code
   * ksql.functions.collect_list.limit}, ...). The operator evaluates the arguments at {@link
   * ResolvedAggregate#columnArguments()}, converted to {@link ResolvedAggregate#argumentTypes()},
   * per record; the state store keeps accumulators of {@link ResolvedAggregate#accumulatorType()}.
   * {@code COUNT(*)} is planned as {@code COUNT(ROWTIME)}.
   *
   * @throws FunctionResolutionException if no aggregate function has this name, no overload (or
   *     more than one equally good one) accepts the arguments, or a constant is invalid
   */
  public ResolvedAggregate resolveAggregate(String name, List<AggregateArgument> args,
      Map<String, ?> properties) {
    AggregateFunction f = aggregate(name).orElseThrow(() -> new FunctionResolutionException(
        contains(name) ? "Function " + name.toUpperCase(Locale.ROOT)
            + " is not an aggregate function"
            : "Can't find any functions with the name '" + name + "'"));
    return AggregateResolver.resolve(f, args, properties);
  }

  /** {@link #resolveAggregate(String, List, Map)} for column arguments only, no properties. */
  public ResolvedAggregate resolveAggregate(String name, List<SqlType> argTypes) {
    return resolveAggregate(name, argTypes.stream().map(AggregateArgument::column).toList(),
        Map.of());
  }

  /** Whether {@code name} is a table function. */
  public synchronized boolean isTableFunction(String name) {
    List<Signature> s = functions.get(name.toUpperCase(Locale.ROOT));
    return s != null && s.get(0).kind() == FunctionKind.TABLE;
  }

  /** The overloads of {@code name} (empty if unknown). */
  public synchronized List<Signature> signatures(String name) {
    return List.copyOf(functions.getOrDefault(name.toUpperCase(Locale.ROOT), List.of()));
  }

  /**
   * Chooses the scalar overload of {@code name} for arguments of these types ({@code null} for an
   * untyped NULL literal).
   *
   * @throws FunctionResolutionException if no scalar function has this name, or no overload or
   *     more than one equally good overload accepts the arguments
   */
  public Resolved resolve(String name, List<SqlType> argTypes) {
    return resolve(name, argTypes, FunctionKind.SCALAR);
  }

  /**
   * Chooses the table-function overload of {@code name}, as {@link #resolve}. The planner's
   * flat-map operator calls {@code signature().method()} (a static method) with the arguments
   * converted to {@code argumentTypes()} (a trailing varargs parameter gets them as an array):
   * each element of the returned {@code List} (null: none) is one output value of type {@code
   * returnType()}.
   */
  public Resolved resolveTableFunction(String name, List<SqlType> argTypes) {
    return resolve(name, argTypes, FunctionKind.TABLE);
  }

  private Resolved resolve(String name, List<SqlType> argTypes, FunctionKind kind) {
    String upper = name.toUpperCase(Locale.ROOT);
    List<Signature> overloads = signatures(upper);
    if (overloads.isEmpty() && isAggregate(upper)) {
      throw new FunctionResolutionException("Aggregate function " + upper
          + " can only be used in the SELECT or HAVING clause of an aggregation");
    }
    if (overloads.isEmpty()) {
      throw new FunctionResolutionException(
          "Can't find any functions with the name '" + name + "'");
    }
    if (overloads.get(0).kind() != kind) {
      throw new FunctionResolutionException(kind == FunctionKind.SCALAR
          ? "Table function " + upper + " can only be used in the SELECT clause of a query"
          : "Function " + upper + " is not a table function");
    }
    // ksqlDB: overloads that take the arguments as they are compete on cost (fewer generic
    // parameters, fixed arity); if every candidate needs implicit widening, exactly one may.
    List<Match> candidates = new ArrayList<>();
    for (Signature s : overloads) {
      Match m = match(s, argTypes);
      if (m != null) {
        candidates.add(m);
      }
    }
    Overloads.Choice<Match> choice = Overloads.choose(candidates);
    Match best = choice.best();
    String args = argTypes.stream().map(t -> t == null ? "NULL" : t.toString())
        .collect(Collectors.joining(", ", "(", ")"));
    if (best == null) {
      throw new FunctionResolutionException("Function '" + upper
          + "' does not accept parameters " + args + ". Valid alternatives are: "
          + overloads.stream().map(Signature::toString).collect(Collectors.joining("; ")));
    }
    if (choice.tie()) {
      throw new FunctionResolutionException("Function '" + upper
          + "' cannot be resolved due to ambiguous method parameters " + args);
    }
    Signature s = best.signature();
    List<SqlType> castTo = new ArrayList<>();
    for (int i = 0; i < argTypes.size(); i++) {
      TypeTemplate p = s.param(i).type();
      SqlType t = p.bind(best.bindings(), argTypes.get(i));
      castTo.add(t != null ? t : defaultFor(p, best.bindings()));
    }
    SqlType ret = s.returnTypeOf() != null ? invokeResolver(s, castTo)
        : s.returns().bind(best.bindings(), null);
    if (ret == null) {
      throw new FunctionResolutionException("Function '" + upper
          + "' cannot infer its result type from parameters " + args);
    }
    return new Resolved(s, List.copyOf(castTo), ret);
  }

  /**
   * An overload that accepts the arguments, its type-variable bindings, its cost and how many
   * arguments it widens.
   */
  private record Match(Signature signature, Map<String, SqlType> bindings, int cost,
      int widenings) implements Overloads.Candidate {}

  private static Match match(Signature s, List<SqlType> args) {
    int fixed = s.varargs() ? s.params().size() - 1 : s.params().size();
    if (args.size() < fixed || (!s.varargs() && args.size() != fixed)) {
      return null;
    }
    Overloads.Tally tally = new Overloads.Tally(s.varargs());
    for (int i = 0; i < args.size(); i++) {
      if (!tally.add(s.param(i).type(), args.get(i))) {
        return null;
      }
    }
    Map<String, SqlType> bindings = tally.bindings();
    if (bindings == null) {
      return null;
    }
    // Each argument of a type variable that is not already its common type is widened to it.
    for (Map.Entry<String, List<SqlType>> e : tally.found().entrySet()) {
      for (SqlType t : e.getValue()) {
        if (!t.equals(bindings.get(e.getKey()))) {
          tally.widened();
        }
      }
    }
    return new Match(s, bindings, tally.cost(), tally.widenings());
  }

  /** A concrete type for an untyped NULL passed to a parameter its overload leaves open. */
  private static SqlType defaultFor(TypeTemplate p, Map<String, SqlType> bindings) {
    if (p instanceof TypeTemplate.AnyOf a) {
      return switch (a.base()) {
        case DECIMAL -> SqlType.decimal(1, 0);
        case ARRAY -> SqlType.array(SqlType.STRING);
        case MAP -> SqlType.map(SqlType.STRING, SqlType.STRING);
        case STRUCT -> SqlType.struct().field("F", SqlType.STRING).build();
        default -> throw new IllegalStateException(a.base().toString());
      };
    } else if (p instanceof TypeTemplate.ArrayOf a) {
      return SqlType.array(defaultFor(a.element(), bindings));
    } else if (p instanceof TypeTemplate.MapOf m) {
      return SqlType.map(defaultFor(m.key(), bindings), defaultFor(m.value(), bindings));
    } else if (p instanceof TypeTemplate.Var v) {
      // A variable only NULLs meet: STRING, as ksqlDB types an untyped NULL it must type.
      return bindings.getOrDefault(v.name(), SqlType.STRING);
    }
    return ((TypeTemplate.Exact) p).type();
  }

  private static SqlType invokeResolver(Signature s, List<SqlType> argTypes) {
    try {
      return (SqlType) s.returnTypeOf().invoke(null, argTypes);
    } catch (InvocationTargetException e) {
      throw new FunctionResolutionException(Objects.toString(e.getCause().getMessage(),
          e.getCause().toString()));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // DESCRIBE FUNCTION, SHOW FUNCTIONS

  /**
   * {@code DESCRIBE FUNCTION name}: the overview is the first overload's description that is not
   * empty; variations are in registration order.
   *
   * @throws FunctionResolutionException if there is no such function
   */
  public FunctionDescription describe(String name) {
    java.util.Optional<AggregateFunction> agg = aggregate(name);
    if (agg.isPresent()) {
      return describeAggregate(agg.get());
    }
    List<Signature> overloads = signatures(name);
    if (overloads.isEmpty()) {
      throw new FunctionResolutionException(
          "Can't find any functions with the name '" + name + "'");
    }
    List<FunctionDescription.Variation> variations = new ArrayList<>();
    String overview = "";
    for (Signature s : overloads) {
      List<FunctionDescription.Param> ps = new ArrayList<>();
      for (int i = 0; i < s.params().size(); i++) {
        Param p = s.params().get(i);
        boolean va = s.varargs() && i == s.params().size() - 1;
        ps.add(new FunctionDescription.Param(p.name(), p.type() + (va ? "..." : "")));
      }
      String ret = s.returnTypeOf() != null ? returnTypeText(s) : s.returns().toString();
      variations.add(new FunctionDescription.Variation(List.copyOf(ps), ret, s.description()));
      if (overview.isEmpty()) {
        overview = s.description();
      }
    }
    Signature first = overloads.get(0);
    return new FunctionDescription(first.name(), first.kind(), first.category(), overview,
        List.copyOf(variations));
  }

  private static FunctionDescription describeAggregate(AggregateFunction f) {
    List<FunctionDescription.Variation> variations = new ArrayList<>();
    for (AggregateFunction.Overload o : f.overloads()) {
      List<FunctionDescription.Param> ps = o.params().stream()
          .map(p -> new FunctionDescription.Param(p.name(), p.typeText())).toList();
      variations.add(new FunctionDescription.Variation(ps, o.returns(), o.description()));
    }
    return new FunctionDescription(f.name(), FunctionKind.AGGREGATE, FunctionCategory.AGGREGATE,
        f.description(), List.copyOf(variations));
  }

  /** A computed result type's display: the kind of the Java result (e.g. DECIMAL). */
  private static String returnTypeText(Signature s) {
    try {
      return template(s.method().getReturnType(), s.method()).toString();
    } catch (IllegalArgumentException e) {
      return "ANY";
    }
  }

  /** {@code SHOW FUNCTIONS}: every function, by name. */
  public synchronized List<FunctionDescription.Summary> list() {
    List<FunctionDescription.Summary> out = new ArrayList<>();
    functions.values().forEach(l -> out.add(new FunctionDescription.Summary(l.get(0).name(),
        l.get(0).kind(), l.get(0).category())));
    aggregates.values().forEach(f -> out.add(new FunctionDescription.Summary(f.name(),
        FunctionKind.AGGREGATE, FunctionCategory.AGGREGATE)));
    out.sort(java.util.Comparator.comparing(FunctionDescription.Summary::name));
    return List.copyOf(out);
  }

  @Override
  public synchronized String toString() {
    return functions.values().stream().flatMap(List::stream).map(Objects::toString)
        .collect(Collectors.joining("\n"));
  }
}
