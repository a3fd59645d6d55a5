package io.sluice.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.function.FunctionCategory;
import io.sluice.engine.function.FunctionDescription;
import io.sluice.engine.function.FunctionKind;
import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.types.RowSchema;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexBuilder;
import org.junit.jupiter.api.Test;

/**
 * Table functions as the flat-map operator uses them (resolve, evaluate the compiled arguments,
 * call the method), and the DESCRIBE FUNCTION / SHOW FUNCTIONS metadata.
 */
class TableFunctionsAndDescribeTest {

  static final FunctionRegistry REGISTRY = FunctionTester.REGISTRY;
  static final RowSchema INPUT = RowSchema.builder()
      .column("A", SqlType.array(SqlType.STRING)).build();

  /** The rows {@code name(A)} produces for an input row whose column A is {@code array}. */
  static List<?> flatMap(String name, List<?> array) throws Exception {
    RexBuilder rb = SluiceTypeSystem.newRexBuilder();
    ExpressionBuilder x = new ExpressionBuilder(rb, INPUT, REGISTRY);
    FunctionRegistry.Resolved r = REGISTRY.resolveTableFunction(name,
        List.of(x.typeOf(x.column("A"))));
    Evaluator args = CompiledExpressions.compile(rb,
        List.of(x.cast(x.column("A"), r.argumentTypes().get(0))), INPUT);
    Object[] values = args.evaluate(new Object[] {array});
    return (List<?>) r.signature().method().invoke(null, values);
  }

  @Test
  void explodeGivesOneRowPerElement() throws Exception {
    FunctionRegistry.Resolved r = REGISTRY.resolveTableFunction("explode",
        List.of(SqlType.array(SqlType.BIGINT)));
    assertEquals(SqlType.BIGINT, r.returnType());
    assertEquals(List.of(SqlType.array(SqlType.BIGINT)), r.argumentTypes());
    assertEquals(Arrays.asList("a", null, "b"), flatMap("EXPLODE", Arrays.asList("a", null,
        "b")));
    assertEquals(List.of(), flatMap("EXPLODE", null));
  }

  @Test
  void cubeExplodeGivesEveryCombination() throws Exception {
    assertEquals(SqlType.array(SqlType.STRING), REGISTRY.resolveTableFunction("CUBE_EXPLODE",
        List.of(SqlType.array(SqlType.STRING))).returnType());
    assertEquals(List.of(Arrays.asList(null, null), Arrays.asList(null, "two"),
        Arrays.asList("one", null), Arrays.asList("one", "two")),
        flatMap("CUBE_EXPLODE", List.of("one", "two")));
    assertEquals(List.of(Arrays.asList(null, null), Arrays.asList(null, "b")),
        flatMap("CUBE_EXPLODE", Arrays.asList(null, "b")), "no duplicate rows for a null");
  }

  @Test
  void tableAndScalarFunctionsAreNotInterchangeable() {
    assertThrows(FunctionResolutionException.class, () -> REGISTRY.resolve("EXPLODE",
        List.of(SqlType.array(SqlType.STRING))));
    assertThrows(FunctionResolutionException.class, () -> REGISTRY.resolveTableFunction("UCASE",
        List.of(SqlType.STRING)));
    ExpressionFixture f = new ExpressionFixture();
    assertThrows(ExpressionTypeException.class, () -> f.x.call("EXPLODE", f.col("ARR")));
    assertTrue(REGISTRY.isTableFunction("explode"));
    assertFalse(REGISTRY.isTableFunction("ucase"));
  }

  @Test
  void generateSeriesIsAScalarFunctionReturningAnArray() {
    FunctionTester t = new FunctionTester();
    assertEquals(List.of(0, 1, 2, 3), t.call("GENERATE_SERIES", FunctionTester.i(0),
        FunctionTester.i(3)));
    assertEquals(List.of(-2, 0), t.call("GENERATE_SERIES", FunctionTester.i(-2),
        FunctionTester.i(1), FunctionTester.i(2)));
    assertEquals(List.of(9, 6, 3, 0), t.call("GENERATE_SERIES", FunctionTester.i(9),
        FunctionTester.i(0), FunctionTester.i(-3)));
    assertEquals(List.of(1L, -1L), t.call("GENERATE_SERIES", FunctionTester.l(1L),
        FunctionTester.l(-2L), FunctionTester.l(-2L)));
    assertEquals(SqlType.array(SqlType.BIGINT), t.type("GENERATE_SERIES", FunctionTester.l(1L),
        FunctionTester.i(2)));
    assertEquals(null, t.call("GENERATE_SERIES", FunctionTester.i(0), FunctionTester.i(3),
        FunctionTester.i(0)), "step zero: error");
  }

