package io.sluice.engine.expr;

import static io.sluice.engine.expr.AstFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every non-lambda expression form from SQL text through {@link AstExpressions}, compiled and
 * evaluated; ksqlDB's semantics as the other expression tests establish them for the builder.
 */
class AstExpressionsTest {

  final AstFixture f = new AstFixture();

  @Test
  void literalsAreTypedByTheirForm() {
    assertEquals(SqlType.INTEGER, f.type("2147483647"));
    assertEquals(SqlType.BIGINT, f.type("2147483648"));
    assertEquals(SqlType.INTEGER, f.type("-5"));
    assertEquals(SqlType.decimal(3, 2), f.type("1.50"));
    assertEquals(SqlType.decimal(3, 2), f.type("0.00"));
    assertEquals(SqlType.DOUBLE, f.type("1.5E1"));
    assertEquals(SqlType.STRING, f.type("'it''s'"));
    assertEquals(SqlType.BOOLEAN, f.type("true"));
    assertEquals(2147483648L, f.eval("2147483648"));
    assertEquals(new BigDecimal("1.50"), f.eval("1.50"));
    assertEquals(15.0, f.eval("1.5E1"));
    assertEquals("it's", f.eval("'it''s'"));
    assertEquals(false, f.eval("FALSE"));
    assertNull(f.eval("CAST(NULL AS INT)"));
  }

  @Test
  void columnsUnqualifiedQualifiedAndAliased() {
    assertEquals(7, f.eval("i", "I", 7));
    assertEquals(7, f.eval("T.I", "I", 7));
    assertEquals(7, f.eval("s.i", "I", 7));
    assertEquals("x", f.eval("`STR`", "STR", "x"));
    assertNull(f.eval("i"));
  }

  @Test
  void unknownColumnsAndSources() {
    f.fails("i + foo", "1:5", "Column 'FOO' cannot be resolved.");
    f.fails("1 +\n  s.bob", "2:3", "Column 'S.BOB' cannot be resolved.");
    f.fails("unknown.i", "1:1", "'UNKNOWN' is not a valid stream/table name or alias.");
    f.fails("`i`", "1:1", "Column 'i' cannot be resolved.");
    ExpressionTypeException e = org.junit.jupiter.api.Assertions.assertThrows(
        ExpressionTypeException.class, () -> f.ast.withClause("SELECT").translate(
            io.sluice.grammar.SqlParser.parseExpression("bob")));
    assertEquals("line 1:1: SELECT column 'BOB' cannot be resolved.", e.getMessage());
  }

  @Test
  void arithmetic() {
    assertEquals(7, f.eval("i + 2", "I", 5));
    assertEquals(SqlType.BIGINT, f.type("i + l"));
    assertEquals(SqlType.DOUBLE, f.type("dec * d"));
    assertEquals(2, f.eval("i / 2", "I", 5));
    assertEquals(1, f.eval("i % 2", "I", 5));
    assertEquals(-5, f.eval("-i", "I", 5));
    assertEquals(5, f.eval("+i", "I", 5));
    assertEquals(3, f.eval("i - 2", "I", 5));
    assertNull(f.eval("i + 2"));
    assertEquals("ab", f.eval("str + 'b'", "STR", "a"));
    assertNull(f.eval("i / 0", "I", 5));
    f.fails("i + b", "1:1", "Unsupported arithmetic types. INTEGER BOOLEAN");
    f.fails("1 + -str", "1:5", "Unsupported arithmetic type for negation: STRING");
    f.fails("+str", "1:1", "Unsupported arithmetic type for unary plus: STRING");
  }

  @Test
  void concat() {
    assertEquals("ab", f.eval("str || 'b'", "STR", "a"));
    // CONCAT skips nulls
    assertEquals("b", f.eval("str || 'b'"));
  }

  @Test
  void comparisonsAndLogic() {
    assertTrue(f.test("i = 1", "I", 1));
    assertTrue(f.test("i <> 2 AND i != 3 AND i < 2 AND i <= 1 AND i > 0 AND i >= 1", "I", 1));
    // a comparison with null is FALSE (not NULL): NOT of it holds
    assertEquals(false, f.eval("i = 1"));
    assertTrue(f.test("NOT (i = 1)"));
    assertTrue(f.test("b OR i = 1", "I", 1));
    assertNull(f.eval("b AND TRUE"));
    assertEquals(false, f.eval("b AND FALSE"));
    assertTrue(f.test("i = l", "I", 1, "L", 1L));
    f.fails("i = str", "1:1", "Cannot compare INTEGER to STRING with this operator");
    f.fails("NOT i", "1:1", "Expected a BOOLEAN, got INTEGER");
  }

  @Test
  void betweenInLike() {
    assertTrue(f.test("i BETWEEN 2 AND 4", "I", 3));
    assertFalse(f.test("i BETWEEN 2 AND 4", "I", 5));
    assertFalse(f.test("i BETWEEN 2 AND 4"));
    assertTrue(f.test("i NOT BETWEEN 2 AND 4", "I", 1));
    assertFalse(f.test("i NOT BETWEEN 2 AND 4", "I", 2));
    assertTrue(f.test("i IN (11, 20, 10)", "I", 10));
    assertFalse(f.test("i IN (11, 20, 10)", "I", 12));
    assertTrue(f.test("i NOT IN (11, 20, 10)", "I", 12));
    assertFalse(f.test("i IN (1, NULL)"));
    assertTrue(f.test("str LIKE 'a%'", "STR", "abc"));
    assertTrue(f.test("str NOT LIKE 'a%'", "STR", "bc"));
    assertTrue(f.test("str LIKE 'a!%' ESCAPE '!'", "STR", "a%"));
    assertFalse(f.test("str LIKE 'a!%' ESCAPE '!'", "STR", "ab"));
    assertNull(f.eval("str LIKE 'a%'"));
    f.fails("i LIKE 'a'", "1:1", "LIKE needs STRING operands, not INTEGER");
  }

