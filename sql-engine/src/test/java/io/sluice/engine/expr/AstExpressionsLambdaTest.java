package io.sluice.engine.expr;

import static io.sluice.engine.expr.AstFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TRANSFORM, FILTER and REDUCE from SQL text: typing, evaluation of compiled lambdas (nested,
 * capturing outer columns), nulls and errors. Expected values follow ksqlDB's query-validation
 * tests (transform-array, transform-map, filter, reduce-array, reduce-map, complex-lambda).
 */
class AstExpressionsLambdaTest {

  final AstFixture f = new AstFixture();

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  static Map<Object, Object> map(Object... keyValues) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void transformArray() {
    assertEquals(SqlType.array(SqlType.INTEGER), f.type("TRANSFORM(nums, x => x + 5)"));
    assertEquals(list(8, 11), f.eval("TRANSFORM(nums, x => x + 5)", "NUMS", list(3, 6)));
    assertNull(f.eval("TRANSFORM(nums, x => x + 5)"));
    // transform-array.json: arithmetic on a null element fails the whole call, as in ksqlDB
    assertNull(f.eval("TRANSFORM(nums, x => x + 5)", "NUMS", list(5, null)));
    assertNull(f.eval("TRANSFORM(nums, x => -x)", "NUMS", list(5, null)));
    assertNull(f.eval("TRANSFORM(nums, x => x + i)", "NUMS", list(5), "I", null));
    // outside a lambda a null operand gives NULL
    assertNull(f.eval("i + 5"));
    assertEquals(list("HELLO", null, "NULL"),
        f.eval("TRANSFORM(words, x => UCASE(x))", "WORDS", list("hello", null, "null")));
    assertEquals(list(), f.eval("TRANSFORM(nums, x => x + 5)", "NUMS", list()));
  }

  @Test
  void transformArrayChangesTheElementType() {
    assertEquals(SqlType.array(SqlType.STRING), f.type("transform(nums, x => CAST(x AS STRING))"));
    assertEquals(list("1", "2"), f.eval("transform(nums, x => CAST(x AS STRING))",
        "NUMS", list(1, 2)));
    Object structs = f.eval("TRANSFORM(nums, x => STRUCT(Q := x + 5, P := 'h'))",
        "NUMS", list(2, 0));
    assertEquals(List.of(List.of(7, "h"), List.of(5, "h")),
        ((List<?>) structs).stream().map(s -> new ArrayList<>((Struct) s)).toList());
  }

  @Test
  void intervalUnitArgumentInALambda() {
    // the unit is passed as its name: TIMESTAMPADD(STRING, INTEGER, TIMESTAMP)
    assertEquals(list(8L, 11L, null),
        f.eval("TRANSFORM(ARRAY[L, L + 3, NULL],"
            + " x => timestampadd(milliseconds, 5, FROM_UNIXTIME(x)))", "L", 3L));
    assertEquals(3L + 2 * 86_400_000L, f.eval("TIMESTAMPADD(DAYS, 2, FROM_UNIXTIME(L))",
        "L", 3L));
  }

  @Test
  void transformMap() {
    Object out = f.eval("TRANSFORM(m, (k, v) => UCASE(k), (k, v) => v * 2)",
        "M", map("a", 1, "b", 2));
    assertEquals(map("A", 2, "B", 4), out);
    assertEquals(SqlType.map(SqlType.STRING, SqlType.INTEGER),
        f.type("TRANSFORM(m, (k, v) => UCASE(k), (k, v) => v * 2)"));
    assertEquals(SqlType.map(SqlType.INTEGER, SqlType.STRING),
        f.type("TRANSFORM(m, (k, v) => v, (k, v) => k)"));
    assertNull(f.eval("TRANSFORM(m, (k, v) => UCASE(k), (k, v) => v * 2)"));
  }

  @Test
  void transformMapWithDuplicateNewKeysFailsTheRecord() {
    // transform-map.json: two entries mapping to one key make the whole expression NULL
    assertNull(f.eval("TRANSFORM(m, (k, v) => 'same', (k, v) => v)", "M", map("a", 1, "b", 2)));
    assertEquals(1, f.errors.size(), f.errors.toString());
  }