  @Test
  void describeFunction() {
    FunctionDescription d = REGISTRY.describe("substring");
    assertEquals("SUBSTRING", d.name());
    assertEquals(FunctionKind.SCALAR, d.kind());
    assertEquals(FunctionCategory.STRING, d.category());
    Set<String> signatures = d.variations().stream().map(v -> v.signature(d.name())
        + " -> " + v.returnType()).collect(Collectors.toSet());
    assertEquals(Set.of("SUBSTRING(str STRING, pos INTEGER) -> STRING",
        "SUBSTRING(str STRING, pos INTEGER, len INTEGER) -> STRING",
        "SUBSTRING(str BYTES, pos INTEGER) -> BYTES",
        "SUBSTRING(str BYTES, pos INTEGER, len INTEGER) -> BYTES"), signatures);

    FunctionDescription generic = REGISTRY.describe("ARRAY_DISTINCT");
    assertEquals("ARRAY_DISTINCT(array ARRAY<T>)",
        generic.variations().get(0).signature(generic.name()));
    assertEquals("ARRAY<T>", generic.variations().get(0).returnType());
    assertEquals("COALESCE(first T, others T...)",
        REGISTRY.describe("coalesce").variations().get(0).signature("COALESCE"));
    assertEquals("DECIMAL", REGISTRY.describe("ROUND").variations().stream()
        .filter(v -> v.params().get(0).type().equals("DECIMAL") && v.params().size() == 1)
        .findFirst().orElseThrow().returnType());

    FunctionDescription explode = REGISTRY.describe("EXPLODE");
    assertEquals(FunctionKind.TABLE, explode.kind());
    assertEquals(FunctionCategory.TABLE, explode.category());
    String text = explode.format();
    assertTrue(text.contains("Name        : EXPLODE"), text);
    assertTrue(text.contains("Type        : TABLE"), text);
    assertTrue(text.contains("Variation   : EXPLODE(array ARRAY<T>)"), text);
    assertTrue(text.contains("Returns     : T"), text);
    assertThrows(FunctionResolutionException.class, () -> REGISTRY.describe("NOPE"));
  }

  @Test
  void showFunctionsListsEveryBuiltIn() {
    List<FunctionDescription.Summary> all = REGISTRY.list();
    Set<String> names = all.stream().map(FunctionDescription.Summary::name)
        .collect(Collectors.toSet());
    for (String n : List.of("LCASE", "UCASE", "TRIM", "LTRIM", "RTRIM", "LEN", "LPAD", "RPAD",
        "INSTR", "REPLACE", "SPLIT", "SPLIT_TO_MAP", "CONCAT", "CONCAT_WS", "INITCAP", "MASK",
        "MASK_KEEP_LEFT", "MASK_KEEP_RIGHT", "MASK_LEFT", "MASK_RIGHT", "CHR", "ELT", "FIELD",
        "ENCODE", "FROM_BYTES", "TO_BYTES", "UUID", "MD5", "SUBSTRING", "REGEXP_EXTRACT",
        "REGEXP_EXTRACT_ALL", "REGEXP_REPLACE", "REGEXP_SPLIT_TO_ARRAY", "ABS", "CEIL", "FLOOR",
        "ROUND", "TRUNC", "SIGN", "SQRT", "CBRT", "EXP", "LN", "LOG", "POWER", "RANDOM", "PI",
        "ACOS", "ASIN", "ATAN", "ATAN2", "COS", "COSH", "COT", "DEGREES", "RADIANS", "SIN",
        "SINH", "TAN", "TANH", "GREATEST", "LEAST", "GEO_DISTANCE", "INT_FROM_BYTES",
        "BIGINT_FROM_BYTES", "DOUBLE_FROM_BYTES", "COALESCE", "IFNULL", "NULLIF",
        "UNIX_TIMESTAMP", "UNIX_DATE", "FROM_UNIXTIME", "FROM_DAYS", "STRINGTODATE",
        "DATETOSTRING", "STRINGTOTIMESTAMP", "TIMESTAMPTOSTRING", "PARSE_DATE", "FORMAT_DATE",
        "PARSE_TIME", "FORMAT_TIME", "PARSE_TIMESTAMP", "FORMAT_TIMESTAMP", "CONVERT_TZ",
        "DATEADD", "DATESUB", "TIMEADD", "TIMESUB", "TIMESTAMPADD", "TIMESTAMPSUB",
        "EXTRACTJSONFIELD", "JSON_ARRAY_CONTAINS", "JSON_ARRAY_LENGTH", "JSON_CONCAT",
        "JSON_KEYS", "JSON_RECORDS", "IS_JSON_STRING", "TO_JSON_STRING", "ARRAY_CONTAINS",
        "ARRAY_DISTINCT", "ARRAY_EXCEPT", "ARRAY_INTERSECT", "ARRAY_UNION", "ARRAY_JOIN",
        "ARRAY_LENGTH", "ARRAY_MAX", "ARRAY_MIN", "ARRAY_REMOVE", "ARRAY_SORT", "ARRAY_CONCAT",
        "SLICE", "ENTRIES", "MAP_KEYS", "MAP_VALUES", "MAP_UNION", "AS_MAP", "URL_ENCODE_PARAM",
        "URL_DECODE_PARAM", "URL_EXTRACT_FRAGMENT", "URL_EXTRACT_HOST", "URL_EXTRACT_PARAMETER",
        "URL_EXTRACT_PATH", "URL_EXTRACT_PORT", "URL_EXTRACT_PROTOCOL", "URL_EXTRACT_QUERY",
        "AS_VALUE", "EXPLODE", "CUBE_EXPLODE", "GENERATE_SERIES")) {
      assertTrue(names.contains(n), n);
    }
    List<String> sorted = all.stream().map(FunctionDescription.Summary::name).sorted().toList();
    assertEquals(sorted, all.stream().map(FunctionDescription.Summary::name).toList());
    assertEquals(new FunctionDescription.Summary("URL_EXTRACT_HOST", FunctionKind.SCALAR,
        FunctionCategory.URL), all.stream().filter(s -> s.name().equals("URL_EXTRACT_HOST"))
        .findFirst().orElseThrow());
  }
}
