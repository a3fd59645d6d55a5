package io.sluice.engine.function.aggregate;

import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.function.Overloads;
import io.sluice.engine.function.TypeTemplate;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses an aggregate overload for a call, with the scalar functions' rules (see {@code
 * FunctionRegistry}): among overloads that take the argument types as they are, concrete
 * parameters win over generic ones and fixed arity over variadic; if every candidate needs
 * implicit widening, it must be the only one; a tie is an error. A constant parameter needs a
 * literal argument. The chosen overload's factory then creates the aggregate.
 */
public final class AggregateResolver {

  private AggregateResolver() {}

  private record Match(AggregateFunction.Overload overload, List<AggregateFunction.Param> params,
      Map<String, SqlType> bindings, int cost, int widenings) implements Overloads.Candidate {}

  /**
   * Resolves {@code function} for these arguments.
   *
   * @throws FunctionResolutionException if no overload or several equally good ones accept them,
   *     a constant parameter is not given a literal, or a constant is out of range
   */
  public static ResolvedAggregate resolve(AggregateFunction function,
      List<AggregateArgument> args, Map<String, ?> properties) {
    String name = function.name();
    String argText = args.stream().map(a -> a.type() == null ? "NULL" : a.type().toString())
        .collect(Collectors.joining(", ", "(", ")"));
    List<Match> candidates = new ArrayList<>();
    String constantError = null;
    for (AggregateFunction.Overload o : function.overloads()) {
      List<AggregateFunction.Param> params = expand(o.params(), args.size());
      if (params == null) {
        continue;
      }
      Match m = match(o, params, args);
      if (m == null) {
        continue;
      }
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).constant() && !args.get(i).literal()) {
          constantError = "Function '" + name + "': parameter " + (i + 1) + " ("
              + params.get(i).name() + ") must be a literal";
          m = null;
          break;
        }
      }
      if (m != null) {
        candidates.add(m);
      }
    }
    Overloads.Choice<Match> choice = Overloads.choose(candidates);
    Match best = choice.best();
    if (best == null) {
      throw new FunctionResolutionException(constantError != null ? constantError
          : "Function '" + name + "' does not accept parameters " + argText
              + ". Valid alternatives are: " + function.overloads().stream()
                  .map(o -> name + o).collect(Collectors.joining("; ")));
    }
    if (choice.tie()) {
      throw new FunctionResolutionException("Function '" + name
          + "' cannot be resolved due to ambiguous method parameters " + argText);
    }
    List<SqlType> types = new ArrayList<>();
    List<Object> constants = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      AggregateFunction.Param p = best.params().get(i);
      SqlType actual = args.get(i).type();
      SqlType t = p.type() == null ? actual : p.type().bind(best.bindings(), actual);
      types.add(t != null ? t : SqlType.STRING);
      if (p.constant()) {
        constants.add(args.get(i).value());
      } else {
        constants.add(null);
        columns.add(i);
      }
    }
    AggregateFunction.Binding binding = new AggregateFunction.Binding(name,
        java.util.Collections.unmodifiableList(types),
        java.util.Collections.unmodifiableList(constants), properties);
    Aggregate aggregate = best.overload().factory().create(binding);
    return new ResolvedAggregate(function, best.overload(), List.copyOf(types),
        List.copyOf(columns), aggregate);
  }

  /** The overload's parameters stretched to {@code n} arguments, or null if it cannot take n. */
  private static List<AggregateFunction.Param> expand(List<AggregateFunction.Param> params,
      int n) {
    int variadic = -1;
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).variadic()) {
        variadic = i;
      }
    }
    if (variadic < 0) {
      return params.size() == n ? params : null;
    }
    int fixed = params.size() - 1;
    if (n < fixed) {
      return null;
    }
    List<AggregateFunction.Param> out = new ArrayList<>(params.subList(0, variadic));
    for (int i = 0; i < n - fixed; i++) {
      out.add(params.get(variadic));
    }
    out.addAll(params.subList(variadic + 1, params.size()));
    return out;
  }

  private static Match match(AggregateFunction.Overload o, List<AggregateFunction.Param> params,
      List<AggregateArgument> args) {
    boolean variadic = params.size() != o.params().size()
        || o.params().stream().anyMatch(AggregateFunction.Param::variadic);
    Overloads.Tally tally = new Overloads.Tally(variadic);
    for (int i = 0; i < args.size(); i++) {
      if (!tally.add(params.get(i).type(), args.get(i).type())) {
        return null;
      }
    }
    Map<String, SqlType> bindings = tally.bindings();
    if (bindings == null) {
      return null;
    }
    // A generic parameter converts an argument when its bound type differs: ARRAY<DOUBLE> takes
    // an ARRAY<BIGINT> only by widening, and must lose to ARRAY<BIGINT>.
    for (int i = 0; i < args.size(); i++) {
      SqlType a = args.get(i).type();
      TypeTemplate p = params.get(i).type();
      if (a != null && p != null && !(p instanceof TypeTemplate.Exact)
          && !a.equals(p.bind(bindings, a))) {
        tally.widened();
      }
    }
    return new Match(o, params, bindings, tally.cost(), tally.widenings());
  }
}
