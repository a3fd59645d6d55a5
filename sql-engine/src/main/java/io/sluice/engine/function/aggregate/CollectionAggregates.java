package io.sluice.engine.function.aggregate;

import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * COLLECT_LIST, COLLECT_SET, HISTOGRAM and ATTR: aggregates whose accumulator holds values.
 * Accumulators are new lists and maps on every change; the ones given are never modified.
 */
final class CollectionAggregates {

  /** ksqlDB's default for {@code ksql.functions.collect_list.limit} and collect_set's. */
  static final int DEFAULT_LIMIT = 1000;
  /** ksqlDB's fixed bound on HISTOGRAM's distinct values. */
  static final int HISTOGRAM_LIMIT = 1000;

  private CollectionAggregates() {}

  /**
   * COLLECT_LIST and COLLECT_SET: the accumulator, and the result, is an {@code ARRAY<x>} of at
   * most {@code limit} values, empty at first.
   */
  abstract static class BoundedList extends BaseAggregate {
    final int limit;

    BoundedList(SqlType element, int limit) {
      super(SqlType.array(element), SqlType.array(element));
      this.limit = limit;
    }

    @Override
    public final Object initialize() {
      return List.of();
    }

    /** A new list: {@code l} and then {@code value}; the caller has checked the limit. */
    static List<Object> appended(List<?> l, Object value) {
      List<Object> out = new ArrayList<>(l.size() + 1);
      out.addAll(l);
      out.add(value);
      return out;
    }

    @Override
    public final Object map(Object acc) {
      return acc;
    }
  }

  /**
   * COLLECT_LIST(x): every value in arrival order, nulls included, at most {@code limit} (later
   * values are dropped silently). Undo removes the last occurrence of the value.
   */
  static final class CollectList extends BoundedList {
    CollectList(SqlType element, int limit) {
      super(element, limit);
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      List<?> l = (List<?>) acc;
      return l.size() >= limit ? acc : appended(l, input);
    }

    @Override
    public boolean canUndo() {
      return true;
    }

    @Override
    public Object undo(Object input, Object acc) {
      List<Object> out = new ArrayList<>((List<?>) acc);
      int i = out.lastIndexOf(input);
      if (i >= 0) {
        out.remove(i);
      }
      return out;
    }

    @Override
    public Object merge(Object earlier, Object later) {
      List<Object> out = new ArrayList<>((List<?>) earlier);
      for (Object o : (List<?>) later) {
        if (out.size() >= limit) {
          break;
        }
        out.add(o);
      }
      return out;
    }
  }

  /**
   * COLLECT_SET(x): distinct values in order of first arrival, null counting as one value, at
   * most {@code limit}. No undo (as in ksqlDB): removing a value would need its count.
   */
  static final class CollectSet extends BoundedList {
    CollectSet(SqlType element, int limit) {
      super(element, limit);
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      List<?> l = (List<?>) acc;
      return l.size() >= limit || l.contains(input) ? acc : appended(l, input);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      Object acc = earlier;
      for (Object o : (List<?>) later) {
        acc = aggregate(o, acc, 0);
      }
      return acc;
    }
  }

  /**
   * HISTOGRAM(s): how often each non-null string occurred, in order of first arrival; at most
   * 1000 distinct strings (others are not counted). Undo decrements and drops a count of zero.
   */
  static final class Histogram extends SignedAggregate {
    Histogram() {
      super(SqlType.map(SqlType.STRING, SqlType.BIGINT),
          SqlType.map(SqlType.STRING, SqlType.BIGINT));
    }

    @Override
    public Object initialize() {
      return Map.of();
    }

    private static Object add(Object key, long n, Object acc) {
      Map<?, ?> m = (Map<?, ?>) acc;
      Long current = (Long) m.get(key);
      if (current == null && (n < 0 || m.size() >= HISTOGRAM_LIMIT)) {
        return acc;
      }
      Map<Object, Object> out = new LinkedHashMap<>(m);
      long next = (current == null ? 0 : current) + n;
      if (next <= 0) {
        out.remove(key);
      } else {
        out.put(key, next);
      }
      return out;
    }

    @Override
    Object fold(Object input, Object acc, int sign) {
      return input == null ? acc : add(input, sign, acc);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      Object acc = earlier;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) later).entrySet()) {
        acc = add(e.getKey(), (Long) e.getValue(), acc);
      }
      return acc;
    }

    @Override
    public Object map(Object acc) {
      return acc;
    }
  }

  /**
   * ATTR(x): the value if every input had the same one (null counting as a value), else null.
   * Accumulator {@code ARRAY<STRUCT<VALUE x, COUNT BIGINT>>}: each distinct value with its count,
   * so that undo works.
   */
  static final class Attr extends SignedAggregate {
    private final SqlStruct entry;

    Attr(SqlType type) {
      super(SqlType.array(entryType(type)), type);
      this.entry = entryType(type);
    }

    private static SqlStruct entryType(SqlType type) {
      return SqlType.struct().field("VALUE", type).field("COUNT", SqlType.BIGINT).build();
    }

    @Override
    public Object initialize() {
      return List.of();
    }

    private Object add(Object value, long n, Object acc) {
      List<?> l = (List<?>) acc;
      List<Object> out = new ArrayList<>(l.size() + 1);
      boolean found = false;
      for (Object o : l) {
        Struct s = (Struct) o;
        if (!found && Objects.equals(s.get(0), value)) {
          found = true;
          long next = (Long) s.get(1) + n;
          if (next > 0) {
            out.add(struct(entry, value, next));
          }
        } else {
          out.add(s);
        }
      }
      if (!found && n > 0) {
        out.add(struct(entry, value, n));
      }
      return out;
    }

    /** Null counts as a value here, so every input folds. */
    @Override
    Object fold(Object input, Object acc, int sign) {
      return add(input, sign, acc);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      Object acc = earlier;
      for (Object o : (List<?>) later) {
        Struct s = (Struct) o;
        acc = add(s.get(0), (Long) s.get(1), acc);
      }
      return acc;
    }

    @Override
    public Object map(Object acc) {
      List<?> l = (List<?>) acc;
      return l.size() == 1 ? ((Struct) l.get(0)).get(0) : null;
    }
  }
}
