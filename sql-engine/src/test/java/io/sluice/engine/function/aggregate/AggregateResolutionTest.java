package io.sluice.engine.function.aggregate;

import static io.sluice.engine.function.aggregate.AggregateHarness.REGISTRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.function.FunctionCategory;
import io.sluice.engine.function.FunctionDescription;
import io.sluice.engine.function.FunctionKind;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Overload resolution, result and accumulator types, undo support, SHOW/DESCRIBE FUNCTIONS. */
class AggregateResolutionTest {

  private static ResolvedAggregate resolve(String name, SqlType... types) {
    return REGISTRY.resolveAggregate(name, Arrays.asList(types));
  }

  @Test
  void resultTypesFollowKsqlDb() {
    assertEquals(SqlType.BIGINT, resolve("COUNT", SqlType.STRING).resultType());
    assertEquals(SqlType.BIGINT, resolve("COUNT", (SqlType) null).resultType());
    assertEquals(SqlType.INTEGER, resolve("SUM", SqlType.INTEGER).resultType());
    assertEquals(SqlType.BIGINT, resolve("SUM", SqlType.BIGINT).resultType());
    assertEquals(SqlType.decimal(4, 1), resolve("SUM", SqlType.decimal(4, 1)).resultType());
    assertEquals(SqlType.DOUBLE, resolve("AVG", SqlType.INTEGER).resultType());
    assertEquals(SqlType.DATE, resolve("MAX", SqlType.DATE).resultType());
    assertEquals(SqlType.BYTES, resolve("MIN", SqlType.BYTES).resultType());
    SqlType nested = SqlType.array(SqlType.map(SqlType.STRING, SqlType.DOUBLE));
    assertEquals(SqlType.array(nested), resolve("COLLECT_LIST", nested).resultType());
    assertEquals(nested, resolve("LATEST_BY_OFFSET", nested).resultType());
    assertEquals(SqlType.map(SqlType.STRING, SqlType.BIGINT),
        resolve("HISTOGRAM", SqlType.STRING).resultType());
    assertEquals(SqlType.DOUBLE, resolve("STDDEV_SAMPLE", SqlType.BIGINT).resultType());
  }

  @Test
  void widensToTheOnlyAcceptingOverload() {
    ResolvedAggregate avg = resolve("AVG", SqlType.decimal(4, 2));
    assertEquals(List.of(SqlType.DOUBLE), avg.argumentTypes());
    ResolvedAggregate corr = resolve("CORRELATION", SqlType.INTEGER, SqlType.BIGINT);
    assertEquals(List.of(SqlType.DOUBLE, SqlType.DOUBLE), corr.argumentTypes());
    assertEquals(List.of(0, 1), corr.columnArguments());
    assertEquals(SqlType.BIGINT,
        resolve("SUM_LIST", SqlType.array(SqlType.BIGINT)).resultType());
    assertEquals(List.of(SqlType.array(SqlType.DOUBLE)),
        resolve("SUM_LIST", SqlType.array(SqlType.decimal(3, 1))).argumentTypes());
  }

  @Test
  void accumulatorTypesAreSqlTypes() {
    assertEquals(SqlType.struct().field("SUM", SqlType.BIGINT).field("COUNT", SqlType.BIGINT)
        .build(), resolve("AVG", SqlType.INTEGER).accumulatorType());
    assertEquals(SqlType.struct().field("SEQ", SqlType.BIGINT).field("VAL", SqlType.STRING)
        .build(), resolve("LATEST_BY_OFFSET", SqlType.STRING).accumulatorType());
    assertEquals(SqlType.array(SqlType.INTEGER), REGISTRY.resolveAggregate("TOPK",
        List.of(AggregateArgument.column(SqlType.INTEGER),
            AggregateArgument.literal(SqlType.INTEGER, 3)), Map.of()).accumulatorType());
    assertEquals(SqlType.BIGINT, resolve("COUNT", SqlType.DOUBLE).accumulatorType());
    assertEquals(SqlType.BYTES, resolve("COUNT_DISTINCT", SqlType.DOUBLE).accumulatorType());
  }

  @Test
  void constantsAreBoundAtResolution() {
    ResolvedAggregate r = REGISTRY.resolveAggregate("LATEST_BY_OFFSET",
        List.of(AggregateArgument.column(SqlType.STRING),
            AggregateArgument.literal(SqlType.INTEGER, 2),
            AggregateArgument.literal(SqlType.BOOLEAN, false)), Map.of());
    assertEquals(SqlType.array(SqlType.STRING), r.resultType());
    assertEquals(List.of(0), r.columnArguments());
    assertThrows(FunctionResolutionException.class, () -> REGISTRY.resolveAggregate(
        "LATEST_BY_OFFSET", List.of(AggregateArgument.column(SqlType.STRING),
            AggregateArgument.literal(SqlType.INTEGER, 0)), Map.of()));
  }

  @Test
  void rejectsWhatKsqlDbRejects() {
    FunctionResolutionException e = assertThrows(FunctionResolutionException.class,
        () -> resolve("MIN", SqlType.BOOLEAN));
    assertTrue(e.getMessage().startsWith("Function 'MIN' does not accept parameters (BOOLEAN)"),
        e.getMessage());
    assertThrows(FunctionResolutionException.class, () -> resolve("HISTOGRAM", SqlType.INTEGER));
    assertThrows(FunctionResolutionException.class, () -> resolve("SUM", SqlType.STRING));
    assertEquals("Can't find any functions with the name 'NOPE'",
        assertThrows(FunctionResolutionException.class, () -> resolve("NOPE")).getMessage());
    assertEquals("Function UCASE is not an aggregate function", assertThrows(
        FunctionResolutionException.class, () -> resolve("UCASE", SqlType.STRING)).getMessage());
    assertTrue(assertThrows(FunctionResolutionException.class,
        () -> REGISTRY.resolve("COUNT", List.of(SqlType.STRING))).getMessage()
        .startsWith("Aggregate function COUNT can only be used"));
  }

