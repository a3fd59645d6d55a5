package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * Searched and simple CASE. Expected values come from ksqlDB's
 * documentation, its source and its query-validation tests.
 */
class CaseExpressionTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void searchedCase() {
    RexNode e = x.searchedCase(
        List.of(x.lt(f.col("I"), x.literal(0)), x.eq(f.col("I"), x.literal(0))),
        List.of(x.literal("negative"), x.literal("zero")),
        x.literal("positive"));
    assertEquals("negative", f.eval(e, row("I", -5)));
    assertEquals("zero", f.eval(e, row("I", 0)));
    assertEquals("positive", f.eval(e, row("I", 5)));
    assertEquals("positive", f.eval(e, emptyRow()), "null conditions do not match");
  }

  @Test
  void noElseIsNull() {
    RexNode e = x.searchedCase(List.of(f.col("BOOL")), List.of(x.literal(1)), null);
    assertEquals(1, f.eval(e, row("BOOL", true)));
    assertNull(f.eval(e, row("BOOL", false)));
    assertNull(f.eval(e, emptyRow()));
  }

  @Test
  void branchesWidenToACommonType() {
    RexNode e = x.searchedCase(List.of(f.col("BOOL")), List.of(f.col("I")), f.col("D"));
    assertEquals(SqlType.DOUBLE, f.typeOf(e));
    assertEquals(3.0, f.eval(e, row("BOOL", true, "I", 3, "D", 1.5)));
    assertEquals("a", f.eval(x.searchedCase(List.of(f.col("BOOL")),
        List.of(x.literal("a")), x.literal("bbb")), row("BOOL", true)), "no CHAR padding");
    assertThrows(ExpressionTypeException.class, () -> x.searchedCase(List.of(f.col("BOOL")),
        List.of(f.col("I")), f.col("S")));
  }

  @Test
  void simpleCase() {
    RexNode e = x.simpleCase(f.col("S"),
        List.of(x.literal("a"), x.literal("b")),
        List.of(x.literal(1), x.literal(2)),
        x.literal(0));
    assertEquals(1, f.eval(e, row("S", "a")));
    assertEquals(2, f.eval(e, row("S", "b")));
    assertEquals(0, f.eval(e, row("S", "z")));
    assertEquals(0, f.eval(e, emptyRow()));
  }

  @Test
  void caseIsLazy() {
    RexNode e = x.searchedCase(List.of(x.eq(f.col("I2"), x.literal(0))), List.of(x.literal(0)),
        x.divide(f.col("I"), f.col("I2")));
    assertEquals(0, f.eval(e, row("I", 1, "I2", 0)));
    assertTrue(f.errors.isEmpty());
  }
}
