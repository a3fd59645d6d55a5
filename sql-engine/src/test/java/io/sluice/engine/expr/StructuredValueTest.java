package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.address;
import static io.sluice.engine.expr.ExpressionFixture.emptyRow;
import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/**
 * Subscripts, field access and constructors of ARRAY, MAP and STRUCT values. Expected values come from ksqlDB's
 * documentation, its source and its query-validation tests.
 */
class StructuredValueTest {

  final ExpressionFixture f = new ExpressionFixture();
  final ExpressionBuilder x = f.x;

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void arraySubscriptIsOneBasedAndNegativeFromTheEnd() {
    RexNode first = x.subscript(f.col("ARR"), x.literal(1));
    RexNode last = x.subscript(f.col("ARR"), x.literal(-1));
    // arrayindex.json
    assertEquals("Red", f.eval(first, row("ARR", List.of("Red", "Green"))));
    assertEquals("Black", f.eval(first, row("ARR", List.of("Black"))));
    assertNull(f.eval(first, row("ARR", Arrays.asList(null, "Yellow"))));
    assertNull(f.eval(first, row("ARR", List.of())));
    assertEquals("Green", f.eval(last, row("ARR", List.of("Red", "Green"))));
    assertNull(f.eval(last, row("ARR", List.of())));
    assertNull(f.eval(x.subscript(f.col("ARR"), x.literal(3)), row("ARR", List.of("a", "b"))));
    assertNull(f.eval(x.subscript(f.col("ARR"), x.literal(-3)), row("ARR", List.of("a", "b"))));
    assertNull(f.eval(x.subscript(f.col("ARR"), x.literal(0)), row("ARR", List.of("a", "b"))));
    assertNull(f.eval(first, emptyRow()));
    assertEquals("b", f.eval(x.subscript(f.col("ARR"), f.col("I")),
        row("ARR", List.of("a", "b"), "I", 2)));
    assertEquals(20, f.eval(x.subscript(f.col("NUMS"), x.literal(2L)),
        row("NUMS", List.of(10, 20))));
    assertEquals(SqlType.STRING, f.typeOf(first));
  }

  @Test
  void mapSubscript() {
    RexNode k = x.subscript(f.col("M"), x.literal("k"));
    assertEquals(5, f.eval(k, row("M", Map.of("k", 5))));
    assertNull(f.eval(k, row("M", Map.of("j", 5))));
    assertNull(f.eval(k, emptyRow()));
    assertEquals(SqlType.INTEGER, f.typeOf(k));
  }

  @Test
  void structFieldAccess() {
    RexNode street = x.field(f.col("ADDR"), "STREET");
    assertEquals("Main", f.eval(street, row("ADDR", address("Main", 1))));
    assertNull(f.eval(street, emptyRow()));
    assertNull(f.eval(street, row("ADDR", address(null, 1))));
    assertEquals(1, f.eval(x.field(f.col("ADDR"), "number"), row("ADDR", address("Main", 1))));
    assertThrows(ExpressionTypeException.class, () -> x.field(f.col("ADDR"), "ZIP"));
    assertThrows(ExpressionTypeException.class, () -> x.field(f.col("S"), "ZIP"));
  }

  @Test
  void arrayConstructor() {
    RexNode a = x.array(List.of(f.col("I"), x.literal(2L), x.nullLiteral()));
    assertEquals(SqlType.array(SqlType.BIGINT), f.typeOf(a));
    assertEquals(Arrays.asList(1L, 2L, null), f.eval(a, row("I", 1)));
    assertEquals("b", f.eval(x.subscript(x.array(List.of(x.literal("a"), f.col("S"))),
        x.literal(-1)), row("S", "b")));
    assertThrows(ExpressionTypeException.class, () -> x.array(List.of(x.nullLiteral())));
    assertThrows(ExpressionTypeException.class,
        () -> x.array(List.of(x.literal(1), x.literal("a"))));
  }

  @Test
  void mapConstructor() {
    RexNode m = x.map(List.of(x.literal("a"), f.col("S")), List.of(x.literal(1), f.col("I")));
    assertEquals(SqlType.map(SqlType.STRING, SqlType.INTEGER), f.typeOf(m));
    Map<?, ?> value = (Map<?, ?>) f.eval(m, row("S", "b", "I", 2));
    assertEquals(Map.of("a", 1, "b", 2), value);
    assertEquals(2, f.eval(x.subscript(m, x.literal("b")), row("S", "b", "I", 2)));
  }

  @Test
  void structConstructor() {
    RexNode s = x.struct(List.of("NAME", "AGE"), List.of(f.col("S"), f.col("I")));
    assertEquals(SqlType.struct().field("NAME", SqlType.STRING).field("AGE", SqlType.INTEGER)
        .build(), f.typeOf(s));
    Struct v = (Struct) f.eval(s, row("S", "x", "I", 3));
    assertEquals(List.of("NAME", "AGE"), v.fieldNames());
    assertEquals("x", v.get("NAME"));
    assertEquals(3, v.get("AGE"));
    Struct nulls = (Struct) f.eval(s, emptyRow());
    assertEquals(Arrays.asList(null, null), nulls, "a struct of nulls, not a null struct");
    assertEquals(3, f.eval(x.field(s, "AGE"), row("S", "x", "I", 3)));
  }

  @Test
  void structsWithDifferentFieldNamesAreDifferentValues() {
    RexNode a = x.struct(List.of("A"), List.of(f.col("I")));
    RexNode b = x.struct(List.of("B"), List.of(f.col("I")));
    Object[] out = f.compile(a, b).evaluate(row("I", 1));
    assertEquals(List.of("A"), ((Struct) out[0]).fieldNames());
    assertEquals(List.of("B"), ((Struct) out[1]).fieldNames());
  }
}
