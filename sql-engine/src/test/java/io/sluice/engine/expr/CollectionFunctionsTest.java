package io.sluice.engine.expr;

import static io.sluice.engine.expr.FunctionTester.arg;
import static io.sluice.engine.expr.FunctionTester.array;
import static io.sluice.engine.expr.FunctionTester.bool;
import static io.sluice.engine.expr.FunctionTester.d;
import static io.sluice.engine.expr.FunctionTester.dec;
import static io.sluice.engine.expr.FunctionTester.i;
import static io.sluice.engine.expr.FunctionTester.l;
import static io.sluice.engine.expr.FunctionTester.str;
import static io.sluice.engine.expr.FunctionTester.untypedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generic array, map and null-handling functions: result types bound from the arguments, values
 * as ksqlDB's array-set-functions, array-remove, array-min-max-sort, slice, arrayjoin, map and
 * null cases state.
 */
class CollectionFunctionsTest {

  static final SqlType INTS = SqlType.array(SqlType.INTEGER);

  final FunctionTester f = new FunctionTester();

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void genericResultTypesFollowTheArguments() {
    assertEquals(INTS, f.type("ARRAY_DISTINCT", array(SqlType.INTEGER, 1)));
    assertEquals(SqlType.array(INTS), f.type("ARRAY_DISTINCT", arg(SqlType.array(INTS),
        List.of())));
    assertEquals(SqlType.INTEGER, f.type("ARRAY_MAX", array(SqlType.INTEGER, 1)));
    assertEquals(SqlType.array(SqlType.BIGINT), f.type("ARRAY_CONCAT",
        array(SqlType.INTEGER, 1), array(SqlType.BIGINT, 2L)), "common element type");
    assertEquals(list(1L, 2L), f.call("ARRAY_CONCAT", array(SqlType.INTEGER, 1),
        array(SqlType.BIGINT, 2L)));
    assertThrows(ExpressionTypeException.class, () -> f.call("ARRAY_CONCAT",
        array(SqlType.INTEGER, 1), array(SqlType.STRING, "a")));
    assertThrows(ExpressionTypeException.class, () -> f.call("ARRAY_DISTINCT", i(1)));
  }

  @Test
  void setFunctions() {
    assertEquals(list(0, null, 1, -1), f.call("ARRAY_DISTINCT",
        array(SqlType.INTEGER, 0, null, 1, 0, -1)));
    assertEquals(list(List.of("foo", "bar", "foo"), List.of("foo")), f.call("ARRAY_DISTINCT",
        arg(SqlType.array(SqlType.array(SqlType.STRING)), list(List.of("foo", "bar", "foo"),
            List.of("foo", "bar", "foo"), List.of("foo")))));
    assertNull(f.call("ARRAY_DISTINCT", arg(INTS, null)));
    assertEquals(list(0, -1), f.call("ARRAY_EXCEPT", array(SqlType.INTEGER, 0, 0, 1, 0, -1),
        array(SqlType.INTEGER, 1, -2)));
    assertEquals(list(), f.call("ARRAY_EXCEPT", array(SqlType.INTEGER, 0, 1),
        array(SqlType.INTEGER, 1, -1, 0)));
    assertNull(f.call("ARRAY_EXCEPT", array(SqlType.INTEGER, 0), arg(INTS, null)));
    assertEquals(list(0, 1), f.call("ARRAY_INTERSECT", array(SqlType.INTEGER, 0, 0, 1, 0, -1),
        array(SqlType.INTEGER, 1, -2, 0)));
    assertEquals(list(0, 1, -1, -2), f.call("ARRAY_UNION",
        array(SqlType.INTEGER, 0, 0, 1, 0, -1), array(SqlType.INTEGER, 1, -2, 0)));
    assertEquals(true, f.call("ARRAY_CONTAINS", array(SqlType.STRING, "a", null), str(null)));
    assertEquals(true, f.call("ARRAY_CONTAINS", array(SqlType.BIGINT, 1L, 2L), i(2)));
    assertEquals(false, f.call("ARRAY_CONTAINS", arg(INTS, null), i(2)));
  }

  @Test
  void removeJoinSortSlice() {
    assertEquals(list(null, false), f.call("ARRAY_REMOVE",
        array(SqlType.BOOLEAN, null, false, true), bool(true)));
    assertEquals(list(false, true), f.call("ARRAY_REMOVE",
        array(SqlType.BOOLEAN, null, false, true), bool(null)));
    assertEquals("true|null|false", f.call("ARRAY_JOIN",
        array(SqlType.BOOLEAN, true, null, false), str("|")));
    assertEquals("123.45#987.65", f.call("ARRAY_JOIN", arg(SqlType.array(SqlType.decimal(5, 2)),
        list(new BigDecimal("123.45"), new BigDecimal("987.65"))), str("#")));
    assertEquals("1.23 -23.42 0.0", f.call("ARRAY_JOIN",
        array(SqlType.DOUBLE, 1.23, -23.42, 0.0), str(" ")));
    assertEquals("1,2", f.call("ARRAY_JOIN", array(SqlType.INTEGER, 1, 2)));
    assertEquals(list(-1, 0, 1, null), f.call("ARRAY_SORT", array(SqlType.INTEGER, 1, null, -1,
        0)));
    assertEquals(list(1, 0, -1, null), f.call("ARRAY_SORT", array(SqlType.INTEGER, 1, null, -1,
        0), str("desc")));
    assertEquals(list("b", "c"), f.call("SLICE", array(SqlType.STRING, "a", "b", "c", "d"),
        i(2), i(3)));
    assertEquals(list("c", "d"), f.call("SLICE", array(SqlType.STRING, "a", "b", "c", "d"),
        i(3), i(10)));
    assertEquals(list(), f.call("SLICE", array(SqlType.STRING, "a", "b"), i(3), i(1)));
  }

