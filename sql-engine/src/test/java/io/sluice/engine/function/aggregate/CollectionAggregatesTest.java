package io.sluice.engine.function.aggregate;

import static io.sluice.engine.function.aggregate.AggregateHarness.bytes;
import static io.sluice.engine.function.aggregate.AggregateHarness.dec;
import static io.sluice.engine.function.aggregate.AggregateHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COLLECT_LIST, COLLECT_SET, HISTOGRAM, ATTR and COUNT_DISTINCT (ksqlDB's outputs). */
class CollectionAggregatesTest {

  private static final SqlStruct AB = SqlType.struct().field("A", SqlType.STRING)
      .field("B", SqlType.BIGINT).build();

  @Test
  void collectListKeepsOrderAndNulls() {
    AggregateHarness h = AggregateHarness.of("COLLECT_LIST", SqlType.STRING);
    assertEquals(list(list("baz"), list("baz", "baz"), list("baz", "baz", "foo"),
        list("baz", "baz", "foo", null)), h.addAll("baz", "baz", "foo", null));
    assertEquals(list("baz", "baz", "foo"), h.undo(null));
    assertEquals(list("baz", "foo"), h.undo("baz"));
    assertEquals(list("baz", "foo"), h.undo("absent"));
  }

  @Test
  void collectListOfStructsAndItsLimit() {
    AggregateHarness h = AggregateHarness.of("COLLECT_LIST", SqlType.array(AB));
    Struct r0 = Struct.of(AB, "Record0", 100L);
    assertEquals(list(list(r0), list(r0, null)), h.addAll(list(r0), list(r0, null)).get(1));
    assertEquals(list(list(r0), list(r0, null), null), h.add(null));
    AggregateHarness limited = AggregateHarness.of("COLLECT_LIST",
        List.of(AggregateArgument.column(SqlType.INTEGER)),
        Map.of(BuiltInAggregates.COLLECT_LIST_LIMIT, "1"));
    assertEquals(list(list(0), list(0)), limited.addAll(0, 100));
  }

  @Test
  void collectListMergePutsTheEarlierWindowFirstUpToTheLimit() {
    Aggregate a = AggregateHarness.REGISTRY.resolveAggregate("COLLECT_LIST",
        List.of(AggregateArgument.column(SqlType.INTEGER)),
        Map.of(BuiltInAggregates.COLLECT_LIST_LIMIT, 3)).aggregate();
    assertEquals(list(1, 2, 3), a.merge(list(1, 2), list(3, 4)));
  }

  @Test
  void collectSetKeepsDistinctValuesNullIncluded() {
    AggregateHarness h = AggregateHarness.of("COLLECT_SET", SqlType.decimal(4, 1));
    assertEquals(list(list(dec("500.9")), list(dec("500.9"), dec("300.8")),
            list(dec("500.9"), dec("300.8"), null), list(dec("500.9"), dec("300.8"), null)),
        h.addAll(dec("500.9"), dec("300.8"), null, dec("300.8")));
    AggregateHarness maps = AggregateHarness.of("COLLECT_SET",
        SqlType.map(SqlType.STRING, SqlType.BIGINT));
    Map<String, Long> m1 = new LinkedHashMap<>();
    m1.put("Record0", 100L);
    m1.put("Record2", 2L);
    Map<String, Long> m2 = new LinkedHashMap<>();
    m2.put("Record2", 2L);
    m2.put("Record0", 100L);
    assertEquals(list(m1), maps.addAll(m1, m2).get(1));
    AggregateHarness bs = AggregateHarness.of("COLLECT_SET", SqlType.BYTES);
    assertEquals(list(bytes("a"), bytes("b")), bs.addAll(bytes("a"), bytes("b"), bytes("b"))
        .get(2));
    assertTrue(!bs.agg.canUndo());
    assertEquals(list(1, 2, 3), bs.agg.merge(list(1, 2), list(2, 3)));
  }

  @Test
  void histogramCountsAndUndoes() {
    // ksqlDB's "histogram on a table": bob moves from east to west, then is deleted.
    AggregateHarness east = AggregateHarness.of("HISTOGRAM", SqlType.STRING);
    AggregateHarness west = AggregateHarness.of("HISTOGRAM", SqlType.STRING);
    east.addAll("alice", "bob");
    west.addAll("carol", "dave");
    assertEquals(Map.of("alice", 1L), east.undo("bob"));
    Object w = west.add("bob");
    assertEquals(List.of("carol", "dave", "bob"), List.copyOf(((Map<?, ?>) w).keySet()));
    assertEquals(Map.of("carol", 1L, "dave", 1L), west.undo("bob"));
    assertEquals(Map.of("carol", 1L, "dave", 1L), west.add(null));
    assertEquals(Map.of("a", 3L, "b", 1L),
        west.agg.merge(Map.of("a", 1L), Map.of("a", 2L, "b", 1L)));
  }

  @Test
  void histogramStopsAtAThousandDistinctValues() {
    AggregateHarness h = AggregateHarness.of("HISTOGRAM", SqlType.STRING);
    for (int i = 0; i < 1001; i++) {
      h.add("v" + i);
    }
    Map<?, ?> m = (Map<?, ?>) h.add("v0");
    assertEquals(1000, m.size());
    assertEquals(2L, m.get("v0"));
    assertNull(m.get("v1000"));
  }

  @Test
  void attrIsTheCommonValueNullIncluded() {
    assertEquals(list("1", null, null), AggregateHarness.of("ATTR", SqlType.STRING)
        .addAll("1", "2", "3"));
    assertEquals(list("1", null, null), AggregateHarness.of("ATTR", SqlType.STRING)
        .addAll("1", null, "1"));
    assertEquals(list(null, null, null), AggregateHarness.of("ATTR", SqlType.STRING)
        .addAll(null, "2", "2"));
    AggregateHarness s = AggregateHarness.of("ATTR", AB);
    Struct v = Struct.of(AB, "a", 1L);
    assertEquals(list(v, v), s.addAll(v, Struct.of(AB, "a", 1L)));
  }

  @Test
  void attrUndoesAsATableUpdate() {
    // ksqlDB's "table attr with tombstones".
    AggregateHarness h = AggregateHarness.of("ATTR", SqlType.STRING);
    assertEquals(list("1", "1"), h.addAll("1", "1"));
    assertEquals("1", h.undo("1"));
    assertNull(h.undo("1"));
    assertEquals("2", h.add("2"));
    assertNull(h.add("3"));
    assertEquals("2", h.undo("3"));
    Aggregate a = h.agg;
    assertEquals("2", a.map(a.merge(h.acc, a.aggregate("2", a.initialize(), 0))));
    assertNull(a.map(a.merge(h.acc, a.aggregate("5", a.initialize(), 0))));
  }

  @Test
  void countDistinctIsExactForSmallSetsAndSkipsNulls() {
    AggregateHarness h = AggregateHarness.of("COUNT_DISTINCT", SqlType.STRING);
    assertEquals(list(1L, 2L, 2L, 2L, 2L), h.addAll("one", "two", "one", "two", null));
    assertEquals(SqlType.BYTES, h.agg.accumulatorType());
  }

  @Test
  void countDistinctEstimatesLargeSetsAndMerges() {
    Aggregate a = AggregateHarness.of("COUNT_DISTINCT", SqlType.BIGINT).agg;
    Object left = a.initialize();
    Object right = a.initialize();
    for (long i = 0; i < 20000; i++) {
      left = a.aggregate(i, left, i);
      right = a.aggregate(i + 10000, right, i);
    }
    long l = (Long) a.map(left);
    long both = (Long) a.map(a.merge(left, right));
    assertTrue(Math.abs(l - 20000) < 20000 * 0.05, "estimate " + l);
    assertTrue(Math.abs(both - 30000) < 30000 * 0.05, "estimate " + both);
    Object small = a.initialize();
    for (long i = 0; i < 2000; i++) {
      small = a.aggregate(i % 511, small, i);
    }
    assertEquals(511L, a.map(small));
    assertEquals(511L, a.map(a.merge(small, a.aggregate(3L, a.initialize(), 0))));
    long dense = (Long) a.map(a.aggregate(100000L, small, 0));
    assertTrue(Math.abs(dense - 512) < 512 * 0.03, "dense from here, estimated: " + dense);
  }
}
