package io.sluice.engine.function.aggregate;

import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * MIN, MAX, TOPK and TOPKDISTINCT: aggregates over the order of numbers, strings, bytes and
 * temporal values. All skip null inputs (TOPK: a null sort value) and, as in ksqlDB, none can undo:
 * a retracted extreme could only be replaced by keeping every value.
 */
final class OrderedAggregates {

  private OrderedAggregates() {}

  /**
   * Orders two non-null values of one type in the runtime representation: numbers and temporal
   * values numerically, strings by UTF-16 code units (Java's order, as ksqlDB), BYTES
   * lexicographically by signed byte (as the {@code ByteBuffer} comparison ksqlDB uses).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof ByteString x && b instanceof ByteString y) {
      int n = Math.min(x.length(), y.length());
      for (int i = 0; i < n; i++) {
        int c = Byte.compare(x.byteAt(i), y.byteAt(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length(), y.length());
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y);
    }
    return ((Comparable) a).compareTo(b);
  }

  /** MIN(x) or MAX(x), in x's type; null until the first non-null value. */
  static final class Extreme extends BaseAggregate {
    private final int sign;

    Extreme(SqlType type, boolean max) {
      super(type, type);
      this.sign = max ? 1 : -1;
    }

    @Override
    public Object initialize() {
      return null;
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      return merge(acc, input);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      if (earlier == null) {
        return later;
      } else if (later == null) {
        return earlier;
      }
      return sign * compare(later, earlier) > 0 ? later : earlier;
    }

    @Override
    public Object map(Object acc) {
      return acc;
    }
  }

  /**
   * TOPK(x, k) and TOPKDISTINCT(x, k): the k greatest values, greatest first; TOPK(x, c0, ...,
   * k) returns {@code ARRAY<STRUCT<sort_col, col0, ...>>} ordered by sort_col, the other
   * columns' values of the same record alongside. Equal sort values keep arrival order. The
   * accumulator is the result list.
   */
  static final class TopK extends BaseAggregate {
    private final int k;
    private final boolean distinct;
    private final SqlStruct row;

    /**
     * @param row null for the plain form, else the struct type of one element (sort_col first)
     */
    TopK(SqlType sortType, SqlStruct row, int k, boolean distinct) {
      super(SqlType.array(row == null ? sortType : row), SqlType.array(row == null ? sortType
          : row));
      if (k < 1) {
        throw new FunctionResolutionException("TOPK's k must be at least 1, got " + k);
      }
      this.k = k;
      this.distinct = distinct;
      this.row = row;
    }

    /** The element type of {@code TOPK(x, c0, ...)}: {@code STRUCT<sort_col x, col0 c0, ...>}. */
    static SqlStruct rowType(List<SqlType> columns) {
      SqlStruct.Builder b = SqlType.struct().field("sort_col", columns.get(0));
      for (int i = 1; i < columns.size(); i++) {
        b.field("col" + (i - 1), columns.get(i));
      }
      return b.build();
    }

    private Object sortKey(Object element) {
      return row == null ? element : ((Struct) element).get(0);
    }

    @Override
    public Object initialize() {
      return List.of();
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      Object element;
      if (row == null) {
        element = input;
      } else {
        element = input == null ? null : new Struct(row.fieldNames(), ((Object[]) input).clone());
      }
      if (element == null || sortKey(element) == null) {
        return acc;
      }
      return merge(acc, List.of(element));
    }

    @Override
    public Object merge(Object earlier, Object later) {
      List<?> a = (List<?>) earlier;
      List<?> b = (List<?>) later;
      List<Object> out = new ArrayList<>(Math.min(k, a.size() + b.size()));
      int i = 0;
      int j = 0;
      while (out.size() < k && (i < a.size() || j < b.size())) {
        Object next;
        if (j >= b.size() || (i < a.size() && compare(sortKey(a.get(i)), sortKey(b.get(j))) >= 0)) {
          next = a.get(i++);
        } else {
          next = b.get(j++);
        }
        if (distinct && !out.isEmpty()
            && compare(sortKey(out.get(out.size() - 1)), sortKey(next)) == 0) {
          continue;
        }
        out.add(next);
      }
      return out;
    }

    @Override
    public Object map(Object acc) {
      return acc;
    }
  }
}
