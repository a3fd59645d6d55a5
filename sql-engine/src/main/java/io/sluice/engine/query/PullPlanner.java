package io.sluice.engine.query;

import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.catalog.WindowInfo;
import io.sluice.engine.exec.KeyRange;
import io.sluice.engine.exec.OrderedKeys;
import io.sluice.engine.plan.ExpressionContext;
import io.sluice.engine.types.SqlBaseType;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ast.AliasedSource;
import io.sluice.grammar.ast.Between;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.Comparison;
import io.sluice.grammar.ast.Expression;
import io.sluice.grammar.ast.InList;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.LogicalBinary;
import io.sluice.grammar.ast.StringLiteral;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses how a pull query reads its table: which {@link KeyRange}s hold every row its WHERE
 * can accept. The WHERE's conjuncts on key columns ({@code =}, {@code IN}, {@code <},
 * {@code <=}, {@code >}, {@code >=}, {@code BETWEEN}, a literal on either side) become
 * <ul>
 *   <li>a KEY LOOKUP when every key column is equal to one or a few values (a windowed table:
 *       the key's windows, narrowed by bounds on WINDOWSTART and WINDOWEND),</li>
 *   <li>a KEY RANGE when the first key columns are equal to values and the next is bounded (or
 *       not: a prefix of a multi-column key),</li>
 *   <li>a TABLE SCAN otherwise.</li>
 * </ul>
 * A WHERE that is an OR of lookups (not windowed) reads the union of their keys.
 * The ranges may hold more rows than the WHERE accepts (other conjuncts, values that do not
 * convert exactly to the key's type, -0.0 and 0.0): the whole WHERE is applied to every row
 * read, so the result is the same as a scan's. Thread-safe (stateless).
 */
final class PullPlanner {

  /** At most this many keys or ranges from combining IN lists; beyond, a shorter prefix. */
  static final int MAX_RANGES = 1_000;

  /**
   * How a pull query reads its table.
   *
   * @param exact whether the ranges hold exactly the rows the WHERE accepts (every conjunct is
   *     a key column equal to, or IN, values of its type, which the state compares exactly), so
   *     the WHERE need not run
   */
  record Access(String kind, String description, List<KeyRange> ranges, boolean exact) {

    String explain() {
      return description.isEmpty() ? kind : kind + " " + description;
    }
  }

  private final ExpressionContext expressions;

  PullPlanner(ExpressionContext expressions) {
    this.expressions = expressions;
  }

  /** What is known of one column from the WHERE: values it equals, or bounds. */
  private static final class Constraint {
    Set<Object> equal;
    Object lower;
    boolean lowerInclusive;
    Object upper;
    boolean upperInclusive;

    void equal(List<Object> values) {
      Set<Object> set = new LinkedHashSet<>(values);
      if (equal == null) {
        equal = set;
      } else {
        equal.retainAll(set);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void lower(Object value, boolean inclusive) {
      int c = lower == null ? 1 : ((Comparable) value).compareTo(lower);
      if (c > 0 || c == 0 && !inclusive) {
        lower = value;
        lowerInclusive = inclusive;
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void upper(Object value, boolean inclusive) {
      int c = upper == null ? -1 : ((Comparable) value).compareTo(upper);
      if (c < 0 || c == 0 && !inclusive) {
        upper = value;
        upperInclusive = inclusive;
      }
    }

    boolean bounded() {
      return lower != null || upper != null;
    }
  }

  /**
   * @param keys the encoding of the table's keys in its state, or null (then a scan)
   */
  Access plan(Optional<Expression> where, AliasedSource from, Source table, OrderedKeys keys) {
    if (keys == null || where.isEmpty() || table.keyColumns().isEmpty()) {
      return scan();
    }
    List<Expression> disjuncts = new ArrayList<>();
    flatten(where.get(), LogicalBinary.Op.OR, disjuncts);
    if (disjuncts.size() == 1) {
      return plan(where.get(), from, table, keys);
    }
    // a OR b: the union of their lookups, when each is one (each key read once)
    java.util.TreeMap<byte[], KeyRange> points = new java.util.TreeMap<>(Arrays::compareUnsigned);
    List<String> parts = new ArrayList<>();
    for (Expression d : disjuncts) {
      Access a = plan(d, from, table, keys);
      if (!a.kind().equals("KEY LOOKUP") || table.isWindowed()) {
        return scan();
      }
      a.ranges().forEach(r -> points.put(((KeyRange.Point) r).key(), r));
      parts.add(a.description());
    }
    return new Access("KEY LOOKUP", String.join(" OR ", parts), List.copyOf(points.values()),
        false);
  }

  /** The access for a WHERE without OR at its top. */
  private Access plan(Expression where, AliasedSource from, Source table, OrderedKeys keys) {
    List<SourceColumn> keyColumns = table.keyColumns();
    List<String> names = new ArrayList<>();
    List<SqlType> types = new ArrayList<>();
    keyColumns.forEach(c -> {
      names.add(c.name());
      types.add(c.type());
    });
    boolean windowed = table.isWindowed();
    if (windowed) {
      names.add(Source.WINDOWSTART.name());
      names.add(Source.WINDOWEND.name());
      types.add(SqlType.BIGINT);
      types.add(SqlType.BIGINT);
    }
    Constraint[] constraints = new Constraint[names.size()];
    for (int i = 0; i < constraints.length; i++) {
      constraints[i] = new Constraint();
    }
    List<Expression> conjuncts = new ArrayList<>();
    flatten(where, LogicalBinary.Op.AND, conjuncts);
    boolean exact = true;
    for (Expression e : conjuncts) {
      exact &= constrain(e, from, names, types, constraints);
    }
    int n = keyColumns.size();
    List<Object[]> prefixes = new ArrayList<>();
    prefixes.add(new Object[n]);
    List<String> used = new ArrayList<>();
    int column = 0;
    for (; column < n; column++) {
      Constraint c = constraints[column];
      if (c.equal == null) {
        break;
      }
      List<Object> values = equalValues(c.equal, types.get(column));
      if ((long) prefixes.size() * Math.max(1, values.size()) > MAX_RANGES) {
        break;
      }
      List<Object[]> next = new ArrayList<>();
      for (Object[] prefix : prefixes) {
        for (Object v : values) {
          Object[] p = prefix.clone();
          p[column] = v;
          next.add(p);
        }
      }
      prefixes = next;
      used.add(describeEqual(names.get(column), c.equal));
    }
    final int equalColumns = column;
    prefixes.sort(Comparator.comparing(p -> keys.encode(p, equalColumns), Arrays::compareUnsigned));
    List<KeyRange> ranges = new ArrayList<>();
    if (equalColumns == n) {
      for (Object[] key : prefixes) {
        ranges.addAll(windowed ? windows(keys.encode(key), constraints[n], constraints[n + 1],
            table.window().orElseThrow()) : List.of(new KeyRange.Point(keys.encode(key))));
      }
      if (windowed) {
        describeWindow(names, constraints, n, used);
      }
      return new Access("KEY LOOKUP", "(" + String.join(", ", used) + ")", ranges,
          exact && !windowed);
    }
    Constraint c = constraints[equalColumns];
    boolean bounded = c.bounded() && keys.ordered(equalColumns);
    if (equalColumns == 0 && !bounded) {
      return scan();
    }
    for (Object[] prefix : prefixes) {
      byte[] common = keys.encode(prefix, equalColumns);
      byte[] lowest = common;
      byte[] highest = OrderedKeys.prefixEnd(common);
      if (bounded) {
        Object[] at = prefix.clone();
        if (c.lower != null) {
          boolean zero = isZero(c.lower);
          at[equalColumns] = zero ? -0.0d : c.lower;
          byte[] b = keys.encode(at, equalColumns + 1);
          lowest = zero || c.lowerInclusive ? b : OrderedKeys.prefixEnd(b);
        }
        if (c.upper != null) {
          boolean zero = isZero(c.upper);
          at[equalColumns] = zero ? 0.0d : c.upper;
          byte[] b = keys.encode(at, equalColumns + 1);
          highest = zero || c.upperInclusive ? OrderedKeys.prefixEnd(b) : b;
        }
      }
      ranges.add(new KeyRange.Between(lowest.length == 0 ? null : lowest, highest));
    }
    if (bounded) {
      used.add(describeBounds(names.get(equalColumns), c));
    }
    return new Access("KEY RANGE", "(" + String.join(", ", used) + ")", ranges, false);
  }

  private static Access scan() {
    return new Access("TABLE SCAN", "", io.sluice.engine.exec.MaterializedTable.all(), false);
  }

  /** The equal values to look up: a DOUBLE zero (kept as 0.0) is 0.0 and -0.0 in the state. */
  private static List<Object> equalValues(Set<Object> equal, SqlType type) {
    List<Object> out = new ArrayList<>(equal);
    if (type.baseType() == SqlBaseType.DOUBLE && equal.contains(0.0d)) {
      out.add(-0.0d);
    }
    return out;
  }

  private static boolean isZero(Object v) {
    return v instanceof Double d && d == 0.0;
  }

  /** The window ranges of one key, from the bounds on WINDOWSTART and WINDOWEND. */
  private static List<KeyRange> windows(byte[] key, Constraint start, Constraint end,
      WindowInfo window) {
    long size = window.size().map(java.time.Duration::toMillis).orElse(-1L);
    Constraint s = new Constraint();
    if (start.equal != null) {
      s.equal(new ArrayList<>(start.equal));
    }
    copyBounds(start, s, 0);
    if (size >= 0) {
      // time windows: end = start + size
      if (end.equal != null) {
        s.equal(end.equal.stream().map(v -> (Object) ((Long) v - size)).toList());
      }
      copyBounds(end, s, size);
    } else if (end.equal != null) {
      // session windows: start <= end
      s.upper(end.equal.stream().mapToLong(v -> (Long) v).max().orElse(Long.MIN_VALUE), true);
    } else if (end.upper != null) {
      s.upper(end.upper, end.upperInclusive);
    }
    long min = s.lower == null ? Long.MIN_VALUE
        : (Long) s.lower + (s.lowerInclusive || (Long) s.lower == Long.MAX_VALUE ? 0 : 1);
    long max = s.upper == null ? Long.MAX_VALUE
        : (Long) s.upper - (s.upperInclusive || (Long) s.upper == Long.MIN_VALUE ? 0 : 1);
    if (s.equal != null) {
      List<KeyRange> out = new ArrayList<>();
      s.equal.stream().map(v -> (Long) v).filter(v -> v >= min && v <= max).sorted().distinct()
          .forEach(v -> out.add(new KeyRange.Windows(key, v, v)));
      return out;
    }
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      return List.of(new KeyRange.Point(key));
    }
    return List.of(new KeyRange.Windows(key, min, max));
  }

  private static void copyBounds(Constraint from, Constraint to, long minus) {
    if (from.lower != null && (Long) from.lower > Long.MIN_VALUE + minus) {
      to.lower((Long) from.lower - minus, from.lowerInclusive);
    }
    if (from.upper != null && (Long) from.upper > Long.MIN_VALUE + minus) {
      to.upper((Long) from.upper - minus, from.upperInclusive);
    }
  }

  /** The operands of {@code e}'s top-level chain of {@code op}. */
  private static void flatten(Expression e, LogicalBinary.Op op, List<Expression> out) {
    if (e instanceof LogicalBinary b && b.op() == op) {
      flatten(b.left(), op, out);
      flatten(b.right(), op, out);
    } else {
      out.add(e);
    }
  }

  /**
   * Adds what a conjunct says about a key or window column, if anything; returns whether the
   * conjunct is exactly an equality of a key column (so the lookup alone applies it).
   */
  private boolean constrain(Expression e, AliasedSource from, List<String> names,
      List<SqlType> types, Constraint[] constraints) {
    if (e instanceof Comparison c) {
      Comparison.Op op = c.op();
      Expression column = c.left();
      Expression value = c.right();
      if (!(column instanceof ColumnRef)) {
        column = c.right();
        value = c.left();
        op = flip(op);
      }
      int i = columnIndex(column, from, names);
      Object v = i < 0 ? null : value(value, types.get(i));
      if (v == null) {
        return false;
      }
      Constraint k = constraints[i];
      switch (op) {
        case EQUAL -> {
          k.equal(List.of(v));
          return exactEquality(types.get(i));
        }
        case LESS_THAN -> upper(k, v, false, types.get(i));
        case LESS_THAN_OR_EQUAL -> upper(k, v, true, types.get(i));
        case GREATER_THAN -> lower(k, v, false, types.get(i));
        case GREATER_THAN_OR_EQUAL -> lower(k, v, true, types.get(i));
        default -> { }
      }
    } else if (e instanceof Between b && !b.negated()) {
      int i = columnIndex(b.value(), from, names);
      if (i < 0) {
        return false;
      }
      Object lo = value(b.lower(), types.get(i));
      Object hi = value(b.upper(), types.get(i));
      if (lo != null) {
        lower(constraints[i], lo, true, types.get(i));
      }
      if (hi != null) {
        upper(constraints[i], hi, true, types.get(i));
      }
    } else if (e instanceof InList in && !in.negated()) {
      int i = columnIndex(in.value(), from, names);
      if (i < 0) {
        return false;
      }
      List<Object> values = new ArrayList<>();
      for (Expression item : in.list()) {
        if (item instanceof io.sluice.grammar.ast.NullLiteral) {
          continue; // equal to nothing
        }
        Object v = value(item, types.get(i));
        if (v == null) {
          return false; // not exactly a key value: no narrowing from this IN
        }
        values.add(v);
      }
      constraints[i].equal(values);
      return exactEquality(types.get(i));
    }
    return false;
  }

  /**
   * Whether equal state keys mean SQL-equal values of this type and back (DOUBLE has two zeros,
   * the types converted from strings are left to the WHERE).
   */
  private static boolean exactEquality(SqlType type) {
    return switch (type.baseType()) {
      case INTEGER, BIGINT, STRING, BOOLEAN -> true;
      default -> false;
    };
  }

  private static void lower(Constraint c, Object v, boolean inclusive, SqlType type) {
    if (OrderedKeys.ordered(type)) {
      c.lower(v, inclusive);
    }
  }

  private static void upper(Constraint c, Object v, boolean inclusive, SqlType type) {
    if (OrderedKeys.ordered(type)) {
      c.upper(v, inclusive);
    }
  }

  private static Comparison.Op flip(Comparison.Op op) {
    return switch (op) {
      case LESS_THAN -> Comparison.Op.GREATER_THAN;
      case LESS_THAN_OR_EQUAL -> Comparison.Op.GREATER_THAN_OR_EQUAL;
      case GREATER_THAN -> Comparison.Op.LESS_THAN;
      case GREATER_THAN_OR_EQUAL -> Comparison.Op.LESS_THAN_OR_EQUAL;
      default -> op;
    };
  }

  /** The index in {@code names} of the column {@code e} refers to, or -1. */
  private static int columnIndex(Expression e, AliasedSource from, List<String> names) {
    if (!(e instanceof ColumnRef ref)) {
      return -1;
    }
    if (ref.source().isPresent()
        && !ref.source().get().value().equals(from.effectiveAlias().value())) {
      return -1;
    }
    return names.indexOf(ref.name().value());
  }

  /**
   * The value of a literal as a value of the key's type when the conversion is exact (so that
   * the WHERE compares the key with exactly that value), else null.
   */
  private Object value(Expression e, SqlType type) {
    if (!(e instanceof Literal literal)) {
      return null;
    }
    Object v = literal.asObject();
    if (v == null) {
      return null;
    }
    switch (type.baseType()) {
      case INTEGER:
        if (v instanceof Integer) {
          return v;
        }
        return v instanceof Long l && l == l.intValue() ? l.intValue() : null;
      case BIGINT:
        return v instanceof Integer i ? Long.valueOf(i) : v instanceof Long ? v : null;
      case DOUBLE:
        if (!(v instanceof Number num) || v instanceof java.math.BigDecimal d
            && d.compareTo(new java.math.BigDecimal(d.doubleValue())) != 0) {
          return null;
        }
        double d = num.doubleValue();
        return d == 0.0 ? 0.0d : d; // one zero: -0.0 = 0.0 in SQL
      case STRING:
        return v instanceof String ? v : null;
      case BOOLEAN:
        return v instanceof Boolean ? v : null;
      case DATE, TIME, TIMESTAMP:
        if (!(literal instanceof StringLiteral)) {
          return null;
        }
        break;
      default:
        break;
    }
    try {
      return expressions.constants(List.of(e), List.of(type), List.of("key"))[0];
    } catch (RuntimeException ex) {
      return null; // not convertible: the WHERE decides
    }
  }

  private static String describeEqual(String name, Set<Object> values) {
    if (values.size() == 1) {
      return name + " = " + literal(values.iterator().next());
    }
    return name + " IN (" + values.stream().map(PullPlanner::literal)
        .collect(Collectors.joining(", ")) + ")";
  }

  private static String describeBounds(String name, Constraint c) {
    List<String> parts = new ArrayList<>();
    if (c.lower != null) {
      parts.add(name + (c.lowerInclusive ? " >= " : " > ") + literal(c.lower));
    }
    if (c.upper != null) {
      parts.add(name + (c.upperInclusive ? " <= " : " < ") + literal(c.upper));
    }
    return String.join(" AND ", parts);
  }

  private static void describeWindow(List<String> names, Constraint[] constraints, int n,
      List<String> used) {
    for (int w = n; w < n + 2; w++) {
      Constraint c = constraints[w];
      if (c.equal != null) {
        used.add(describeEqual(names.get(w), c.equal));
      }
      if (c.bounded()) {
        used.add(describeBounds(names.get(w), c));
      }
    }
  }

  private static String literal(Object v) {
    return v instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(v);
  }
}
