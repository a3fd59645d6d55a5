package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/** How expressions are compiled: one class, direct calls, folding, sharing, errors. */
class CompiledExpressionsTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  /** The text of the generated {@code project} method. */
  static String projectMethod(Evaluator e) {
    String s = e.source();
    int start = s.indexOf("public void project(");
    int end = s.indexOf("public Object projectOne(");
    return s.substring(start, end);
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void functionsAreCalledDirectlyAndColumnsReadFromTheArray() {
    Evaluator e = f.compile(x.call("SUBSTRING", f.col("S"), x.literal(2)),
        x.add(f.col("I"), f.col("I2")));
    String code = projectMethod(e);
    assertTrue(code.contains("io.sluice.engine.function.StringFunctions.substring("), code);
    assertTrue(code.contains("(String) in[6]"), code);
    assertTrue(code.contains("(Integer) in[0]"), code);
    assertFalse(e.source().contains("inputRecord"), "no DataContext lookup per record");
    assertFalse(e.source().contains("root.get("), "no DataContext lookup per record");
    assertFalse(e.source().contains("java.lang.reflect"), "no reflection");
    assertEquals("bc", e.evaluate(row("S", "abc"))[0]);
  }

  @Test
  void constantsAreFoldedBeforeCodeGeneration() {
    Evaluator e = f.compile(
        x.add(x.literal(1), x.multiply(x.literal(2), x.literal(3))),
        x.concat(x.call("UCASE", x.literal("abc")), x.literal("x")),
        x.cast(x.literal(true), SqlType.STRING),
        x.searchedCase(List.of(x.literal(true)), List.of(f.col("I")), x.literal(0)),
        x.and(x.gt(f.col("I"), x.literal(0)), x.literal(true)),
        x.multiply(f.col("D"), x.decimalLiteral("0.908")));
    List<String> p = e.projections();
    assertEquals("7", p.get(0));
    assertTrue(p.get(1).startsWith("'ABCx'"), p.get(1));
    assertTrue(p.get(2).startsWith("'true'"), p.get(2));
    assertEquals("$0", p.get(3));
    assertEquals("IS TRUE(>($0, 0))", p.get(4));
    assertEquals("*($3, 0.908E0)", p.get(5), "the DECIMAL literal became a DOUBLE once");
    assertArrayEquals(new Object[] {7, "ABCx", "true", 5, true, 9.08},
        e.evaluate(row("I", 5, "D", 10.0)));
  }

  @Test
  void commonSubexpressionsAreComputedOnce() {
    RexNode upper = x.call("UCASE", f.col("S"));
    Evaluator e = CompiledExpressions.compile(f.rexBuilder,
        List.of(upper, x.concat(upper, x.literal("!")), x.call("SUBSTRING", upper, x.literal(2))),
        null, ExpressionFixture.SCHEMA);
    assertEquals(1, count(projectMethod(e), "StringFunctions.ucase("), projectMethod(e));
    assertArrayEquals(new Object[] {"AB", "AB!", "B"}, e.evaluate(row("S", "ab")));
  }

  @Test
  void conditionAndProjectionsShareOneClass() {
    Evaluator e = CompiledExpressions.compile(f.rexBuilder,
        List.of(x.call("UCASE", f.col("S")), x.multiply(f.col("I"), x.literal(2))),
        x.and(x.gt(f.col("I"), x.literal(0)), x.like(f.col("S"), x.literal("a%"), null)),
        ExpressionFixture.SCHEMA);
    assertEquals(1, count(e.source(), "implements io.sluice.engine.expr.GeneratedExpressions"));
    assertTrue(e.test(row("I", 1, "S", "abc")));
    assertFalse(e.test(row("I", 1, "S", "bcd")));
    assertFalse(e.test(row("S", "abc")));
    Object[] out = new Object[2];
    e.evaluate(row("I", 1, "S", "abc"), out);
    assertArrayEquals(new Object[] {"ABC", 2}, out);
    e.evaluate(row("I", 3, "S", "x"), out);
    assertArrayEquals(new Object[] {"X", 6}, out, "the output array is reusable");
    assertEquals(List.of(SqlType.STRING, SqlType.INTEGER), e.outputTypes());
  }

  @Test
  void constantPartsAreHoistedToStaticFields() {
    Evaluator e = f.compile(x.like(f.col("S"), x.literal("a_c%"), null),
        x.add(f.col("DEC"), x.decimalLiteral("1.25")));
    String s = e.source();
    assertTrue(s.contains("static final io.sluice.engine.expr.LikeMatcher"), s);
    assertTrue(s.contains("static final java.math.BigDecimal"), s);
    assertFalse(projectMethod(e).contains("likeMatcher("), "compiled once, not per record");
  }

  @Test
  void aConditionThatIsAlwaysTrueIsDropped() {
    Evaluator e = CompiledExpressions.compile(f.rexBuilder, List.of(f.col("I")),
        x.or(x.literal(true), f.col("BOOL")), ExpressionFixture.SCHEMA);
    assertNull(e.condition());
    assertTrue(e.test(emptyRow()));
    Evaluator never = f.compileFilter(x.and(x.literal(false), f.col("BOOL")));
    assertFalse(never.test(row("BOOL", true)));
  }

  @Test
  void failuresAreReportedPerProjection() {
    List<String> seen = new ArrayList<>();
    Evaluator e = CompiledExpressions.compile(f.rexBuilder,
        List.of(f.col("I"), x.cast(f.col("S"), SqlType.INTEGER), x.divide(f.col("I"), f.col("I2"))),
        null, ExpressionFixture.SCHEMA,
        (index, expr, row, error) -> seen.add(index + " " + expr + " " + error.getClass()
            .getSimpleName()));
    assertArrayEquals(new Object[] {1, null, null}, e.evaluate(row("I", 1, "I2", 0, "S", "x")));
    assertEquals(List.of("1 CAST_AS_INTEGER($6) NumberFormatException",
        "2 /($0, $1) ArithmeticException"), seen);
    assertArrayEquals(new Object[] {4, 7, 2}, e.evaluate(row("I", 4, "I2", 2, "S", "7")));
  }

  @Test
  void inputsAreCheckedAgainstTheSchema() {
    RowSchema other = RowSchema.builder().column("I", SqlType.STRING).build();
    assertThrows(IllegalArgumentException.class,
        () -> CompiledExpressions.compile(f.rexBuilder, List.of(f.col("I")), other));
    assertThrows(IllegalArgumentException.class,
        () -> CompiledExpressions.compile(f.rexBuilder, List.of(f.col("ADDR")), other));
    assertThrows(IllegalArgumentException.class,
        () -> f.compile(x.nullLiteral()));
  }

  @Test
  void evaluatorsAreThreadSafe() throws Exception {
    Evaluator e = f.compile(x.concat(x.call("UCASE", f.col("S")), x.cast(f.col("I"), SqlType.STRING)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            if (!("AB" + i).equals(e.evaluate(row("S", "ab", "I", i))[0])) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void conditionsThatDifferInTheValuesTheyCompareWithShareOneClass() {
    Evaluator five = f.compileFilter(x.gt(f.col("I"), x.literal(5)));
    Evaluator seven = f.compileFilter(x.gt(f.col("I"), x.literal(7)));
    assertEquals(five.source(), seven.source(), "the compared values are parameters");
    assertTrue(five.test(row("I", 6)));
    assertFalse(seven.test(row("I", 6)));
    assertFalse(five.test(emptyRow()), "NULL > 5 is not true");
    Evaluator a = f.compileFilter(x.and(x.eq(f.col("S"), x.literal("a")), x.ge(f.col("L"), x.literal(3L))));
    Evaluator b = f.compileFilter(x.and(x.eq(x.literal("b"), f.col("S")), x.ge(f.col("L"), x.literal(4L))));
    assertTrue(a.test(row("S", "a", "L", 3L)));
    assertFalse(a.test(row("S", "b", "L", 4L)));
    assertTrue(b.test(row("S", "b", "L", 4L)));
    assertFalse(b.test(row("S", "b", "L", 3L)));
  }

  @Test
  void theSameExpressionsAreCompiledOnce() {
    Evaluator a = f.compile(f.col("I"));
    Evaluator b = f.compile(f.col("I"));
    Evaluator other = f.compile(f.col("S"));
    assertTrue(a.source().equals(b.source()), "one generated class for the same expressions");
    assertFalse(a.source().equals(other.source()));
    assertSame(5, a.evaluate(row("I", 5))[0]);
    assertSame(6, b.evaluate(row("I", 6))[0]);
  }
}
