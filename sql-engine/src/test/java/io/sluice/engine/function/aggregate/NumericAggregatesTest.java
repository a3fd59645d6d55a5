package io.sluice.engine.function.aggregate;

import static io.sluice.engine.function.aggregate.AggregateHarness.dec;
import static io.sluice.engine.function.aggregate.AggregateHarness.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COUNT, SUM, SUM_LIST, AVG, STDDEV_SAMP, STDDEV_SAMPLE, CORRELATION (ksqlDB's outputs). */
class NumericAggregatesTest {

  private static void assertDoubles(List<Double> expected, List<Object> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      double e = expected.get(i);
      double a = (Double) actual.get(i);
      if (Double.isNaN(e)) {
        assertTrue(Double.isNaN(a), "NaN at " + i + ": " + actual);
      } else {
        assertEquals(e, a, Math.abs(e) * 1e-12 + 1e-12, "at " + i + ": " + actual);
      }
    }
  }

  @Test
  void countSkipsNullsAndCountsBackToZero() {
    AggregateHarness h = AggregateHarness.of("COUNT", SqlType.STRING);
    assertEquals(list(1L, 1L, 2L), h.addAll("a", null, "b"));
    assertEquals(1L, h.undo("a"));
    assertEquals(1L, h.undo(null));
    assertEquals(0L, h.undo("b"));
    assertEquals(5L, h.agg.merge(2L, 3L));
  }

  @Test
  void sumKeepsTheArgumentType() {
    assertEquals(list(0, 100, 100), AggregateHarness.of("SUM", SqlType.INTEGER)
        .addAll(0, 100, null));
    assertEquals(list(2147483648L, 2147483748L),
        AggregateHarness.of("SUM", SqlType.BIGINT).addAll(2147483648L, 100L));
    AggregateHarness d = AggregateHarness.of("SUM", SqlType.DOUBLE);
    assertEquals(105.5, (Double) d.addAll(5.4, 100.1).get(1), 1e-9);
    // No non-null value yet: 0, as ksqlDB's SUM over a LEFT JOIN's missing side.
    assertEquals(0, AggregateHarness.of("SUM", SqlType.INTEGER).add(null));
  }

  @Test
  void sumDecimalKeepsPrecisionAndScaleAndOverflows() {
    AggregateHarness h = AggregateHarness.of("SUM", SqlType.decimal(4, 1));
    assertEquals(list(dec("500.9"), dec("801.7")), h.addAll(dec("500.9"), dec("300.8")));
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> h.add(dec("400.8")));
    assertEquals("Numeric field overflow", e.getMessage());
    AggregateHarness wide = AggregateHarness.of("SUM", SqlType.decimal(6, 2));
    assertEquals(dec("1202.50"), wide.addAll(dec("500.90"), dec("300.80"), dec("400.80")).get(2));
    assertEquals(dec("0.0"), AggregateHarness.of("SUM", SqlType.decimal(4, 1)).result());
  }

  @Test
  void sumUndoesAsATableUpdate() {
    // ksqlDB's "sum int left join of table": 5 replaced by 20, then deleted.
    AggregateHarness h = AggregateHarness.of("SUM", SqlType.INTEGER);
    h.add(5);
    h.undo(5);
    assertEquals(20, h.add(20));
    assertEquals(0, h.undo(20));
    assertEquals(7, h.agg.merge(3, 4));
  }

  @Test
  void sumListAddsNonNullElements() {
    AggregateHarness h = AggregateHarness.of("SUM_LIST", SqlType.array(SqlType.BIGINT));
    assertEquals(list(2L, 6L, 206L, 406L, 406L), h.addAll(list(1L, 1L), list(2L, 2L),
        list(100L, 100L), list(100L, 100L, null), null));
    assertEquals(404L, h.undo(list(1L, 1L)));
  }

  @Test
  void avgOfIntegersAndDoubles() {
    assertDoubles(List.of(1.0, 1.5, 1.6666666666666667, 1.6666666666666667),
        AggregateHarness.of("AVG", SqlType.INTEGER).addAll(1, 2, 2, null));
    assertDoubles(List.of(2.3, -99999.15000000001, -66666.1),
        AggregateHarness.of("AVG", SqlType.DOUBLE).addAll(2.3, -200000.6, 0.0));
    assertEquals(0.0, AggregateHarness.of("AVG", SqlType.BIGINT).result());
  }

  @Test
  void avgUndoesAsATableUpdate() {
    // ksqlDB's "average udaf with table": alice 1, bob 2, alice -> null, alice -> 4.
    AggregateHarness h = AggregateHarness.of("AVG", SqlType.INTEGER);
    assertEquals(list(1.0, 1.5), h.addAll(1, 2));
    h.undo(1);
    assertEquals(2.0, h.add(null));
    h.undo(null);
    assertEquals(3.0, h.add(4));
    Object merged = h.agg.merge(h.acc, h.agg.aggregate(6, h.agg.initialize(), 0));
    assertEquals(4.0, h.agg.map(merged));
  }

  @Test
  void stddevSampIsKsqlDbsSampleVariance() {
    assertDoubles(List.of(0.0, 2.3058427944653343e+18, 1.5372286026580004e+18,
            1.5372286026580004e+18),
        AggregateHarness.of("STDDEV_SAMP", SqlType.BIGINT)
            .addAll(2147483648L, 100L, -2L, null));
    assertDoubles(List.of(0.0, 8.405, 3334.2033333333347, 3334.2033333333347),
        AggregateHarness.of("STDDEV_SAMP", SqlType.DOUBLE).addAll(-1.8, 2.3, 100.2, null));
  }

  @Test
  void stddevSampleIsTheStandardDeviation() {
    assertDoubles(List.of(0.0, 7.0710678118654755, 5.131601439446884, 4.193248541803041),
        AggregateHarness.of("STDDEV_SAMPLE", SqlType.INTEGER).addAll(0, 10, 7, 6));
    assertDoubles(List.of(0.0, 1.4142135623730951, 1.5275252316519465, 1.707825127659933,
            2.23606797749979),
        AggregateHarness.of("STDDEV_SAMPLE", SqlType.DOUBLE).addAll(10.0, 12.0, 13.0, 14.0,
            16.0));
  }

  @Test
  void stddevUndoAndMergeMatchSequentialAggregation() {
    AggregateHarness h = AggregateHarness.of("STDDEV_SAMPLE", SqlType.DOUBLE);
    h.addAll(10.0, 12.0, 13.0);
    assertEquals(1.4142135623730951, (Double) h.undo(13.0), 1e-12);
    assertEquals(0.0, h.undo(12.0));
    assertEquals(0.0, h.undo(10.0));
    Aggregate a = h.agg;
    Object left = a.aggregate(12.0, a.aggregate(10.0, a.initialize(), 0), 1);
    Object right = a.aggregate(16.0, a.aggregate(14.0, a.aggregate(13.0, a.initialize(), 2), 3),
        4);
    assertEquals(2.23606797749979, (Double) a.map(a.merge(left, right)), 1e-12);
    assertEquals(a.map(left), a.map(a.merge(left, a.initialize())));
  }

  @Test
  void correlationOfPairsWithNulls() {
    AggregateHarness h = AggregateHarness.of("CORRELATION", SqlType.INTEGER, SqlType.INTEGER);
    assertDoubles(List.of(Double.NaN, 1.0, 0.7455284088780169, 0.7455284088780169),
        h.addAll(new Object[] {1.0, 8.0}, new Object[] {-1.0, -2.0}, new Object[] {-4.0, -1.0},
            new Object[] {null, -6.0}));
  }

  @Test
  void correlationUndoesAsATableUpdate() {
    // ksqlDB's "correlation udaf with table".
    AggregateHarness h = AggregateHarness.of("CORRELATION", SqlType.DOUBLE, SqlType.DOUBLE);
    assertDoubles(List.of(Double.NaN, 1.0),
        h.addAll(new Object[] {1.5, 8.0}, new Object[] {-3.5, -2.0}));
    h.undo(new Object[] {1.5, 8.0});
    assertTrue(Double.isNaN((Double) h.add(new Object[] {-1.0, -2.0})));
    assertEquals(-0.7205766921228921, (Double) h.add(new Object[] {-4.5, -1.0}), 1e-12);
    Aggregate a = h.agg;
    assertEquals(-0.7205766921228921, (Double) a.map(a.merge(a.initialize(), h.acc)), 1e-12);
  }
}
