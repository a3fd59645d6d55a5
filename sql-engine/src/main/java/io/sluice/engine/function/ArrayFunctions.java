package io.sluice.engine.function;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * ksqlDB's array functions, generic in the element type. A null array gives null (unless the
 * description says otherwise); null elements are values like any other (equal to each other);
 * results keep first-occurrence order.
 */
@FunctionCategory(FunctionCategory.ARRAY)
public final class ArrayFunctions {

  private ArrayFunctions() {}

  @Udf(name = "ARRAY_LENGTH", description = "The number of elements of array")
  public static Integer arrayLength(@Sql("ARRAY<T>") List<?> array) {
    return array == null ? null : array.size();
  }

  @Udf(name = "ARRAY_CONTAINS", description = "Whether array contains value (a null value: "
      + "whether it contains null); false for a null array")
  public static Boolean arrayContains(@Sql("ARRAY<T>") List<?> array, @Sql("T") Object value) {
    return array != null && array.contains(value);
  }

  @Udf(name = "ARRAY_DISTINCT", returns = "ARRAY<T>",
      description = "The distinct elements of array, in order of first occurrence")
  public static List<Object> arrayDistinct(@Sql("ARRAY<T>") List<?> array) {
    return array == null ? null : new ArrayList<>(new LinkedHashSet<>(array));
  }

  @Udf(name = "ARRAY_EXCEPT", returns = "ARRAY<T>",
      description = "The distinct elements of left not in right")
  public static List<Object> arrayExcept(@Sql("ARRAY<T>") List<?> left,
      @Sql("ARRAY<T>") List<?> right) {
    if (left == null || right == null) {
      return null;
    }
    Set<Object> out = new LinkedHashSet<>(left);
    out.removeAll(new LinkedHashSet<>(right));
    return new ArrayList<>(out);
  }

  @Udf(name = "ARRAY_INTERSECT", returns = "ARRAY<T>",
      description = "The distinct elements of left also in right")
  public static List<Object> arrayIntersect(@Sql("ARRAY<T>") List<?> left,
      @Sql("ARRAY<T>") List<?> right) {
    if (left == null || right == null) {
      return null;
    }
    Set<Object> out = new LinkedHashSet<>(left);
    out.retainAll(new LinkedHashSet<>(right));
    return new ArrayList<>(out);
  }

  @Udf(name = "ARRAY_UNION", returns = "ARRAY<T>",
      description = "The distinct elements of left, then of right")
  public static List<Object> arrayUnion(@Sql("ARRAY<T>") List<?> left,
      @Sql("ARRAY<T>") List<?> right) {
    if (left == null || right == null) {
      return null;
    }
    Set<Object> out = new LinkedHashSet<>(left);
    out.addAll(right);
    return new ArrayList<>(out);
  }