  @Test
  void filterArrayAndMap() {
    assertEquals(list(6, 10), f.eval("filter(nums, x => x > 5)", "NUMS", list(3, 6, 2, 10)));
    // a comparison with null is FALSE, so null elements go
    assertEquals(list(), f.eval("filter(nums, x => x > 5)", "NUMS", list(5, null)));
    assertNull(f.eval("filter(nums, x => x > 5)"));
    assertEquals(SqlType.array(SqlType.INTEGER), f.type("filter(nums, x => x > 5)"));
    assertEquals(map("bcd", 2), f.eval("FILTER(m, (k, v) => LEN(k) > 2 AND v > 1)",
        "M", map("a", 5, "bcd", 2, "efg", 0)));
    assertEquals(SqlType.map(SqlType.STRING, SqlType.INTEGER),
        f.type("FILTER(m, (k, v) => v > 1)"));
  }

  @Test
  void reduceArray() {
    assertEquals(11, f.eval("REDUCE(nums, 2, (s, x) => s + x)", "NUMS", list(3, 6)));
    assertNull(f.eval("REDUCE(nums, 2, (s, x) => s + x)", "NUMS", list(5, null)));
    // reduce-array.json: a null array gives the initial state, a null state gives null
    assertEquals(2, f.eval("REDUCE(nums, 2, (s, x) => s + x)"));
    assertNull(f.eval("REDUCE(nums, i, (s, x) => s + x)", "NUMS", list(1, 2)));
    assertEquals("blahblahblaaah", f.eval("REDUCE(words, '', (state, x) => concat(state, x))",
        "WORDS", list("blah", "blah", "blaaah")));
    assertEquals(SqlType.STRING, f.type("REDUCE(words, '', (state, x) => concat(state, x))"));
  }

  @Test
  void reduceConvertsTheLambdaResultToTheStateType() {
    assertEquals(SqlType.BIGINT, f.type("REDUCE(nums, L, (s, x) => s + x)"));
    assertEquals(13L, f.eval("REDUCE(nums, L, (s, x) => s + x)", "NUMS", list(3, 6), "L", 4L));
    assertEquals(SqlType.DOUBLE, f.type("REDUCE(nums, 1.5E0, (s, x) => x)"));
    f.fails("REDUCE(nums, 0, (s, x) => s + L)", "1:27",
        "REDUCE: the lambda returns BIGINT but must return INTEGER");
  }

  @Test
  void reduceMap() {
    assertEquals(10, f.eval("REDUCE(m, 0, (s, k, v) => s + v * LEN(k))",
        "M", map("a", 2, "bb", 4)));
    assertEquals(7, f.eval("REDUCE(m, 7, (s, k, v) => s + v)"));
  }

  @Test
  void lambdasCaptureOuterColumns() {
    assertEquals(list(13, 16), f.eval("TRANSFORM(nums, x => x + i)", "NUMS", list(3, 6), "I", 10));
    assertEquals(list(3, 6), f.eval("FILTER(nums, x => x > i AND b)",
        "NUMS", list(1, 3, 6), "I", 2, "B", true));
    assertEquals(list(), f.eval("FILTER(nums, x => x > i AND b)",
        "NUMS", list(1, 3, 6), "I", 2, "B", false));
    // qualified outer columns, and an outer column named like the parameter of another lambda
    assertEquals(list(4, 7), f.eval("TRANSFORM(nums, y => y + S.X)", "NUMS", list(3, 6), "X", 1));
  }

  @Test
  void parameterHidesAColumnOfTheSameName() {
    assertEquals(list(4, 7), f.eval("TRANSFORM(nums, x => x + 1)", "NUMS", list(3, 6), "X", 100));
  }

