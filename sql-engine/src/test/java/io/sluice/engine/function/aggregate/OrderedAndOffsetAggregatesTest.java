package io.sluice.engine.function.aggregate;

import static io.sluice.engine.function.aggregate.AggregateHarness.bytes;
import static io.sluice.engine.function.aggregate.AggregateHarness.dec;
import static io.sluice.engine.function.aggregate.AggregateHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MIN, MAX, TOPK, TOPKDISTINCT, LATEST_BY_OFFSET, EARLIEST_BY_OFFSET (ksqlDB's outputs). */
class OrderedAndOffsetAggregatesTest {

  private static AggregateHarness withConstants(String name, SqlType type, Object... constants) {
    List<AggregateArgument> args = new java.util.ArrayList<>();
    args.add(AggregateArgument.column(type));
    for (Object c : constants) {
      args.add(AggregateArgument.literal(c instanceof Boolean ? SqlType.BOOLEAN : SqlType.INTEGER,
          c));
    }
    return AggregateHarness.of(name, args, Map.of());
  }

  @Test
  void minAndMaxSkipNulls() {
    assertEquals(list(null, null, -2147483647, 5, 5, 2000),
        AggregateHarness.of("MAX", SqlType.INTEGER).addAll(null, null, -2147483647, 5, null,
            2000));
    assertEquals(list(null, "B", "A", "A"),
        AggregateHarness.of("MIN", SqlType.STRING).addAll(null, "B", "A", null));
    assertEquals(list(dec("21.79"), dec("1.10"), dec("-1.79")),
        AggregateHarness.of("MIN", SqlType.decimal(4, 2)).addAll(dec("21.79"), dec("1.10"),
            dec("-1.79")));
    assertEquals(list(bytes("B"), bytes("A"), bytes("A")),
        AggregateHarness.of("MIN", SqlType.BYTES).addAll(bytes("B"), bytes("A"), bytes("E")));
    assertEquals(list(-1L, 50L, 50L), AggregateHarness.of("MAX", SqlType.TIMESTAMP)
        .addAll(-1L, 50L, 6L));
    AggregateHarness h = AggregateHarness.of("MAX", SqlType.DOUBLE);
    assertEquals(5.1, h.agg.merge(5.1, null));
    assertEquals(7.0, h.agg.merge(5.1, 7.0));
    assertThrows(UnsupportedOperationException.class, () -> h.agg.undo(1.0, 2.0));
  }

  @Test
  void topKKeepsTheGreatestWithDuplicates() {
    assertEquals(list(list(0), list(100, 0), list(100, 99, 0), list(100, 99, 7),
            list(100, 100, 99)),
        withConstants("TOPK", SqlType.INTEGER, 3).addAll(0, 100, 99, 7, 100));
    assertEquals(list(list("a"), list("b", "a"), list("c", "b", "a"), list("c", "b", "b"),
            list("d", "c", "b"), list("d", "c", "b")),
        withConstants("TOPK", SqlType.STRING, 3).addAll("a", "b", "c", "b", "d", null));
  }

  @Test
  void topKDistinctDropsDuplicates() {
    assertEquals(list(list(0), list(100, 0), list(100, 99, 0), list(100, 99, 7),
            list(100, 99, 7)),
        withConstants("TOPKDISTINCT", SqlType.INTEGER, 3).addAll(0, 100, 99, 7, 100));
    AggregateHarness d = withConstants("TOPKDISTINCT", SqlType.decimal(2, 1), 3);
    assertEquals(list(dec("9.9"), dec("9.8"), dec("8.9")), d.addAll(dec("9.8"), dec("8.9"), null,
        dec("7.8"), dec("6.5"), dec("9.9")).get(5));
    assertEquals(list(3, 2, 1), d.agg.merge(list(3, 1), list(3, 2, 1)));
  }

  @Test
  void topKWithOtherColumnsReturnsStructs() {
    ResolvedAggregate r = AggregateHarness.REGISTRY.resolveAggregate("TOPK",
        List.of(AggregateArgument.column(SqlType.INTEGER),
            AggregateArgument.column(SqlType.STRING),
            AggregateArgument.literal(SqlType.INTEGER, 3)), Map.of());
    SqlStruct row = SqlType.struct().field("sort_col", SqlType.INTEGER)
        .field("col0", SqlType.STRING).build();
    assertEquals(SqlType.array(row), r.resultType());
    assertEquals(List.of(0, 1), r.columnArguments());
    AggregateHarness h = new AggregateHarness(r.aggregate());
    Object last = h.addAll(new Object[] {0, "zero"}, new Object[] {100, "one"},
        new Object[] {99, "two"}, new Object[] {null, "three"}, new Object[] {100, null})
        .get(4);
    assertEquals(list(Struct.of(row, 100, "one"), Struct.of(row, 100, null),
        Struct.of(row, 99, "two")), last);
  }

  @Test
  void topKNeedsAPositiveLiteralK() {
    assertThrows(FunctionResolutionException.class,
        () -> withConstants("TOPK", SqlType.INTEGER, 0));
    FunctionResolutionException e = assertThrows(FunctionResolutionException.class,
        () -> AggregateHarness.of("TOPK", SqlType.INTEGER, SqlType.INTEGER));
    assertEquals("Function 'TOPK': parameter 2 (k) must be a literal", e.getMessage());
  }

  @Test
  void latestByOffsetIgnoresNullsByDefault() {
    assertEquals(list(12, 12, 13), withConstants("LATEST_BY_OFFSET", SqlType.INTEGER, true)
        .addAll(12, null, 13));
    assertEquals(list(null, null), AggregateHarness.of("LATEST_BY_OFFSET", SqlType.INTEGER)
        .addAll(null, null));
    assertEquals(list(12, null), withConstants("LATEST_BY_OFFSET", SqlType.INTEGER, false)
        .addAll(12, null));
    assertEquals(list(list(12), list(12), list(12, 13)),
        withConstants("LATEST_BY_OFFSET", SqlType.INTEGER, 2, true).addAll(12, null, 13));
    assertEquals(list(list(12), list(12, null), list(null, 13)),
        withConstants("LATEST_BY_OFFSET", SqlType.INTEGER, 2, false).addAll(12, null, 13));
    assertEquals(list(list(), list()),
        withConstants("LATEST_BY_OFFSET", SqlType.INTEGER, 2).addAll(null, null));
  }

  @Test
  void earliestByOffsetKeepsTheFirst() {
    assertEquals(list(12, 12, 12), AggregateHarness.of("EARLIEST_BY_OFFSET", SqlType.INTEGER)
        .addAll(12, null, 13));
    assertEquals(list(null, 13), withConstants("EARLIEST_BY_OFFSET", SqlType.INTEGER, true)
        .addAll(null, 13));
    assertEquals(list(null, null), withConstants("EARLIEST_BY_OFFSET", SqlType.INTEGER, false)
        .addAll(null, 13));
    assertEquals(list(list(), list(13)),
        withConstants("EARLIEST_BY_OFFSET", SqlType.INTEGER, 2).addAll(null, 13));
    assertEquals(list(list((Object) null), list(null, 13), list(null, 13)),
        withConstants("EARLIEST_BY_OFFSET", SqlType.INTEGER, 2, false).addAll(null, 13, 14));
  }

  @Test
  void sessionMergesOrderBySequence() {
    // Three records 0, 1, 2; records 0 and 1 start separate sessions, 2 joins them.
    Aggregate latest = AggregateHarness.of("LATEST_BY_OFFSET", SqlType.INTEGER).agg;
    Object s0 = latest.aggregate(1, latest.initialize(), 0);
    Object s1 = latest.aggregate(null, latest.initialize(), 1);
    assertNull(latest.map(s1));
    assertEquals(1, latest.map(latest.merge(s0, s1)));
    assertEquals(2, latest.map(latest.aggregate(2, latest.merge(s0, s1), 2)));

    Aggregate earliest = withConstants("EARLIEST_BY_OFFSET", SqlType.INTEGER, false).agg;
    Object e0 = earliest.aggregate(null, earliest.initialize(), 0);
    Object e1 = earliest.aggregate(1, earliest.initialize(), 1);
    assertNull(earliest.map(earliest.merge(e1, e0)), "the earliest record's null wins");

    Aggregate many = withConstants("EARLIEST_BY_OFFSET", SqlType.INTEGER, 2, false).agg;
    Object m0 = many.aggregate(null, many.initialize(), 0);
    Object m1 = many.aggregate(null, many.initialize(), 1);
    assertEquals(list(null, null), many.map(many.merge(m0, m1)));
    Aggregate lastTwo = withConstants("LATEST_BY_OFFSET", SqlType.INTEGER, 2).agg;
    Object l0 = lastTwo.aggregate(2, lastTwo.aggregate(1, lastTwo.initialize(), 0), 3);
    Object l1 = lastTwo.aggregate(3, lastTwo.initialize(), 1);
    assertEquals(list(3, 2), lastTwo.map(lastTwo.merge(l0, l1)));
  }
}
