package io.sluice.engine.function;

import io.sluice.engine.types.SqlType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The costs and the choice that scalar, table and aggregate overload resolution share, after
 * ksqlDB: an overload that takes the arguments as they are costs 1 per generic parameter and
 * {@link #VARIADIC} if variadic; each implicit widening adds {@link #WIDENING} or more, so that
 * widening dominates. The cheapest overload wins; an equal cost is a tie; and if the winner
 * widens, it must be the only candidate that does. Public for the aggregate package only.
 */
public final class Overloads {

  /** The least a widened argument costs. */
  public static final int WIDENING = 100;
  /** What a variadic overload costs, whatever its arguments. */
  public static final int VARIADIC = 10000;
  /** What an argument bound to a generic parameter costs. */
  public static final int GENERIC = 1;

  private Overloads() {}

  /**
   * What passing {@code arg} to a parameter of exactly {@code param} costs: 0 for the same type,
   * -1 when it cannot be implicitly cast, else {@link #WIDENING} times one more than how many base
   * types it is widened across (INTEGER to BIGINT is cheaper than INTEGER to DOUBLE).
   */
  static int exactCost(SqlType param, SqlType arg) {
    if (param.equals(arg)) {
      return 0;
    }
    if (!SqlType.canImplicitlyCast(arg, param)) {
      return -1;
    }
    return WIDENING * (1 + Math.max(0, param.baseType().ordinal() - arg.baseType().ordinal()));
  }

  /**
   * Each type variable bound to the common type of the argument types it met, or null when some
   * variable's types have none.
   */
  static Map<String, SqlType> commonBindings(Map<String, List<SqlType>> found) {
    Map<String, SqlType> bindings = new HashMap<>();
    for (Map.Entry<String, List<SqlType>> e : found.entrySet()) {
      SqlType common = null;
      for (SqlType t : e.getValue()) {
        common = common == null ? t : SqlType.commonType(common, t).orElse(null);
        if (common == null) {
          return null;
        }
      }
      bindings.put(e.getKey(), common);
    }
    return bindings;
  }

  /**
   * One overload's running cost for a call, argument by argument, and the argument types its
   * type variables met. A resolver adds each argument, then {@link #bindings} and any
   * widening of its own (how a generic argument counts as widened differs between resolvers).
   */
  public static final class Tally {
    private final Map<String, List<SqlType>> found = new LinkedHashMap<>();
    private int cost;
    private int widenings;

    public Tally(boolean variadic) {
      this.cost = variadic ? VARIADIC : 0;
    }

    /**
     * Counts {@code arg} passed to {@code param}; false when the overload cannot take it. An
     * untyped NULL ({@code arg} null) is free; a parameter of any type ({@code param} null) or a
     * generic one costs {@link #GENERIC}, an exact one {@link #exactCost}.
     */
    public boolean add(TypeTemplate param, SqlType arg) {
      if (arg == null) {
        return true;
      }
      if (param instanceof TypeTemplate.Exact e) {
        int c = exactCost(e.type(), arg);
        if (c > 0) {
          cost += c;
          widenings++;
        }
        return c >= 0;
      }
      cost += GENERIC;
      return param == null || param.collect(arg, found);
    }

    /** The argument types each type variable met, in order. */
    public Map<String, List<SqlType>> found() {
      return found;
    }

    /** {@link #commonBindings} of what the type variables met; null when one has no common type. */
    public Map<String, SqlType> bindings() {
      return commonBindings(found);
    }

    /** Counts one more argument widened to a generic parameter's bound type. */
    public void widened() {
      cost += WIDENING;
      widenings++;
    }

    public int cost() {
      return cost;
    }

    public int widenings() {
      return widenings;
    }
  }

  /** A candidate overload as the choice sees it. */
  public interface Candidate {
    int cost();

    /** How many of its arguments it widens. */
    int widenings();
  }

  /** What {@link #choose} found: the best candidate (null: none) and whether it is ambiguous. */
  public record Choice<M extends Candidate>(M best, boolean tie) {}

  /**
   * The cheapest of the candidates that accept the arguments, the first of equal ones; a tie if
   * another costs as much, or if it widens and so does another candidate.
   */
  public static <M extends Candidate> Choice<M> choose(List<M> candidates) {
    M best = null;
    boolean tie = false;
    int widened = 0;
    for (M m : candidates) {
      if (m.widenings() > 0) {
        widened++;
      }
      if (best == null || m.cost() < best.cost()) {
        best = m;
        tie = false;
      } else if (m.cost() == best.cost()) {
        tie = true;
      }
    }
    if (best != null && best.widenings() > 0 && widened > 1) {
      tie = true;
    }
    return new Choice<>(best, tie);
  }
}
