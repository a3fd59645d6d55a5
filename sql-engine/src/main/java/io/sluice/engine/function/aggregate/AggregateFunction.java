package io.sluice.engine.function.aggregate;

import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.function.TypeTemplate;
import io.sluice.engine.types.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An aggregate function: its name, overview and overloads. Each overload declares its parameters
 * (column arguments and constant parameters) and creates the {@link Aggregate} for the argument
 * types and constant values a call resolves to ({@link AggregateResolver}).
 *
 * @param undoable whether its aggregates support {@link Aggregate#undo}: ksqlDB allows only such
 *     functions in aggregations over a TABLE
 */
public record AggregateFunction(String name, String description, boolean undoable,
    List<Overload> overloads) {

  public AggregateFunction {
    overloads = List.copyOf(overloads);
    if (overloads.isEmpty()) {
      throw new IllegalArgumentException("no overloads for " + name);
    }
  }

  /**
   * A parameter. {@code type} null accepts any type as it is (no type variable binding: TOPK's
   * extra columns). A {@code constant} parameter takes a literal, bound at resolution (TOPK's k,
   * the BY_OFFSET functions' N and ignoreNulls). A {@code variadic} parameter stands for zero or
   * more arguments (at most one per overload).
   */
  public record Param(String name, TypeTemplate type, boolean constant, boolean variadic) {

    /** A column argument of the template's type ({@link TypeTemplate} text form). */
    public static Param of(String name, String template) {
      return new Param(name, TypeTemplate.parse(template), false, false);
    }

    /** A constant parameter of an exact type (a literal in the call). */
    public static Param constant(String name, String template) {
      return new Param(name, TypeTemplate.parse(template), true, false);
    }

    /** Zero or more column arguments of any types. */
    public static Param anyVariadic(String name) {
      return new Param(name, null, false, true);
    }

    /** The type as DESCRIBE FUNCTION shows it. */
    public String typeText() {
      return (type == null ? "ANY" : type.toString()) + (variadic ? "..." : "");
    }
  }

  /**
   * One overload: its parameters, its result type as DESCRIBE FUNCTION shows it, what it does,
   * and the factory of its aggregates.
   */
  public record Overload(List<Param> params, String returns, String description,
      Factory factory) {
    public Overload {
      params = List.copyOf(params);
      if (params.stream().filter(Param::variadic).count() > 1) {
        throw new IllegalArgumentException("more than one variadic parameter");
      }
    }

    @Override
    public String toString() {
      return params.stream().map(Param::typeText).collect(Collectors.joining(", ", "(", ")"))
          + " -> " + returns;
    }
  }

  /** Creates the aggregate of an overload for a resolved call. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @throws FunctionResolutionException if the constants are out of range or the argument
     *     types are not supported
     */
    Aggregate create(Binding binding);
  }

  /**
   * A resolved call as an overload's factory sees it: the type of every argument (after
   * conversion), the value of every constant argument (null at column arguments) and the session
   * properties ({@code ksql.functions.collect_list.limit}, ...).
   */
  public record Binding(String function, List<SqlType> argumentTypes, List<Object> constants,
      Map<String, ?> properties) {

    /** The type of argument {@code i}. */
    public SqlType type(int i) {
      return argumentTypes.get(i);
    }

    /** Constant argument {@code i} as an int. */
    public int intConstant(int i) {
      Object v = constants.get(i);
      if (!(v instanceof Number n)) {
        throw new FunctionResolutionException("Function '" + function + "': parameter " + (i + 1)
            + " must be an INTEGER literal, got " + v);
      }
      return n.intValue();
    }

    /** Constant argument {@code i} as a boolean. */
    public boolean booleanConstant(int i) {
      Object v = constants.get(i);
      if (!(v instanceof Boolean b)) {
        throw new FunctionResolutionException("Function '" + function + "': parameter " + (i + 1)
            + " must be a BOOLEAN literal, got " + v);
      }
      return b;
    }

    /** An integer session property, or {@code dflt} when unset (a string is parsed). */
    public int intProperty(String key, int dflt) {
      Object v = properties.get(key);
      if (v == null) {
        return dflt;
      }
      try {
        return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new FunctionResolutionException("Invalid value for " + key + ": " + v);
      }
    }
  }

  /**
   * ksqlDB's error for a table aggregation using functions that cannot undo, e.g. "The
   * aggregation functions LATEST_BY_OFFSET, MIN and MAX cannot be applied to a table source, only
   * to a stream source."
   */
  public static String tableSourceError(List<String> functionNames) {
    String names;
    if (functionNames.size() == 1) {
      names = "function " + functionNames.get(0);
    } else {
      List<String> head = functionNames.subList(0, functionNames.size() - 1);
      names = "functions " + String.join(", ", head) + " and "
          + functionNames.get(functionNames.size() - 1);
    }
    return "The aggregation " + names + " cannot be applied to a table source, only to a stream "
        + "source.";
  }

  /** Shorthand for an overload's parameter list. */
  static List<Param> params(Param... ps) {
    return Arrays.asList(ps);
  }
}
