package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.address;
import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * Comparisons (null is false), IS [NOT] DISTINCT FROM, AND/OR/NOT, IS [NOT] NULL, IN, BETWEEN, LIKE, ||. Expected values come from ksqlDB's
 * documentation, its source and its query-validation tests.
 */
class ComparisonAndLogicTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void numbersCompareAcrossTypes() {
    Object[] r = row("I", 1, "L", 2L, "D", 1.5, "DEC", dec("1.00"));
    assertEquals(true, f.eval(x.eq(f.col("I"), f.col("DEC")), r));
    assertEquals(true, f.eval(x.lt(f.col("I"), f.col("D")), r));
    assertEquals(true, f.eval(x.lt(f.col("I"), f.col("L")), r));
    assertEquals(false, f.eval(x.gt(f.col("DEC"), f.col("D")), r));
    assertEquals(true, f.eval(x.ge(f.col("L"), f.col("D")), r));
    assertEquals(true, f.eval(x.ne(f.col("I"), f.col("L")), r));
    assertEquals(true, f.eval(x.le(f.col("DEC"), x.decimalLiteral("1.000")), r));
  }

  @Test
  void decimalsCompareByValueNotScale() {
    assertEquals(true, f.eval(x.eq(f.col("DEC"), x.decimalLiteral("10.010")),
        row("DEC", dec("10.01"))));
  }

  @Test
  void stringsCompareLexicographically() {
    assertEquals(true, f.eval(x.lt(f.col("S"), x.literal("b")), row("S", "a")));
    assertEquals(true, f.eval(x.eq(f.col("S"), x.literal("a")), row("S", "a")));
  }

  @Test
  void comparisonWithNullIsFalseNotNull() {
    // decimal.json "equal - decimal decimal": null = x gives false
    assertEquals(false, f.eval(x.eq(f.col("I"), f.col("I2")), row("I", 1)));
    assertEquals(false, f.eval(x.eq(f.col("I"), f.col("I2")), emptyRow()));
    assertEquals(false, f.eval(x.ne(f.col("I"), f.col("I2")), row("I", 1)));
    assertEquals(false, f.eval(x.lt(f.col("I"), x.nullLiteral()), row("I", 1)));
    // ... and so its negation is true
    assertEquals(true, f.eval(x.not(x.eq(f.col("I"), f.col("I2"))), row("I", 1)));
  }

  @Test
  void isDistinctFromIsNullSafe() {
    RexNode distinct = x.isDistinctFrom(f.col("DEC"), f.col("DEC2"));
    assertEquals(false, f.eval(distinct, row("DEC", dec("10.01"), "DEC2", dec("10.01"))));
    assertEquals(true, f.eval(distinct, row("DEC", dec("10.01"), "DEC2", dec("12.01"))));
    assertEquals(true, f.eval(distinct, row("DEC2", dec("10.01"))));
    assertEquals(false, f.eval(distinct, emptyRow()));
    RexNode same = x.isNotDistinctFrom(f.col("I"), f.col("I2"));
    assertEquals(true, f.eval(same, emptyRow()));
    assertEquals(false, f.eval(same, row("I", 1)));
  }

  @Test
  void temporalValuesCompareWithEachOtherAndWithStrings() {
    Object[] r = row("TS", 1651182287943L, "DT", 19110, "TM", 3723000);
    assertEquals(true, f.eval(x.gt(f.col("TS"), x.literal("2022-04-28T00:00:00")), r));
    assertEquals(true, f.eval(x.eq(f.col("DT"), x.literal("2022-04-28")), r));
    assertEquals(true, f.eval(x.lt(f.col("DT"), f.col("TS")), r), "DATE as midnight TIMESTAMP");
    assertEquals(true, f.eval(x.eq(f.col("TM"), x.literal("01:02:03")), r));
    assertThrows(ExpressionTypeException.class, () -> x.lt(f.col("TM"), f.col("TS")));
  }

  @Test
  void booleansOnlyCompareForEquality() {
    assertEquals(true, f.eval(x.eq(f.col("BOOL"), x.literal(true)), row("BOOL", true)));
    assertThrows(ExpressionTypeException.class, () -> x.lt(f.col("BOOL"), x.literal(true)));
    assertThrows(ExpressionTypeException.class, () -> x.eq(f.col("BOOL"), f.col("I")));
    assertThrows(ExpressionTypeException.class, () -> x.eq(f.col("S"), f.col("I")));
  }

  @Test
  void structuredValuesCompareForEquality() {
    assertEquals(true, f.eval(x.eq(f.col("ARR"), x.array(List.of(x.literal("a"), x.literal("b")))),
        row("ARR", List.of("a", "b"))));
    assertEquals(false, f.eval(x.eq(f.col("ARR"), x.array(List.of(x.literal("a")))),
        row("ARR", List.of("a", "b"))));
    assertEquals(true, f.eval(x.eq(f.col("M"), x.map(List.of(x.literal("k")),
        List.of(x.literal(1)))), row("M", Map.of("k", 1))));
    Struct home = address("Main", 1);
    assertEquals(true, f.eval(x.eq(f.col("ADDR"), x.struct(List.of("STREET", "NUMBER"),
        List.of(x.literal("Main"), x.literal(1)))), row("ADDR", home)));
    assertThrows(ExpressionTypeException.class, () -> x.lt(f.col("ARR"), f.col("ARR")));
  }

  @Test
  void andOrNotUseThreeValuedLogic() {
    RexNode n = f.col("BOOL"); // null in these rows
    Object[] r = emptyRow();
    assertEquals(false, f.eval(x.and(n, x.literal(false)), r));
    assertNull(f.eval(x.and(n, x.literal(true)), r));
    assertEquals(true, f.eval(x.or(n, x.literal(true)), r));
    assertNull(f.eval(x.or(n, x.literal(false)), r));
    assertNull(f.eval(x.not(n), r));
    assertEquals(false, f.eval(x.not(n), row("BOOL", true)));
    assertEquals(true, f.eval(x.and(n, x.literal(true)), row("BOOL", true)));
  }

  @Test
  void aFilterPassesOnlyTrue() {
    Evaluator filter = f.compileFilter(x.and(f.col("BOOL"), x.gt(f.col("I"), x.literal(0))));
    assertTrue(filter.test(row("BOOL", true, "I", 1)));
    assertFalse(filter.test(row("BOOL", true, "I", 0)));
    assertFalse(filter.test(row("I", 1)), "NULL AND TRUE is NULL: does not pass");
    Evaluator failing = f.compileFilter(x.gt(x.divide(f.col("I"), f.col("I2")), x.literal(0)));
    assertFalse(failing.test(row("I", 1, "I2", 0)), "an error does not pass");
    assertEquals(1, f.errors.size());
  }

  @Test
  void isNullAndIsNotNull() {
    assertEquals(true, f.eval(x.isNull(f.col("S")), emptyRow()));
    assertEquals(false, f.eval(x.isNotNull(f.col("S")), emptyRow()));
    assertEquals(true, f.eval(x.isNotNull(f.col("ADDR")), row("ADDR", address("x", 1))));
    assertEquals(true, f.eval(x.isNull(x.divide(f.col("I"), f.col("I2"))), row("I", 1)));
  }

  @Test
  void inList() {
    RexNode in = x.in(f.col("I"), List.of(x.literal(1), x.literal(2L), x.nullLiteral()));
    assertEquals(true, f.eval(in, row("I", 2)));
    assertEquals(false, f.eval(in, row("I", 3)));
    assertEquals(false, f.eval(in, emptyRow()), "null is in nothing, and it is false");
    assertEquals(true, f.eval(x.in(f.col("DEC"), List.of(x.literal(1), x.decimalLiteral("2.5"))),
        row("DEC", dec("1.00"))));
    assertEquals(true, f.eval(x.in(f.col("S"), List.of(x.field(f.col("ADDR"), "STREET"),
        x.literal("b"))), row("S", "b")), "mixing columns and literals");
    assertEquals(false, f.eval(x.in(f.col("I"), List.of(x.nullLiteral())), row("I", 1)));
    assertEquals(true, f.eval(x.not(x.in(f.col("I"), List.of(x.literal(1)))), emptyRow()));
  }

  @Test
  void between() {
    RexNode between = x.between(f.col("I"), x.literal(1), x.literal(3));
    assertEquals(true, f.eval(between, row("I", 1)));
    assertEquals(true, f.eval(between, row("I", 3)));
    assertEquals(false, f.eval(between, row("I", 4)));
    assertEquals(false, f.eval(between, emptyRow()));
    assertEquals(true, f.eval(x.between(f.col("D"), x.literal(1), x.decimalLiteral("2.5")),
        row("D", 2.5)));
    assertEquals(true, f.eval(x.between(f.col("S"), x.literal("a"), x.literal("c")),
        row("S", "b")));
  }

  @Test
  void like() {
    RexNode prefix = x.like(f.col("S"), x.literal("A%"), null);
    assertEquals(true, f.eval(prefix, row("S", "Abc")));
    assertEquals(false, f.eval(prefix, row("S", "abc")), "case-sensitive");
    assertNull(f.eval(prefix, emptyRow()));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("%b%"), null), row("S", "abc")));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("%c"), null), row("S", "abc")));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("a_c"), null), row("S", "abc")));
    assertEquals(false, f.eval(x.like(f.col("S"), x.literal("a_c"), null), row("S", "abbc")));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("abc"), null), row("S", "abc")));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("a.*"), null), row("S", "a.*")),
        "regex characters are literal");
    assertEquals(false, f.eval(x.like(f.col("S"), x.literal("a.*"), null), row("S", "ab")));
  }

  @Test
  void likeWithEscape() {
    RexNode percent = x.like(f.col("S"), x.literal("100!%"), '!');
    assertEquals(true, f.eval(percent, row("S", "100%")));
    assertEquals(false, f.eval(percent, row("S", "1000")));
    RexNode underscore = x.like(f.col("S"), x.literal("a!_%"), '!');
    assertEquals(true, f.eval(underscore, row("S", "a_xyz")));
    assertEquals(false, f.eval(underscore, row("S", "abxyz")));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("a!!b"), '!'), row("S", "a!b")));
    assertEquals(true, f.eval(x.like(f.col("S"), x.literal("\"q\"\\%"), null),
        row("S", "\"q\"\\ and more")), "quotes and backslashes survive code generation");
    assertThrows(ExpressionTypeException.class,
        () -> x.like(f.col("S"), x.literal("abc!"), '!'));
  }

  @Test
  void likeWithAPatternPerRecord() {
    RexNode dynamic = x.like(f.col("S"), x.concat(x.field(f.col("ADDR"), "STREET"), x.literal("%")),
        null);
    assertEquals(true, f.eval(dynamic, row("S", "Abc", "ADDR", address("A", 1))));
    assertEquals(false, f.eval(dynamic, row("S", "Abc", "ADDR", address("B", 1))));
    assertEquals(true, f.eval(dynamic, row("S", "Abc", "ADDR", address(null, 1))),
        "CONCAT skips the null street: the pattern is '%'");
    assertNull(f.eval(dynamic, row("ADDR", address("A", 1))));
  }

  @Test
  void concatOperatorSkipsNulls() {
    assertEquals("ab", f.eval(x.concat(f.col("S"), x.literal("b")), row("S", "a")));
    assertEquals("b", f.eval(x.concat(f.col("S"), x.literal("b")), emptyRow()));
    assertEquals("", f.eval(x.concat(f.col("S"), f.col("S")), emptyRow()));
    assertEquals("abc", f.eval(x.concat(x.concat(f.col("S"), x.literal("b")), x.literal("c")),
        row("S", "a")));
  }
}