  @Test
  void nullTestsAndDistinctFrom() {
    assertEquals(true, f.eval("i IS NULL"));
    assertEquals(false, f.eval("i IS NOT NULL"));
    assertEquals(true, f.eval("i IS NOT NULL", "I", 1));
    assertEquals(false, f.eval("i IS DISTINCT FROM NULL"));
    assertEquals(true, f.eval("i IS DISTINCT FROM 2", "I", 1));
    assertEquals(true, f.eval("i IS NOT DISTINCT FROM l", "I", 1, "L", 1L));
  }

  @Test
  void caseExpressions() {
    String searched = "CASE WHEN i < 0 THEN 'neg' WHEN i = 0 THEN 'zero' ELSE 'pos' END";
    assertEquals("neg", f.eval(searched, "I", -1));
    assertEquals("zero", f.eval(searched, "I", 0));
    assertEquals("pos", f.eval(searched, "I", 3));
    assertNull(f.eval("CASE WHEN i < 0 THEN 'neg' END", "I", 3));
    String simple = "CASE i WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END";
    assertEquals("two", f.eval(simple, "I", 2));
    assertEquals("many", f.eval(simple));
    assertEquals(SqlType.BIGINT, f.type("CASE WHEN b THEN i ELSE l END"));
    f.fails("CASE WHEN b THEN 1 ELSE 'x' END", "1:1",
        "invalid CASE expression: incompatible types INTEGER and STRING");
    f.fails("CASE WHEN i THEN 1 END", "1:1", "Expected a BOOLEAN, got INTEGER");
  }

  @Test
  void casts() {
    assertEquals("5", f.eval("CAST(i AS STRING)", "I", 5));
    assertEquals(new BigDecimal("1.50"), f.eval("CAST('1.5' AS DECIMAL(3, 2))"));
    assertEquals(List.of("1", "2"), f.eval("CAST(nums AS ARRAY<VARCHAR>)", "NUMS", List.of(1, 2)));
    assertEquals(SqlType.map(SqlType.STRING, SqlType.BIGINT),
        f.type("CAST(m AS MAP<STRING, BIGINT>)"));
    f.fails("1 + CAST(b AS ARRAY<INT>)", "1:5", "Cast of BOOLEAN to ARRAY<INTEGER> is not supported");
  }

  @Test
  void constructorsSubscriptsAndFields() {
    assertEquals(List.of(1L, 5L), f.eval("ARRAY[i, l]", "I", 1, "L", 5L));
    assertEquals(SqlType.array(SqlType.BIGINT), f.type("ARRAY[i, l]"));
    assertEquals(Map.of("a", 1, "b", 2), f.eval("MAP('a' := 1, 'b' := i)", "I", 2));
    Struct s = (Struct) f.eval("STRUCT(A := i, `b` := 'x')", "I", 3);
    assertEquals(List.of(3, "x"), new ArrayList<>(s));
    assertEquals(SqlType.struct().field("A", SqlType.INTEGER).field("b", SqlType.STRING).build(),
        f.type("STRUCT(A := i, `b` := 'x')"));
    assertEquals(2, f.eval("nums[2]", "NUMS", List.of(1, 2, 3)));
    assertEquals(3, f.eval("nums[-1]", "NUMS", List.of(1, 2, 3)));
    assertNull(f.eval("nums[5]", "NUMS", List.of(1, 2, 3)));
    assertEquals(4, f.eval("m['k']", "M", Map.of("k", 4)));
    assertEquals(3, f.eval("ARRAY[1, 2, 3][3]"));
    assertEquals("Main", f.eval("addr->street",
        "ADDR", ExpressionFixture.address("Main", 1)));
    assertEquals(1, f.eval("STRUCT(A := STRUCT(B := i))->a->b", "I", 1));
    assertNull(f.eval("addr->street"));
    f.fails("addr->zip", "1:7", "Could not find field 'ZIP'");
    f.fails("i[1]", "1:1", "Subscript expression ([]) can only be used on ARRAY or MAP");
    f.fails("ARRAY[1, 'a']", "1:1", "invalid ARRAY constructor: incompatible types");
    f.fails("ARRAY[]", "1:1", "Array constructor cannot be empty");
  }

  @Test
  void functionCalls() {
    assertEquals("ABC", f.eval("ucase(str)", "STR", "abc"));
    assertEquals("bc", f.eval("SUBSTRING(str, 2)", "STR", "abc"));
    assertEquals(3, f.eval("ARRAY_LENGTH(nums)", "NUMS", List.of(1, 2, 3)));
    f.fails("1 + wont_find_me(i)", "1:5", "Can't find any functions with the name 'WONT_FIND_ME'");
    f.fails("substring(b)", "1:1", "Function 'SUBSTRING' does not accept parameters (BOOLEAN)");
    f.fails("ucase(`lower`)", "1:7", "Column 'lower' cannot be resolved.");
  }

  @Test
  void theInnermostFailingNodeGivesThePosition() {
    f.fails("CASE WHEN b THEN\n  ucase(\n    nums[\n      str]) END", "3:5",
        "array index must be INTEGER, not STRING");
  }
}
