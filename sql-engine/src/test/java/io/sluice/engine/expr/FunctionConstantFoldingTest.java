package io.sluice.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * Calls whose arguments are literals: deterministic ones are folded at compile time with the same
 * results as per-record calls; failures still give null; nondeterministic ones stay calls.
 */
class FunctionConstantFoldingTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  @Test
  void literalArgumentsGiveTheSameResults() {
    assertEquals(List.of("foo", "bar"), f.eval(x.call("ARRAY_DISTINCT", x.array(List.of(
        x.literal("foo"), x.literal("bar"), x.literal("foo"))))));
    assertEquals(5L, f.eval(x.call("COALESCE", x.nullLiteral(), x.literal(5L), x.literal(1))));
    assertEquals(SqlType.BIGINT, f.typeOf(x.call("COALESCE", x.nullLiteral(), x.literal(5L),
        x.literal(1))));
    assertEquals(2, f.eval(x.call("LEAST", x.literal(3), x.nullLiteral(), x.literal(2))));
    assertEquals("Hello", f.eval(x.call("INITCAP", x.literal("hELLO"))));
    assertEquals(3.0, f.eval(x.call("ABS", x.literal(-3.0))));
    assertEquals(18993, f.eval(x.call("PARSE_DATE", x.literal("01-Jan-2022"),
        x.literal("dd-MMM-yyyy"))));
  }

  @Test
  void failingConstantCallsAreNullNotCompileErrors() {
    assertNull(f.eval(x.call("ENCODE", x.literal("0x0x"), x.literal("hex"), x.literal("utf8"))));
    assertNull(f.eval(x.call("CONCAT", x.literal("a"))));
  }

  @Test
  void nondeterministicCallsAreNotFolded() {
    RexNode r = x.call("RANDOM");
    Evaluator e = f.compile(r);
    assertTrue(e.source().contains("MathFunctions.random()"), e.source());
    assertFalse(e.evaluate(ExpressionFixture.emptyRow())[0]
        .equals(e.evaluate(ExpressionFixture.emptyRow())[0]));
  }

  @Test
  void functionCallsMixWithColumns() {
    RexNode e = x.call("CONCAT_WS", x.literal("-"), x.call("UCASE", f.col("S")),
        x.call("LCASE", x.literal("B")));
    assertEquals("A-b", f.eval(e, ExpressionFixture.row("S", "a")));
    assertEquals("b", f.eval(e, ExpressionFixture.emptyRow()));
    assertEquals(List.of(1, 2), f.eval(x.call("SLICE", f.col("NUMS"), x.literal(1), x.literal(2)),
        ExpressionFixture.row("NUMS", List.of(1, 2, 3))));
  }
}
