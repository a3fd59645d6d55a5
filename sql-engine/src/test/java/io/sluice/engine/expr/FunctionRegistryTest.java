package io.sluice.engine.expr;

import static io.sluice.engine.expr.ExpressionFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.function.FunctionRegistry;
import io.sluice.engine.function.FunctionResolutionException;
import io.sluice.engine.function.Udf;
import io.sluice.engine.types.SluiceTypeSystem;
import io.sluice.engine.types.SqlType;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.junit.jupiter.api.Test;

/** User functions: registration, overloads, varargs, nulls, direct calls. */
public class FunctionRegistryTest {

  /** User functions as a user would write them. */
  public static final class MyFunctions {
    private MyFunctions() {}

    @Udf(name = "TWICE")
    public static Integer twice(Integer i) {
      return i == null ? null : i * 2;
    }

    @Udf(name = "TWICE")
    public static Long twice(Long i) {
      return i == null ? null : i * 2;
    }

    @Udf(name = "TWICE")
    public static String twice(String s) {
      return s == null ? null : s + s;
    }

    @Udf(name = "JOIN_ALL")
    public static String joinAll(String separator, Integer... values) {
      return separator + Arrays.toString(values);
    }

    @Udf(name = "PAIR")
    public static String pair(Long a, Long b) {
      return "longs";
    }

    @Udf(name = "PAIR")
    public static String pair(Double a, Double b) {
      return "doubles";
    }

    @Udf(name = "NULL_SAFE_LENGTH", strict = true)
    public static int length(String s) {
      return s.length(); // strict: never called with null
    }
  }

  final RexBuilder rexBuilder = SluiceTypeSystem.newRexBuilder();
  final FunctionRegistry registry = FunctionRegistry.withBuiltIns().register(MyFunctions.class);
  final ExpressionBuilder x =
      new ExpressionBuilder(rexBuilder, ExpressionFixture.SCHEMA, registry);

  Object eval(RexNode e, Object[] row) {
    return CompiledExpressions.compile(rexBuilder, List.of(e), ExpressionFixture.SCHEMA)
        .evaluate(row)[0];
  }

  @Test
  void exactOverloadWins() {
    assertEquals(SqlType.INTEGER, registry.resolve("twice", List.of(SqlType.INTEGER)).returnType());
    assertEquals(SqlType.BIGINT, registry.resolve("TWICE", List.of(SqlType.BIGINT)).returnType());
    assertEquals(6, eval(x.call("twice", x.column("I")), row("I", 3)));
    assertEquals(6L, eval(x.call("twice", x.column("L")), row("L", 3L)));
    assertEquals("abab", eval(x.call("twice", x.column("S")), row("S", "ab")));
  }

  @Test
  void otherwiseTheFewestWideningsWin() {
    FunctionRegistry.Resolved r = registry.resolve("SUBSTRING", List.of(SqlType.STRING,
        SqlType.INTEGER));
    assertEquals(2, r.argumentTypes().size());
    assertThrows(FunctionResolutionException.class,
        () -> registry.resolve("TWICE", List.of(SqlType.DOUBLE)));
    assertThrows(FunctionResolutionException.class,
        () -> registry.resolve("TWICE", Arrays.asList((SqlType) null)), "NULL fits all: ambiguous");
  }

  @Test
  void widenedCandidatesMustBeUnique() {
    assertEquals("longs", eval(x.call("PAIR", x.column("L"), x.column("L")), row()));
    assertEquals("doubles", eval(x.call("PAIR", x.column("D"), x.column("I")), row()));
    assertThrows(ExpressionTypeException.class,
        () -> x.call("PAIR", x.column("I"), x.column("L")), "BIGINT and DOUBLE both widen");
  }

  @Test
  void varargsPackTrailingArgumentsAndWidenThem() {
    RexNode e = x.call("JOIN_ALL", x.literal("-"), x.column("I"), x.literal(2), x.nullLiteral());
    assertEquals("-[1, 2, null]", eval(e, row("I", 1)));
    assertEquals("-[]", eval(x.call("JOIN_ALL", x.literal("-")), row()));
    assertThrows(ExpressionTypeException.class,
        () -> x.call("JOIN_ALL", x.literal("-"), x.column("L")), "BIGINT does not narrow");
  }

  @Test
  void strictFunctionsAreNotCalledWithNull() {
    assertEquals(3, eval(x.call("NULL_SAFE_LENGTH", x.column("S")), row("S", "abc")));
    assertNull(eval(x.call("NULL_SAFE_LENGTH", x.column("S")), row()));
  }

  @Test
  void userFunctionsAreCalledDirectlyFromGeneratedCode() {
    Evaluator e = CompiledExpressions.compile(rexBuilder,
        List.of(x.call("TWICE", x.column("I"))), ExpressionFixture.SCHEMA);
    assertTrue(e.source().contains(
        "io.sluice.engine.expr.FunctionRegistryTest.MyFunctions.twice((Integer) in[0])")
        || e.source().contains("FunctionRegistryTest$MyFunctions.twice("), e.source());
  }

  @Test
  void signaturesAreListed() {
    assertEquals(4, registry.signatures("substring").size(), "STRING and BYTES");
    assertTrue(registry.signatures("CONCAT").stream()
        .anyMatch(s -> s.toString().equals("CONCAT(STRING...) -> STRING")));
    assertEquals("ARRAY_LENGTH(ARRAY<T>) -> INTEGER",
        registry.signatures("array_length").get(0).toString());
  }

  @Test
  void badRegistrationsAreRejected() {
    FunctionRegistry r = new FunctionRegistry();
    assertThrows(IllegalArgumentException.class, () -> r.register(String.class));
    assertThrows(IllegalArgumentException.class,
        () -> r.register(MyFunctions.class).register(MyFunctions.class), "duplicates");
  }
}
