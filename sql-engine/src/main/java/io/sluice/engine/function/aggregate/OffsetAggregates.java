package io.sluice.engine.function.aggregate;

import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * LATEST_BY_OFFSET and EARLIEST_BY_OFFSET, one value or the latest/earliest N. Each kept value is
 * a {@code STRUCT<SEQ BIGINT, VAL x>}: the record's sequence ({@link Aggregate}) and its value, so
 * that merged session windows keep the values of the latest (earliest) records. With ignoreNulls
 * (ksqlDB's default) a null input changes nothing. No undo (as in ksqlDB): a retracted latest
 * value could only be replaced by keeping every value.
 */
final class OffsetAggregates {

  private OffsetAggregates() {}

  static SqlStruct entryType(SqlType value) {
    return SqlType.struct().field("SEQ", SqlType.BIGINT).field("VAL", value).build();
  }

  private static long seq(Object entry) {
    return (Long) ((Struct) entry).get(0);
  }

  /** One value: accumulator {@code STRUCT<SEQ, VAL>}, null before the first kept input. */
  static final class Single extends BaseAggregate {
    private final boolean latest;
    private final boolean ignoreNulls;

    Single(SqlType type, boolean latest, boolean ignoreNulls) {
      super(entryType(type), type);
      this.latest = latest;
      this.ignoreNulls = ignoreNulls;
    }

    @Override
    public Object initialize() {
      return null;
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      if (input == null && ignoreNulls) {
        return acc;
      }
      if (!latest && acc != null) {
        return acc;
      }
      return struct((SqlStruct) accumulatorType(), sequence, input);
    }

    @Override
    public Object merge(Object earlier, Object later) {
      if (earlier == null) {
        return later;
      } else if (later == null) {
        return earlier;
      }
      boolean laterWins = seq(later) > seq(earlier);
      return laterWins == latest ? later : earlier;
    }

    @Override
    public Object map(Object acc) {
      return acc == null ? null : ((Struct) acc).get(1);
    }
  }

  /** N values, in sequence order: accumulator {@code ARRAY<STRUCT<SEQ, VAL>>}. */
  static final class Many extends BaseAggregate {
    private final boolean latest;
    private final boolean ignoreNulls;
    private final int n;

    Many(SqlType type, boolean latest, int n, boolean ignoreNulls) {
      super(SqlType.array(entryType(type)), SqlType.array(type));
      if (n < 1) {
        throw new FunctionResolutionException("The number of values to keep must be at least 1, "
            + "got " + n);
      }
      this.latest = latest;
      this.ignoreNulls = ignoreNulls;
      this.n = n;
    }

    @Override
    public Object initialize() {
      return List.of();
    }

    @Override
    public Object aggregate(Object input, Object acc, long sequence) {
      List<?> l = (List<?>) acc;
      if ((input == null && ignoreNulls) || (!latest && l.size() >= n)) {
        return acc;
      }
      List<Object> out = new ArrayList<>(l);
      out.add(struct(((SqlStruct) ((io.sluice.engine.types.SqlArray) accumulatorType())
          .element()), sequence, input));
      return trim(out);
    }

    private List<Object> trim(List<Object> sorted) {
      if (sorted.size() <= n) {
        return sorted;
      }
      return new ArrayList<>(latest ? sorted.subList(sorted.size() - n, sorted.size())
          : sorted.subList(0, n));
    }

    @Override
    public Object merge(Object earlier, Object later) {
      List<Object> all = new ArrayList<>((List<?>) earlier);
      all.addAll((List<?>) later);
      all.sort(Comparator.comparingLong(OffsetAggregates::seq));
      return trim(all);
    }

    @Override
    public Object map(Object acc) {
      List<Object> out = new ArrayList<>();
      for (Object o : (List<?>) acc) {
        out.add(((Struct) o).get(1));
      }
      return out;
    }
  }
}