  @Test
  void maxAndMinIgnoreNulls() {
    assertEquals(true, f.call("ARRAY_MAX", array(SqlType.BOOLEAN, null, false, true)));
    assertEquals("food", f.call("ARRAY_MAX", array(SqlType.STRING, "foo", "fo", "Food", null,
        "F", "food")));
    assertEquals("F", f.call("ARRAY_MIN", array(SqlType.STRING, "foo", "fo", "Food", null,
        "F", "food")));
    assertEquals(new BigDecimal("-9.9"), f.call("ARRAY_MIN", arg(SqlType.array(
        SqlType.decimal(2, 1)), list(new BigDecimal("1.0"), new BigDecimal("-9.9")))));
    assertNull(f.call("ARRAY_MAX", array(SqlType.DOUBLE)));
  }

  @Test
  void maps() {
    SqlType m = SqlType.map(SqlType.STRING, SqlType.array(SqlType.INTEGER));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("foo", List.of(1, 2));
    map.put("bar", null);
    assertEquals(list("bar", "foo"), f.call("ARRAY_SORT",
        arg(SqlType.array(SqlType.STRING), f.call("MAP_KEYS", arg(m, map)))));
    assertEquals(SqlType.array(SqlType.STRING), f.type("MAP_KEYS", arg(m, map)));
    assertEquals(SqlType.array(SqlType.array(SqlType.INTEGER)), f.type("MAP_VALUES", arg(m, map)));
    assertEquals(list(List.of(1, 2), null), f.call("MAP_VALUES", arg(m, map)));
    assertNull(f.call("MAP_KEYS", arg(m, null)));

    SqlType si = SqlType.map(SqlType.STRING, SqlType.INTEGER);
    assertEquals(Map.of("a", 1, "b", 3), f.call("MAP_UNION", arg(si, Map.of("a", 1, "b", 2)),
        arg(si, Map.of("b", 3))));
    assertEquals(Map.of("a", 1), f.call("MAP_UNION", arg(si, Map.of("a", 1)), arg(si, null)));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", 1L);
    expected.put("b", null);
    assertEquals(expected, f.call("AS_MAP", array(SqlType.STRING, "a", "b"),
        array(SqlType.BIGINT, 1L)));
    assertEquals(SqlType.map(SqlType.STRING, SqlType.BIGINT), f.type("AS_MAP",
        array(SqlType.STRING, "a"), array(SqlType.BIGINT, 1L)));

    List<?> entries = (List<?>) f.call("ENTRIES", arg(si, Map.of("b", 2, "a", 1)), bool(true));
    assertEquals(2, entries.size());
    Struct first = (Struct) entries.get(0);
    assertEquals("a", first.get("K"));
    assertEquals(1, first.get("V"));
    assertEquals(SqlType.array(SqlType.struct().field("K", SqlType.STRING)
        .field("V", SqlType.INTEGER).build()), f.type("ENTRIES", arg(si, Map.of()), bool(true)));

    assertEquals(Map.of("a", "1", "b", "2"), f.call("SPLIT_TO_MAP", str("a=1;b=2;c"),
        str(";"), str("=")));
    assertEquals(SqlType.map(SqlType.STRING, SqlType.STRING), f.type("SPLIT_TO_MAP",
        str("a=1"), str(";"), str("=")));
  }

  @Test
  void nullHandlingIsGenericWithWidening() {
    assertEquals(2L, f.call("COALESCE", i(null), l(2L), i(3)));
    assertEquals(SqlType.BIGINT, f.type("COALESCE", i(null), l(2L)));
    assertNull(f.call("COALESCE", str(null), untypedNull()));
    assertEquals("x", f.call("COALESCE", str("x")));
    assertEquals(new BigDecimal("1.50"), f.call("IFNULL", arg(SqlType.decimal(3, 1), null),
        dec("1.50")));
    assertEquals(SqlType.decimal(4, 2), f.type("IFNULL", arg(SqlType.decimal(3, 1), null),
        dec("1.50")));
    assertNull(f.call("NULLIF", i(1), l(1L)));
    assertEquals(1L, f.call("NULLIF", i(1), l(2L)));
    assertEquals(list(1, 2), f.call("IFNULL", arg(INTS, null), array(SqlType.INTEGER, 1, 2)));
    assertEquals(3.5, f.call("AS_VALUE", d(3.5)));
    assertThrows(ExpressionTypeException.class, () -> f.call("IFNULL", str("a"), i(1)));
    assertThrows(ExpressionTypeException.class, () -> f.call("COALESCE"));
  }
}