  @Udf(name = "ARRAY_CONCAT", returns = "ARRAY<T>",
      description = "The elements of left then right; a null array counts as empty unless both "
          + "are null")
  public static List<Object> arrayConcat(@Sql("ARRAY<T>") List<?> left,
      @Sql("ARRAY<T>") List<?> right) {
    if (left == null && right == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    if (left != null) {
      out.addAll(left);
    }
    if (right != null) {
      out.addAll(right);
    }
    return out;
  }

  @Udf(name = "ARRAY_REMOVE", returns = "ARRAY<T>",
      description = "array without the elements equal to victim (null: without nulls)")
  public static List<Object> arrayRemove(@Sql("ARRAY<T>") List<?> array,
      @Sql("T") Object victim) {
    if (array == null) {
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (Object o : array) {
      if (!Objects.equals(o, victim)) {
        out.add(o);
      }
    }
    return out;
  }

  @Udf(name = "ARRAY_JOIN", description = "The elements of array as text joined with ','")
  public static String arrayJoin(@Sql("ARRAY<T>") List<?> array) {
    return arrayJoin(array, ",");
  }

  @Udf(name = "ARRAY_JOIN", description = "The elements of array as text (null as 'null', "
      + "DECIMAL in plain notation) joined with delimiter (null: nothing)")
  public static String arrayJoin(@Sql("ARRAY<T>") List<?> array, String delimiter) {
    if (array == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < array.size(); i++) {
      if (i > 0 && delimiter != null) {
        sb.append(delimiter);
      }
      Object o = array.get(i);
      sb.append(o instanceof BigDecimal d ? d.toPlainString() : String.valueOf(o));
    }
    return sb.toString();
  }

  @Udf(name = "ARRAY_MAX", returns = "T",
      description = "The greatest element of array, nulls ignored; null if there is none")
  public static Object arrayMax(@Sql("ARRAY<T>") List<?> array) {
    return extreme(array, 1);
  }

  @Udf(name = "ARRAY_MIN", returns = "T",
      description = "The least element of array, nulls ignored; null if there is none")
  public static Object arrayMin(@Sql("ARRAY<T>") List<?> array) {
    return extreme(array, -1);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object extreme(List<?> array, int sign) {
    if (array == null) {
      return null;
    }
    Comparable best = null;
    for (Object o : array) {
      if (o != null && (best == null || Integer.signum(best.compareTo(o)) == -sign)) {
        best = (Comparable) o;
      }
    }
    return best;
  }

  @Udf(name = "ARRAY_SORT", returns = "ARRAY<T>",
      description = "The elements of array in ascending order, nulls last")
  public static List<Object> arraySort(@Sql("ARRAY<T>") List<?> array) {
    return arraySort(array, "ASC");
  }

  @Udf(name = "ARRAY_SORT", returns = "ARRAY<T>", description = "The elements of array in "
      + "direction order (ASC or DESC), nulls last; null for another direction")
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static List<Object> arraySort(@Sql("ARRAY<T>") List<?> array, String direction) {
    if (array == null || direction == null) {
      return null;
    }
    Comparator<Comparable> order;
    switch (direction.toUpperCase(Locale.ROOT)) {
      case "ASC" -> order = Comparator.naturalOrder();
      case "DESC" -> order = Comparator.reverseOrder();
      default -> {
        return null;
      }
    }
    List<Object> out = new ArrayList<>(array);
    out.sort((Comparator) Comparator.nullsLast(order));
    return out;
  }

  @Udf(name = "SLICE", returns = "ARRAY<T>", description = "The elements of array from the "
      + "1-based position start to end, both included, clamped to the array")
  public static List<Object> slice(@Sql("ARRAY<T>") List<?> array, Integer start, Integer end) {
    if (array == null) {
      return null;
    }
    int from = start == null ? 0 : Math.max(start - 1, 0);
    int to = end == null ? array.size() : Math.min(end, array.size());
    if (from >= to) {
      return Collections.emptyList();
    }
    return new ArrayList<>(array.subList(from, to));
  }

  // ---------------------------------------------------------------------------------------------
  // GENERATE_SERIES: ksqlDB's is a scalar function returning an array (EXPLODE it for rows)

  @Udf(name = "GENERATE_SERIES", strict = true, returns = "ARRAY<INT>",
      description = "The integers from start to end inclusive, step 1 or -1 towards end")
  public static List<Integer> generateSeries(Integer start, Integer end) {
    return generateSeries(start, end, end >= start ? 1 : -1);
  }

  @Udf(name = "GENERATE_SERIES", strict = true, returns = "ARRAY<INT>",
      description = "The integers from start towards end inclusive by step; an error if step is "
          + "zero or points away from end")
  public static List<Integer> generateSeries(Integer start, Integer end, Integer step) {
    List<Integer> out = new ArrayList<>();
    for (long v : series(start, end, step)) {
      out.add((int) v);
    }
    return out;
  }

  @Udf(name = "GENERATE_SERIES", strict = true, returns = "ARRAY<BIGINT>",
      description = "The integers from start to end inclusive, step 1 or -1 towards end")
  public static List<Long> generateSeries(Long start, Long end) {
    return generateSeries(start, end, end >= start ? 1L : -1L);
  }

  @Udf(name = "GENERATE_SERIES", strict = true, returns = "ARRAY<BIGINT>",
      description = "The integers from start towards end inclusive by step")
  public static List<Long> generateSeries(Long start, Long end, Long step) {
    List<Long> out = new ArrayList<>();
    for (long v : series(start, end, step)) {
      out.add(v);
    }
    return out;
  }

  private static long[] series(long start, long end, long step) {
    if (step == 0) {
      throw new IllegalArgumentException("GENERATE_SERIES step cannot be zero");
    }
    if ((end - start) * Long.signum(step) < 0) {
      throw new IllegalArgumentException("GENERATE_SERIES step has the wrong sign");
    }
    long count = (end - start) / step + 1;
    if (count > 10_000_000) {
      throw new IllegalArgumentException("GENERATE_SERIES of more than 10,000,000 values");
    }
    long[] out = new long[(int) count];
    for (int i = 0; i < count; i++) {
      out[i] = start + i * step;
    }
    return out;
  }
}
