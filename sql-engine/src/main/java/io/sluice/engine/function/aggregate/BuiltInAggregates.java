package io.sluice.engine.function.aggregate;

import static io.sluice.engine.function.aggregate.AggregateFunction.params;

import io.sluice.engine.function.aggregate.AggregateFunction.Factory;
import io.sluice.engine.function.aggregate.AggregateFunction.Overload;
import io.sluice.engine.function.aggregate.AggregateFunction.Param;
import io.sluice.engine.types.SqlArray;
import java.util.ArrayList;
import java.util.List;

/**
 * ksqlDB's built-in aggregate functions with their signatures, as registered by {@code
 * FunctionRegistry.withBuiltIns()}.
 *
 * <p>{@code COUNT(*)} and {@code COUNT()} (any aggregate called with {@code *} or no argument)
 * are planned as the function applied to ROWTIME, as in ksqlDB (its messages print {@code
 * COUNT(ROWTIME)}); ROWTIME is never null, so COUNT(*) counts rows.
 */
public final class BuiltInAggregates {

  /** Session property bounding COLLECT_LIST's result (ksqlDB's name; default 1000). */
  public static final String COLLECT_LIST_LIMIT = "ksql.functions.collect_list.limit";
  /** Session property bounding COLLECT_SET's result (ksqlDB's name; default 1000). */
  public static final String COLLECT_SET_LIMIT = "ksql.functions.collect_set.limit";

  /** Types MIN, MAX, TOPK and TOPKDISTINCT order. */
  private static final List<String> ORDERED = List.of(
      "INT", "BIGINT", "DOUBLE", "DECIMAL", "STRING", "BYTES", "DATE", "TIME", "TIMESTAMP");
  private static final List<String> NUMBERS = List.of("INT", "BIGINT", "DOUBLE", "DECIMAL");
  private static final List<String> STATS = List.of("INT", "BIGINT", "DOUBLE");

  private BuiltInAggregates() {}

  /** Every built-in aggregate function. */
  public static List<AggregateFunction> all() {
    return List.of(
        fn("COUNT", true, "Counts the non-null values of the argument; COUNT(*) counts rows.",
            overload(params(Param.of("val", "T")), "BIGINT", "",
                b -> new NumericAggregates.Count())),
        fn("SUM", true, "Sums the non-null values; 0 when there are none.",
            perType(NUMBERS, t -> t, "", b -> new NumericAggregates.Sum(b.type(0)))),
        fn("SUM_LIST", true, "Sums the non-null elements of every list.",
            perType(STATS, t -> t, "ARRAY<", b -> new NumericAggregates.SumList(
                ((SqlArray) b.type(0)).element()))),
        fn("AVG", true, "Returns the average of the non-null values.",
            perType(STATS, t -> "DOUBLE", "", b -> new NumericAggregates.Avg(b.type(0)))),
        fn("STDDEV_SAMP", true, "Returns the sample variance of the non-null values (as "
                + "ksqlDB's STDDEV_SAMP does); see STDDEV_SAMPLE for the standard deviation.",
            perType(STATS, t -> "DOUBLE", "",
                b -> new NumericAggregates.StdDev(b.type(0), false))),
        fn("STDDEV_SAMPLE", true, "Returns the sample standard deviation of the non-null values.",
            perType(STATS, t -> "DOUBLE", "",
                b -> new NumericAggregates.StdDev(b.type(0), true))),
        fn("CORRELATION", true, "Returns the Pearson correlation coefficient of the pairs where "
                + "both values are non-null; NaN for fewer than two pairs.",
            overload(params(Param.of("x", "DOUBLE"), Param.of("y", "DOUBLE")), "DOUBLE", "",
                b -> new NumericAggregates.Correlation())),
        fn("MIN", false, "Returns the minimum non-null value.",
            perType(ORDERED, t -> t, "", b -> new OrderedAggregates.Extreme(b.type(0), false))),
        fn("MAX", false, "Returns the maximum non-null value.",
            perType(ORDERED, t -> t, "", b -> new OrderedAggregates.Extreme(b.type(0), true))),
        fn("TOPK", false, "Returns the k greatest values, greatest first; with other columns, "
                + "structs of the sort value (sort_col) and the other columns (col0, ...).",
            topK(false)),
        fn("TOPKDISTINCT", false, "Returns the k greatest distinct values, greatest first.",
            topK(true)),
        fn("COLLECT_LIST", true, "Returns the values in arrival order, nulls included, up to "
                + COLLECT_LIST_LIMIT + " (default 1000) values.",
            overload(params(Param.of("val", "T")), "ARRAY<T>", "",
                b -> new CollectionAggregates.CollectList(b.type(0),
                    b.intProperty(COLLECT_LIST_LIMIT, CollectionAggregates.DEFAULT_LIMIT)))),
        fn("COLLECT_SET", false, "Returns the distinct values in order of first arrival, up to "
                + COLLECT_SET_LIMIT + " (default 1000) values.",
            overload(params(Param.of("val", "T")), "ARRAY<T>", "",
                b -> new CollectionAggregates.CollectSet(b.type(0),
                    b.intProperty(COLLECT_SET_LIMIT, CollectionAggregates.DEFAULT_LIMIT)))),
        fn("HISTOGRAM", true, "Returns a map of each non-null value to the number of times it "
                + "occurred, for up to 1000 distinct values.",
            overload(params(Param.of("val", "STRING")), "MAP<STRING, BIGINT>", "",
                b -> new CollectionAggregates.Histogram())),
        fn("ATTR", true, "Returns the value if every row has the same one (null included), "
                + "else null.",
            overload(params(Param.of("val", "T")), "T", "",
                b -> new CollectionAggregates.Attr(b.type(0)))),
        fn("COUNT_DISTINCT", false, "Returns the approximate number of distinct non-null values "
                + "(HyperLogLog).",
            overload(params(Param.of("val", "T")), "BIGINT", "", b -> new CountDistinct())),
        fn("LATEST_BY_OFFSET", false, "Returns the latest value (or the latest n) by input "
                + "order; nulls are ignored unless ignoreNulls is false.", byOffset(true)),
        fn("EARLIEST_BY_OFFSET", false, "Returns the earliest value (or the earliest n) by "
                + "input order; nulls are ignored unless ignoreNulls is false.",
            byOffset(false)));
  }

