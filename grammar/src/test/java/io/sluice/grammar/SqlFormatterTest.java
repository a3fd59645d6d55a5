package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.grammar.ast.*;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlFormatterTest {

  private static String format(String sql) {
    return SqlFormatter.format(SqlParser.parseExpression(sql));
  }

  @Test
  void printsCanonicalSql() {
    assertEquals("A + B * C", format("a+b*c"));
    assertEquals("(A + B) * C", format("(a+b)*c"));
    assertEquals("A - (B - C)", format("a - (b - c)"));
    assertEquals("A OR B AND C", format("a or (b and c)"));
    assertEquals("(A OR B) AND C", format("(a or b) and c"));
    assertEquals("NOT (A AND B)", format("not (a and b)"));
    assertEquals("NOT A = B", format("not a = b"));
    assertEquals("(A = B) = C", format("(a = b) = c"));
    assertEquals("A || B = C", format("a || b = c"));
    assertEquals("-A * B", format("-a * b"));
    assertEquals("-(A * B)", format("-(a * b)"));
    assertEquals("-(-5)", format("- -5"));
    assertEquals("A - -1", format("a - -1"));
    assertEquals("(-1)[2]", format("(-1)[2]"));
    assertEquals("S->`Field`->X[1]['k']", format("s->`Field`->x[1]['k']"));
    assertEquals("T.`My Col`", format("t.`My Col`"));
    assertEquals("`FROM` + `SECONDS` + KEY", format("`FROM` + `SECONDS` + key"));
    assertEquals("'it''s'", format("'it''s'"));
    assertEquals("1.50 + 1.5E+2 + 2147483648 + 0.5E0", format("1.50 + 1.5e2 + 2147483648 + 5e-1"));
    assertEquals("A NOT BETWEEN 1 AND 2", format("a not between 1 and 2"));
    assertEquals("A IN (1, 2) AND B NOT IN ('x')", format("a in (1,2) and b not in ('x')"));
    assertEquals("A NOT LIKE 'x!%' ESCAPE '!'", format("a not like 'x!%' escape '!'"));
    assertEquals("A IS NOT NULL OR B IS DISTINCT FROM C", format("a is not null or b is distinct from c"));
    assertEquals("CASE WHEN A THEN 1 ELSE 2 END", format("case when a then 1 else 2 end"));
    assertEquals("CASE A WHEN 1 THEN 'x' END", format("case a when 1 then 'x' end"));
    assertEquals("CAST(A AS MAP<STRING, ARRAY<DECIMAL(4, 2)>>)",
        format("cast(a as map<varchar, array<decimal(4,2)>>)"));
    assertEquals("ARRAY[1, 2]", format("array[1,2]"));
    assertEquals("MAP('a' := 1)", format("map('a':=1)"));
    assertEquals("STRUCT(A := 1, `b` := 2)", format("struct(a:=1, `b`:=2)"));
    assertEquals("COUNT(*) + F() + G(A, X => X + 1, (X, Y) => X || Y)",
        format("count(*) + f() + g(a, x => x + 1, (x, y) => x || y)"));
    assertEquals("TIMESTAMPADD(SECONDS, 5, TS)", format("timestampadd(second, 5, ts)"));
  }

  @Test
  void formattedExpressionsParseBackToEqualTrees() {
    for (String sql : List.of("a + b * c - d / e % f", "-(a + b) || 'x'", "NOT NOT a",
        "a = b AND (c <> d OR e >= f) AND NOT g < h", "a BETWEEN b + 1 AND (c AND d)",
        "x[1][2]->y->z", "f(g(h(1)), a => a[1], (b, c) => b + c)",
        "CASE WHEN a IS NULL THEN - -1 ELSE -2.5 END", "`a``b` + \"c d\"",
        "-9223372036854775808 - 1.0E-300", "a IS NOT DISTINCT FROM (b IS NULL)")) {
      Expression tree = SqlParser.parseExpression(sql);
      assertEquals(tree, SqlParser.parseExpression(SqlFormatter.format(tree)), sql);
    }
  }

  @Test
  void programmaticNodesFormatUnambiguously() {
    Pos p = Pos.START;
    assertEquals("5.", SqlFormatter.format(new DecimalLiteral(p, new BigDecimal("5"))));
    assertEquals("1E+1", SqlFormatter.format(new DoubleLiteral(p, 10)));
    assertEquals("0E0", SqlFormatter.format(new DoubleLiteral(p, 0)));
    assertEquals("CAST('NaN' AS DOUBLE)", SqlFormatter.format(new DoubleLiteral(p, Double.NaN)));
    assertEquals("-(-A)", SqlFormatter.format(new ArithmeticUnary(p, ArithmeticUnary.Sign.MINUS,
        new ArithmeticUnary(p, ArithmeticUnary.Sign.MINUS,
            new ColumnRef(p, Optional.empty(), Identifier.of("A"))))));
    assertEquals("`lower`", SqlFormatter.format(Identifier.of("lower")));
    assertEquals("STRUCT<>", SqlFormatter.format(new StructType(p, List.of())));
  }
}
