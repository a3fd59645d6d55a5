package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * Arithmetic on INTEGER, BIGINT, DOUBLE and DECIMAL with ksqlDB's typing and results. Expected values come from ksqlDB's
 * documentation, its source and its query-validation tests.
 */
class ArithmeticTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void integerArithmeticKeepsOrWidensIntegerTypes() {
    Object[] r = row("I", 7, "I2", 2, "L", 10L);
    RexNode intPlusInt = x.add(f.col("I"), f.col("I2"));
    RexNode intPlusBig = x.add(f.col("I"), f.col("L"));
    assertEquals(SqlType.INTEGER, f.typeOf(intPlusInt));
    assertEquals(SqlType.BIGINT, f.typeOf(intPlusBig));
    assertEquals(9, f.eval(intPlusInt, r));
    assertEquals(17L, f.eval(intPlusBig, r));
    assertEquals(5, f.eval(x.subtract(f.col("I"), f.col("I2")), r));
    assertEquals(14, f.eval(x.multiply(f.col("I"), f.col("I2")), r));
    assertEquals(70L, f.eval(x.multiply(f.col("I"), f.col("L")), r));
  }

  @Test
  void integerDivisionTruncatesTowardZero() {
    assertEquals(3, f.eval(x.divide(f.col("I"), f.col("I2")), row("I", 7, "I2", 2)));
    assertEquals(-3, f.eval(x.divide(f.col("I"), f.col("I2")), row("I", -7, "I2", 2)));
    assertEquals(3L, f.eval(x.divide(f.col("L"), f.col("I2")), row("L", 7L, "I2", 2)));
    assertEquals(SqlType.INTEGER, f.typeOf(x.divide(f.col("I"), f.col("I2"))));
  }

  @Test
  void integerDivisionByZeroIsNullAndReported() {
    Evaluator e = f.compile(x.divide(f.col("I"), f.col("I2")), x.add(f.col("I"), f.col("I2")));
    Object[] out = e.evaluate(row("I", 7, "I2", 0));
    assertNull(out[0]);
    assertEquals(7, out[1], "the other projections are still computed");
    assertEquals(1, f.errors.size());
    assertTrue(f.errors.get(0).startsWith("0: java.lang.ArithmeticException"), f.errors::toString);
  }

  @Test
  void constantDivisionByZeroIsNotFoldedAndYieldsNullPerRecord() {
    Evaluator e = f.compile(x.divide(x.literal(1), x.literal(0)));
    assertEquals("/(1, 0)", e.projections().get(0));
    assertNull(e.evaluate(emptyRow())[0]);
  }

  @Test
  void remainderHasTheSignOfTheDividend() {
    assertEquals(1, f.eval(x.mod(f.col("I"), f.col("I2")), row("I", 7, "I2", 3)));
    assertEquals(-1, f.eval(x.mod(f.col("I"), f.col("I2")), row("I", -7, "I2", 3)));
    assertEquals(1.5, f.eval(x.mod(f.col("D"), x.literal(2)), row("D", 7.5)));
  }

  @Test
  void integerOverflowWrapsAsInJava() {
    assertEquals(Integer.MIN_VALUE,
        f.eval(x.add(f.col("I"), x.literal(1)), row("I", Integer.MAX_VALUE)));
    assertEquals(Long.MIN_VALUE,
        f.eval(x.add(f.col("L"), x.literal(1)), row("L", Long.MAX_VALUE)));
  }

  @Test
  void doubleArithmetic() {
    // binary-arithmetic.json: col2 + 10 with col2 = 3.21
    assertEquals(13.21, (Double) f.eval(x.add(f.col("D"), x.literal(10)), row("D", 3.21)), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY,
        f.eval(x.divide(f.col("D"), x.literal(0)), row("D", 1.0)));
    assertEquals(SqlType.DOUBLE, f.typeOf(x.add(f.col("I"), f.col("D"))));
    assertEquals(50, f.eval(x.add(x.multiply(x.literal(12), x.literal(4)), x.literal(2))));
  }

  @Test
  void decimalResultTypesFollowKsqlDb() {
    RexNode a = f.col("DEC");
    RexNode b = f.col("DEC2");
    assertEquals(SqlType.decimal(5, 2), f.typeOf(x.add(a, b)));
    assertEquals(SqlType.decimal(5, 2), f.typeOf(x.subtract(a, b)));
    assertEquals(SqlType.decimal(9, 4), f.typeOf(x.multiply(a, b)));
    assertEquals(SqlType.decimal(11, 7), f.typeOf(x.divide(a, b)));
    assertEquals(SqlType.decimal(4, 2), f.typeOf(x.mod(a, b)));
    // INTEGER counts as DECIMAL(10, 0), BIGINT as DECIMAL(19, 0)
    assertEquals(SqlType.decimal(13, 2), f.typeOf(x.add(a, f.col("I"))));
    assertEquals(SqlType.decimal(15, 2), f.typeOf(x.multiply(a, f.col("I"))));
    assertEquals(SqlType.decimal(22, 2), f.typeOf(x.add(a, f.col("L"))));
    // DECIMAL with DOUBLE is DOUBLE
    assertEquals(SqlType.DOUBLE, f.typeOf(x.add(a, f.col("D"))));
  }

  @Test
  void decimalValuesCarryTheResultScale() {
    // decimal.json: addition, subtraction, multiplication, division, mod
    assertEquals(dec("15.11"), f.eval(x.add(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.01"), "DEC2", dec("5.10"))));
    assertEquals(dec("5.00"), f.eval(x.subtract(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.10"), "DEC2", dec("5.10"))));
    assertEquals(dec("20.2000"), f.eval(x.multiply(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.10"), "DEC2", dec("2.00"))));
    assertEquals(dec("-5.0500000"), f.eval(x.divide(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.10"), "DEC2", dec("-2.00"))));
    assertEquals(dec("0.10"), f.eval(x.mod(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.10"), "DEC2", dec("-2.00"))));
    assertEquals(dec("15.01"), f.eval(x.add(f.col("DEC"), f.col("I")),
        row("DEC", dec("10.01"), "I", 5)));
    assertEquals(15.11, (Double) f.eval(x.add(f.col("DEC"), f.col("D")),
        row("DEC", dec("10.01"), "D", 5.1)), 1e-9);
    assertEquals(dec("-10.12"), f.eval(x.negate(f.col("DEC")), row("DEC", dec("10.12"))));
  }

  @Test
  void decimalDivisionByZeroIsNull() {
    assertNull(f.eval(x.divide(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.10"), "DEC2", dec("0.00"))));
    assertNull(f.eval(x.mod(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("10.10"), "DEC2", dec("0.00"))));
  }

  @Test
  void decimalDivisionRoundsHalfUpToTheScale() {
    // ksqlDB gives NULL here (RoundingMode.UNNECESSARY, confluentinc/ksql#9874); Sluice rounds.
    assertEquals(dec("0.3333333"), f.eval(x.divide(f.col("DEC"), f.col("DEC2")),
        row("DEC", dec("1.00"), "DEC2", dec("3.00"))));
  }

  @Test
  void decimalLiteralsAreDecimals() {
    assertEquals(SqlType.decimal(2, 1), f.typeOf(x.decimalLiteral("1.5")));
    assertEquals(SqlType.decimal(3, 2), f.typeOf(x.decimalLiteral("0.00")));
    assertEquals(dec("3.0"), f.eval(x.multiply(x.decimalLiteral("1.5"), x.literal(2))));
  }

  @Test
  void nullOperandGivesNull() {
    assertNull(f.eval(x.add(f.col("I"), f.col("I2")), row("I", 1)));
    assertNull(f.eval(x.multiply(f.col("DEC"), f.col("DEC2")), row("DEC", dec("1.00"))));
    assertNull(f.eval(x.add(f.col("I"), x.nullLiteral()), row("I", 1)));
  }

  @Test
  void stringPlusStringIsJavaConcatenation() {
    assertEquals("ab", f.eval(x.add(f.col("S"), x.literal("b")), row("S", "a")));
    assertEquals("nullb", f.eval(x.add(f.col("S"), x.literal("b")), emptyRow()));
  }

  @Test
  void arithmeticOnOtherTypesIsRejected() {
    assertThrows(ExpressionTypeException.class, () -> x.add(f.col("BOOL"), f.col("I")));
    assertThrows(ExpressionTypeException.class, () -> x.add(f.col("S"), f.col("I")));
    assertThrows(ExpressionTypeException.class, () -> x.negate(f.col("S")));
  }
}
