package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * The built-in functions SUBSTRING, UCASE, CONCAT and ARRAY_LENGTH. Expected values come from ksqlDB's
 * documentation, its source and its query-validation tests.
 */
class FunctionCallTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void substring() {
    // substring.json
    RexNode fromSix = x.call("SUBSTRING", f.col("S"), x.literal(6));
    assertEquals("string", f.eval(fromSix, row("S", "some_string")));
    assertEquals("er", f.eval(fromSix, row("S", "another")));
    assertEquals("", f.eval(fromSix, row("S", "short")));
    RexNode threeFromSix = x.call("SUBSTRING", f.col("S"), x.literal(6), x.literal(3));
    assertEquals("str", f.eval(threeFromSix, row("S", "some_string")));
    assertEquals("er", f.eval(threeFromSix, row("S", "another")));
    assertNull(f.eval(x.call("SUBSTRING", x.cast(x.nullLiteral(), SqlType.STRING),
        x.literal(1))));
    assertNull(f.eval(x.call("SUBSTRING", f.col("S"), x.nullLiteral()), row("S", "abc")));
    assertNull(f.eval(x.call("SUBSTRING", f.col("S"), x.literal(6), x.nullLiteral()),
        row("S", "abc")));
    // negative positions count from the end
    assertEquals("ing", f.eval(x.call("SUBSTRING", f.col("S"), x.literal(-3)),
        row("S", "some_string")));
    assertEquals("in", f.eval(x.call("SUBSTRING", f.col("S"), x.literal(-3), x.literal(2)),
        row("S", "some_string")));
    assertEquals("abc", f.eval(x.call("SUBSTRING", f.col("S"), x.literal(-10)), row("S", "abc")));
    assertEquals("abc", f.eval(x.call("SUBSTRING", f.col("S"), x.literal(0)), row("S", "abc")));
    assertEquals("", f.eval(x.call("SUBSTRING", f.col("S"), x.literal(2), x.literal(-1)),
        row("S", "abc")));
  }

  @Test
  void substringWidensItsArguments() {
    RexNode e = x.call("substring", f.col("S"), f.col("I"));
    assertEquals("bc", f.eval(e, row("S", "abc", "I", 2)));
    // a BIGINT position does not narrow implicitly
    assertThrows(ExpressionTypeException.class, () -> x.call("SUBSTRING", f.col("S"), f.col("L")));
  }

  @Test
  void ucase() {
    assertEquals("ABC", f.eval(x.call("UCASE", f.col("S")), row("S", "aBc")));
    assertNull(f.eval(x.call("UCASE", f.col("S")), emptyRow()));
    assertEquals("ABC", f.eval(x.call("UCASE", x.literal("abc"))));
  }

  @Test
  void concat() {
    assertEquals("abc", f.eval(x.call("CONCAT", f.col("S"), x.literal("b"), x.literal("c")),
        row("S", "a")));
    assertEquals("ac", f.eval(x.call("CONCAT", f.col("S"), x.nullLiteral(), x.literal("c")),
        row("S", "a")));
    assertNull(f.eval(x.call("CONCAT", f.col("S")), row("S", "a")),
        "ksqlDB: at least two arguments, else an error (null)");
  }

  @Test
  void arrayLength() {
    assertEquals(2, f.eval(x.call("ARRAY_LENGTH", f.col("ARR")), row("ARR", List.of("a", "b"))));
    assertEquals(0, f.eval(x.call("ARRAY_LENGTH", f.col("NUMS")), row("NUMS", List.of())));
    assertNull(f.eval(x.call("ARRAY_LENGTH", f.col("ARR")), emptyRow()));
    assertEquals(3, f.eval(x.call("ARRAY_LENGTH",
        x.array(List.of(x.literal(1), x.literal(2), x.literal(3))))));
    assertThrows(ExpressionTypeException.class, () -> x.call("ARRAY_LENGTH", f.col("S")));
  }

  @Test
  void unknownFunctionsAndBadArgumentsAreRejected() {
    assertThrows(ExpressionTypeException.class, () -> x.call("NO_SUCH_FUNCTION"));
    assertThrows(ExpressionTypeException.class, () -> x.call("UCASE", f.col("I")));
    assertThrows(ExpressionTypeException.class, () -> x.call("SUBSTRING", f.col("S")));
  }
}
