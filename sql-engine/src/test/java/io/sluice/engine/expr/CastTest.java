package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.address;
import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * CAST with ksqlDB's conversions and formats. Expected values come from ksqlDB's
 * documentation, its source and its query-validation tests.
 */
class CastTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void toStringUsesKsqlDbFormats() {
    assertEquals("1.5", f.eval(x.cast(x.decimalLiteral("1.5"), SqlType.STRING)));
    assertEquals("1.5", f.eval(x.cast(x.literal(1.5), SqlType.STRING)));
    assertEquals("true", f.eval(x.cast(x.literal(true), SqlType.STRING)));
    assertEquals("false", f.eval(x.cast(f.col("BOOL"), SqlType.STRING), row("BOOL", false)));
    assertEquals("42", f.eval(x.cast(f.col("I"), SqlType.STRING), row("I", 42)));
    assertEquals("-7", f.eval(x.cast(f.col("L"), SqlType.STRING), row("L", -7L)));
    assertEquals("1.0E20", f.eval(x.cast(f.col("D"), SqlType.STRING), row("D", 1e20)));
    assertEquals("100.0", f.eval(x.cast(f.col("D"), SqlType.STRING), row("D", 100.0)));
    // cast.json "decimal to other"
    assertEquals("0.01", f.eval(x.cast(f.col("DEC"), SqlType.STRING), row("DEC", dec("0.01"))));
    assertEquals("10.00", f.eval(x.cast(f.col("DEC"), SqlType.STRING), row("DEC", dec("10.00"))));
    assertNull(f.eval(x.cast(f.col("D"), SqlType.STRING), emptyRow()));
  }

  @Test
  void structuredValuesToString() {
    // cast.json: "[1, 3]", "{this=1}", "Struct{F0=1,f1=3}"
    assertEquals("[a, b]", f.eval(x.cast(f.col("ARR"), SqlType.STRING),
        row("ARR", List.of("a", "b"))));
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("this", 1);
    assertEquals("{this=1}", f.eval(x.cast(f.col("M"), SqlType.STRING), row("M", m)));
    assertEquals("Struct{STREET=Main,NUMBER=1}",
        f.eval(x.cast(f.col("ADDR"), SqlType.STRING), row("ADDR", address("Main", 1))));
  }

  @Test
  void temporalToString() {
    assertEquals("2022-04-28T21:44:47.943", f.eval(x.cast(f.col("TS"), SqlType.STRING),
        row("TS", 1651182287943L)));
    assertEquals("1970-01-02", f.eval(x.cast(f.col("DT"), SqlType.STRING), row("DT", 1)));
    assertEquals("01:02:03", f.eval(x.cast(f.col("TM"), SqlType.STRING), row("TM", 3723000)));
  }

  @Test
  void numericNarrowingTruncatesLikeJava() {
    assertEquals(10, f.eval(x.cast(f.col("DEC"), SqlType.INTEGER), row("DEC", dec("10.99"))));
    assertEquals(10L, f.eval(x.cast(f.col("DEC"), SqlType.BIGINT), row("DEC", dec("10.01"))));
    assertEquals(10.01, f.eval(x.cast(f.col("DEC"), SqlType.DOUBLE), row("DEC", dec("10.01"))));
    assertEquals(2, f.eval(x.cast(f.col("D"), SqlType.INTEGER), row("D", 2.7)));
    assertEquals(-2, f.eval(x.cast(f.col("D"), SqlType.INTEGER), row("D", -2.7)));
    assertEquals(Integer.MAX_VALUE, f.eval(x.cast(f.col("D"), SqlType.INTEGER), row("D", 1e20)));
    // cast.json "array<bigint> to array<int>": 2147483648 becomes -2147483648
    assertEquals(Integer.MIN_VALUE,
        f.eval(x.cast(f.col("L"), SqlType.INTEGER), row("L", 2147483648L)));
    assertEquals(-1L, f.eval(x.cast(x.subtract(f.col("I"), f.col("I2")), SqlType.BIGINT),
        row("I", 1, "I2", 2)));
    assertEquals(3.0, f.eval(x.cast(f.col("I"), SqlType.DOUBLE), row("I", 3)));
  }

  @Test
  void toDecimalRoundsHalfUpAndChecksOverflow() {
    SqlType d21 = SqlType.decimal(2, 1);
    // cast.json "double to decimal" and "string to decimal"
    assertEquals(dec("1.0"), f.eval(x.cast(f.col("D"), d21), row("D", 0.99)));
    assertEquals(dec("0.0"), f.eval(x.cast(f.col("D"), d21), row("D", 0.01)));
    assertEquals(dec("1.1"), f.eval(x.cast(f.col("D"), d21), row("D", 1.1)));
    assertEquals(dec("1.0"), f.eval(x.cast(f.col("S"), d21), row("S", "0.99")));
    assertEquals(dec("0.1"), f.eval(x.cast(f.col("S"), d21), row("S", "0.10")));
    // "decimal to decimal"
    assertEquals(dec("10.120"), f.eval(x.cast(f.col("DEC"), SqlType.decimal(5, 3)),
        row("DEC", dec("10.12"))));
    assertEquals(dec("12.8"), f.eval(x.cast(f.col("DEC"), SqlType.decimal(3, 1)),
        row("DEC", dec("12.75"))));
    assertEquals(dec("-0.1"), f.eval(x.cast(f.col("DEC"), SqlType.decimal(2, 1)),
        row("DEC", dec("-0.05"))));
    assertEquals(dec("42.00"), f.eval(x.cast(f.col("I"), SqlType.decimal(4, 2)), row("I", 42)));
    assertNull(f.eval(x.cast(f.col("I"), SqlType.decimal(2, 0)), row("I", 100)), "overflow");
  }

  @Test
  void fromString() {
    assertEquals(42, f.eval(x.cast(f.col("S"), SqlType.INTEGER), row("S", " 42 ")));
    assertNull(f.eval(x.cast(f.col("S"), SqlType.INTEGER), row("S", "4x2")));
    assertEquals(1, f.errors.size());
    assertEquals(42L, f.eval(x.cast(f.col("S"), SqlType.BIGINT), row("S", "42")));
    assertEquals(1.5, f.eval(x.cast(f.col("S"), SqlType.DOUBLE), row("S", "1.5")));
    for (String t : List.of("true", "TRUE", "t", "yes", "Y", "tr")) {
      assertEquals(true, f.eval(x.cast(f.col("S"), SqlType.BOOLEAN), row("S", t)), t);
    }
    for (String t : List.of("false", "no", "n", "abc", "", "truex")) {
      assertEquals(false, f.eval(x.cast(f.col("S"), SqlType.BOOLEAN), row("S", t)), t);
    }
    assertEquals(1651182287943L, f.eval(x.cast(f.col("S"), SqlType.TIMESTAMP),
        row("S", "2022-04-28T21:44:47.943")));
    assertEquals(1651182287943L, f.eval(x.cast(f.col("S"), SqlType.TIMESTAMP),
        row("S", "2022-04-28T21:44:47.943Z")));
    assertEquals(1, f.eval(x.cast(f.col("S"), SqlType.DATE), row("S", "1970-01-02")));
    assertEquals(3723000, f.eval(x.cast(f.col("S"), SqlType.TIME), row("S", "01:02:03")));
    assertEquals(new ByteString(new byte[] {'h', 'i'}),
        f.eval(x.cast(f.col("S"), SqlType.BYTES), row("S", "aGk=")));
  }

  @Test
  void betweenTemporalTypes() {
    assertEquals(1, f.eval(x.cast(f.col("TS"), SqlType.DATE), row("TS", 86_400_001L)));
    assertEquals(1, f.eval(x.cast(f.col("TS"), SqlType.TIME), row("TS", 86_400_001L)));
    assertEquals(86_400_000L, f.eval(x.cast(f.col("DT"), SqlType.TIMESTAMP), row("DT", 1)));
  }

  @Test
  void widenings() {
    RexNode intToBigint = x.cast(f.col("I"), SqlType.BIGINT);
    assertEquals(5L, f.eval(intToBigint, row("I", 5)));
    assertTrue(intToBigint.toString().startsWith("CAST("), "Calcite's CAST where it agrees");
    assertEquals(SqlType.STRING, f.typeOf(x.cast(f.col("S"), SqlType.STRING)));
  }

  @Test
  void structuredCastsConvertElementWise() {
    // cast.json: "array<bigint> to array<int>", "map to map with different value type",
    // "map<string, map<string, string>> -> map<string, map<string, int>>"
    RexNode bigints = x.array(List.of(x.literal(1L), x.literal(2147483648L), x.nullLiteral()));
    assertEquals(Arrays.asList(1, Integer.MIN_VALUE, null),
        f.eval(x.cast(bigints, SqlType.array(SqlType.INTEGER))));
    RexNode nested = x.map(List.of(x.literal("k1")),
        List.of(x.map(List.of(x.literal("k2")), List.of(x.literal("10")))));
    assertEquals(Map.of("k1", Map.of("k2", 10)), f.eval(x.cast(nested,
        SqlType.map(SqlType.STRING, SqlType.map(SqlType.STRING, SqlType.INTEGER)))));
    assertEquals(List.of("1", "2"), f.eval(x.cast(f.col("NUMS"), SqlType.array(SqlType.STRING)),
        row("NUMS", List.of(1, 2))));
    assertNull(f.eval(x.cast(f.col("NUMS"), SqlType.array(SqlType.STRING)), emptyRow()));
    // STRUCT to STRUCT by field name; a target field the source lacks is null
    SqlType target = SqlType.struct().field("NUMBER", SqlType.STRING)
        .field("ZIP", SqlType.INTEGER).build();
    Struct s = (Struct) f.eval(x.cast(f.col("ADDR"), target), row("ADDR", address("Main", 7)));
    assertEquals(List.of("NUMBER", "ZIP"), s.fieldNames());
    assertEquals(Arrays.asList("7", null), s);
    // and implicit widening of structured values, e.g. in CASE branches
    RexNode e = x.searchedCase(List.of(f.col("BOOL")), List.of(f.col("NUMS")),
        x.array(List.of(x.literal(5L))));
    assertEquals(SqlType.array(SqlType.BIGINT), f.typeOf(e));
    assertEquals(List.of(1L, 2L), f.eval(e, row("BOOL", true, "NUMS", List.of(1, 2))));
  }

  @Test
  void unsupportedCastsAreRejected() {
    assertThrows(ExpressionTypeException.class, () -> x.cast(f.col("BOOL"), SqlType.INTEGER));
    assertThrows(ExpressionTypeException.class, () -> x.cast(f.col("I"), SqlType.BOOLEAN));
    assertThrows(ExpressionTypeException.class,
        () -> x.cast(f.col("S"), SqlType.map(SqlType.STRING, SqlType.INTEGER)));
    assertThrows(ExpressionTypeException.class, () -> x.cast(f.col("BYT"), SqlType.STRING));
  }
}