  private static AggregateFunction fn(String name, boolean undoable, String description,
      Overload... overloads) {
    return new AggregateFunction(name, description, undoable, List.of(overloads));
  }

  private static AggregateFunction fn(String name, boolean undoable, String description,
      List<Overload> overloads) {
    return new AggregateFunction(name, description, undoable, overloads);
  }

  private static Overload overload(List<Param> params, String returns, String description,
      Factory factory) {
    return new Overload(params, returns, description, factory);
  }

  /**
   * One single-argument overload per type; {@code wrap} "ARRAY<" makes the parameter an array of
   * it.
   */
  private static List<Overload> perType(List<String> types,
      java.util.function.UnaryOperator<String> result, String wrap, Factory factory) {
    List<Overload> out = new ArrayList<>();
    for (String t : types) {
      String param = wrap.isEmpty() ? t : wrap + t + ">";
      out.add(overload(params(Param.of("val", param)), result.apply(t), "", factory));
    }
    return out;
  }

  private static List<Overload> topK(boolean distinct) {
    List<Overload> out = new ArrayList<>();
    for (String t : ORDERED) {
      out.add(overload(params(Param.of("val", t), Param.constant("k", "INT")), "ARRAY<" + t + ">",
          "", b -> new OrderedAggregates.TopK(b.type(0), null, b.intConstant(1), distinct)));
    }
    if (!distinct) {
      for (String t : ORDERED) {
        out.add(overload(params(Param.of("sort_col", t), Param.anyVariadic("other_cols"),
                Param.constant("k", "INT")), "ARRAY<STRUCT>", "Each element is a STRUCT of "
                + "sort_col and the other columns, named col0, col1, ...",
            b -> new OrderedAggregates.TopK(b.type(0),
                OrderedAggregates.TopK.rowType(
                    b.argumentTypes().subList(0, b.argumentTypes().size() - 1)),
                b.intConstant(b.argumentTypes().size() - 1), false)));
      }
    }
    return out;
  }

  private static List<Overload> byOffset(boolean latest) {
    return List.of(
        overload(params(Param.of("val", "T")), "T", "",
            b -> new OffsetAggregates.Single(b.type(0), latest, true)),
        overload(params(Param.of("val", "T"), Param.constant("ignoreNulls", "BOOLEAN")), "T", "",
            b -> new OffsetAggregates.Single(b.type(0), latest, b.booleanConstant(1))),
        overload(params(Param.of("val", "T"), Param.constant("n", "INT")), "ARRAY<T>", "",
            b -> new OffsetAggregates.Many(b.type(0), latest, b.intConstant(1), true)),
        overload(params(Param.of("val", "T"), Param.constant("n", "INT"),
                Param.constant("ignoreNulls", "BOOLEAN")), "ARRAY<T>", "",
            b -> new OffsetAggregates.Many(b.type(0), latest, b.intConstant(1),
                b.booleanConstant(2))));
  }
}