  @Test
  void nestedLambdas() {
    assertEquals(list(list(2, 3), list(4)),
        f.eval("TRANSFORM(nested, a => TRANSFORM(a, x => x + 1))",
            "NESTED", list(list(1, 2), list(3))));
    // the inner lambda reads the outer lambda's parameter and an outer column
    assertEquals(list(list(11, 12), list(8)),
        f.eval("TRANSFORM(nested, a => TRANSFORM(a, x => x + i * ARRAY_LENGTH(a)))",
            "NESTED", list(list(1, 2), list(3)), "I", 5));
    assertEquals(list(3, 3), f.eval(
        "TRANSFORM(nested, a => REDUCE(a, 0, (s, x) => s + x))",
        "NESTED", list(list(1, 2), list(3))));
    // a nested lambda in a FILTER condition, compared with an outer column
    assertEquals(list(list(1, 2), list(3)), f.eval(
        "FILTER(nested, a => REDUCE(a, 0, (s, x) => s + x) > i)",
        "NESTED", list(list(1, 2), list(3)), "I", 2));
    assertEquals(list(list(1, 2)), f.eval(
        "FILTER(nested, a => REDUCE(a, 0, (s, x) => s + x) > i)",
        "NESTED", list(list(1, 2), list(2)), "I", 2));
  }

  @Test
  void complexLambda() {
    // complex-lambda.json
    String sql = "TRANSFORM(FILTER(ma, (a, b) => LEN(a) > 2 AND REDUCE(b, 0, (c, d) => c+d) < 20),"
        + " (X,Y) => UCASE(x), (X,Y) => REDUCE(TRANSFORM(Y, z => z*3), 0, (e, g) => e+g))";
    assertEquals(map("BCD", 6), f.eval(sql, "MA", map("a", list(2, 4, 5), "bcd", list(-5, 7))));
    assertEquals(map(), f.eval(sql, "MA", map("a", null, "bcdefg", list(-15, 72))));
  }

  @Test
  void constantLambdaCallsFold() {
    assertEquals(6, f.eval("REDUCE(ARRAY[1, 2, 3], 0, (s, x) => s + x)"));
    assertTrue(f.compile("REDUCE(ARRAY[1, 2, 3], 0, (s, x) => s + x)").projections().get(0)
        .equals("6"));
  }

  @Test
  void twoLambdaCallsDifferingOnlyInTheirLambdasStayApart() {
    Evaluator e = CompiledExpressions.compile(f.rexBuilder, List.of(
        f.translate("TRANSFORM(nums, x => x + 1)"), f.translate("TRANSFORM(nums, x => x + 2)")),
        AstFixture.SCHEMA);
    Object[] out = e.evaluate(row("NUMS", list(1)));
    assertEquals(list(2), out[0]);
    assertEquals(list(3), out[1]);
  }

  @Test
  void errors() {
    f.fails("TRANSFORM(nums, (x, y) => x)", "1:17",
        "Was expecting 1 arguments but found 2, [X, Y]. Check your lambda statement");
    f.fails("TRANSFORM(m, (k, v) => k)", "1:1", "Function 'TRANSFORM' does not accept "
        + "parameters (MAP<STRING, INTEGER>, LAMBDA(2))");
    f.fails("FILTER(i, x => x > 1)", "1:1", "Function 'FILTER' does not accept parameters "
        + "(INTEGER, LAMBDA(1)). Valid alternatives are: FILTER(ARRAY<T>, T => BOOLEAN)");
    f.fails("FILTER(nums, x => x + 1)", "1:19", "FILTER: the lambda returns INTEGER but must "
        + "return BOOLEAN");
    f.fails("REDUCE(nums, NULL, (s, x) => s)", "1:14", "initial state NULL");
    f.fails("TRANSFORM(NULL, x => x)", "1:11", "cannot infer the element type");
    f.fails("TRANSFORM(nums, x => x + foo)", "1:26", "Column 'FOO' cannot be resolved.");
    f.fails("TRANSFORM(nums, x => TRANSFORM(nums, y => y + z))", "1:47",
        "Column 'Z' cannot be resolved.");
    f.fails("UCASE(x => x)", "1:7", "Function 'UCASE' does not take a lambda");
  }
}