  @Test
  void undoSupportMatchesKsqlDbsTableAggregates() {
    Set<String> undoable = Set.of("COUNT", "SUM", "SUM_LIST", "AVG", "STDDEV_SAMP",
        "STDDEV_SAMPLE", "CORRELATION", "COLLECT_LIST", "HISTOGRAM", "ATTR");
    for (AggregateFunction f : BuiltInAggregates.all()) {
      assertEquals(undoable.contains(f.name()), f.undoable(), f.name());
    }
    assertTrue(resolve("SUM", SqlType.INTEGER).canUndo());
    assertFalse(resolve("MAX", SqlType.INTEGER).canUndo());
    assertFalse(resolve("COLLECT_SET", SqlType.INTEGER).canUndo());
    assertEquals("The aggregation functions LATEST_BY_OFFSET, MIN and MAX cannot be applied to a "
            + "table source, only to a stream source.",
        AggregateFunction.tableSourceError(List.of("LATEST_BY_OFFSET", "MIN", "MAX")));
  }

  @Test
  void everyOverloadsAggregateAgreesWithItsFunctionOnUndo() {
    for (AggregateFunction f : BuiltInAggregates.all()) {
      for (AggregateFunction.Overload o : f.overloads()) {
        List<AggregateArgument> args = o.params().stream().filter(p -> !p.variadic())
            .map(p -> p.constant()
                ? AggregateArgument.literal(p.type().bind(Map.of(), null),
                    p.type().bind(Map.of(), null).equals(SqlType.BOOLEAN) ? (Object) true : 2)
                : AggregateArgument.column(sample(p))).toList();
        ResolvedAggregate r = REGISTRY.resolveAggregate(f.name(), args, Map.of());
        assertEquals(f.undoable(), r.canUndo(), f.name() + o);
        AggregateHarness.assertConforms(r.accumulatorType(), r.aggregate().initialize());
      }
    }
  }

  private static SqlType sample(AggregateFunction.Param p) {
    SqlType t = p.type().bind(Map.of("T", SqlType.STRING), null);
    return t != null ? t : p.type().toString().startsWith("ARRAY")
        ? SqlType.array(SqlType.decimal(4, 1)) : SqlType.decimal(4, 1);
  }

  @Test
  void showFunctionsListsAggregates() {
    Map<String, FunctionDescription.Summary> byName = REGISTRY.list().stream()
        .collect(Collectors.toMap(FunctionDescription.Summary::name, s -> s));
    for (String name : List.of("COUNT", "SUM", "AVG", "MIN", "MAX", "COUNT_DISTINCT",
        "COLLECT_LIST", "COLLECT_SET", "LATEST_BY_OFFSET", "EARLIEST_BY_OFFSET", "TOPK",
        "TOPKDISTINCT", "HISTOGRAM", "STDDEV_SAMP", "STDDEV_SAMPLE", "CORRELATION", "ATTR",
        "SUM_LIST")) {
      assertEquals(new FunctionDescription.Summary(name, FunctionKind.AGGREGATE,
          FunctionCategory.AGGREGATE), byName.get(name), name);
    }
    assertEquals(FunctionKind.SCALAR, byName.get("UCASE").kind());
    List<String> names = REGISTRY.list().stream().map(FunctionDescription.Summary::name).toList();
    assertEquals(names.stream().sorted().toList(), names);
    assertTrue(REGISTRY.isAggregate("count") && REGISTRY.contains("count"));
  }

  @Test
  void describeFunctionShowsAggregateVariations() {
    FunctionDescription d = REGISTRY.describe("latest_by_offset");
    assertEquals(FunctionKind.AGGREGATE, d.kind());
    assertEquals("AGGREGATE", d.category());
    assertEquals(List.of("LATEST_BY_OFFSET(val T)", "LATEST_BY_OFFSET(val T, ignoreNulls BOOLEAN)",
            "LATEST_BY_OFFSET(val T, n INTEGER)",
            "LATEST_BY_OFFSET(val T, n INTEGER, ignoreNulls BOOLEAN)"),
        d.variations().stream().map(v -> v.signature(d.name())).toList());
    assertEquals(List.of("T", "T", "ARRAY<T>", "ARRAY<T>"),
        d.variations().stream().map(FunctionDescription.Variation::returnType).toList());
    assertTrue(d.format().contains("Type        : AGGREGATE"), d.format());
    FunctionDescription topk = REGISTRY.describe("TOPK");
    assertTrue(topk.variations().stream().anyMatch(v -> v.signature("TOPK")
        .equals("TOPK(sort_col INTEGER, other_cols ANY..., k INTEGER)")));
    assertTrue(REGISTRY.describe("SUM").variations().stream()
        .anyMatch(v -> v.signature("SUM").equals("SUM(val DECIMAL)")
            && v.returnType().equals("DECIMAL")));
  }

  @Test
  void namesAreUniqueAcrossKinds() {
    FunctionRegistry r = FunctionRegistry.withBuiltIns();
    AggregateFunction clash = new AggregateFunction("UCASE", "", true,
        BuiltInAggregates.all().get(0).overloads());
    assertThrows(IllegalArgumentException.class, () -> r.register(clash));
    assertThrows(IllegalArgumentException.class,
        () -> r.register(BuiltInAggregates.all().get(0)));
  }
}
