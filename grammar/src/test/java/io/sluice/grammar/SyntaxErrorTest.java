package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntaxErrorTest {

  private static SqlSyntaxException error(String sql) {
    return assertThrows(SqlSyntaxException.class, () -> SqlParser.parseScript(sql));
  }

  @Test
  void misspelledKeywordAfterAnAlias() {
    // FORM is a valid alias of a, so the error is at t.
    SqlSyntaxException e = error("SELECT a FORM t");
    assertEquals("line 1:15: syntax error at 't': expected FROM or ','", e.getMessage());
    assertEquals(1, e.line());
    assertEquals(15, e.column());
    assertEquals(Optional.of("t"), e.offendingToken());
    assertEquals(List.of("FROM", "','"), e.expected());
    assertEquals("syntax error at 't': expected FROM or ','", e.detail());
  }

  @Test
  void expressionsAreCollapsedIntoOneEntry() {
    assertEquals("line 1:22: syntax error at end of input: expected an expression",
        error("SELECT * FROM t WHERE").getMessage());
    assertEquals("line 1:25: syntax error at end of input: expected an expression",
        error("SELECT * FROM t WHERE a=").getMessage());
    assertEquals("line 1:8: syntax error at 'FROM': expected '*' or an expression",
        error("SELECT FROM t").getMessage());
    assertEquals("line 1:29: syntax error at ')': expected an expression",
        error("SELECT * FROM t WHERE x IN ()").getMessage());
  }

  @Test
  void identifiersAreCollapsedIntoOneEntry() {
    assertEquals("line 1:25: syntax error at ')': expected an identifier",
        error("CREATE STREAM s (a INT, ) WITH (x='y')").getMessage());
    assertEquals("line 1:15: syntax error at 'SELECT': expected an identifier",
        error("SELECT * FROM SELECT").getMessage());
  }

  @Test
  void keywordExpected() {
    assertEquals("line 1:35: syntax error at 'a': expected BY",
        error("SELECT * FROM t WHERE a = 1 GROUP a").getMessage());
    assertEquals("line 1:8: syntax error at 'STREAMS': expected one of: OR, SOURCE, STREAM, "
        + "TABLE, TYPE", error("CREATE STREAMS s").getMessage());
    assertEquals("line 1:28: syntax error at 'WITH': expected ',' or ')'",
        error("CREATE STREAM s (a INT KEY WITH (x='y')").getMessage());
    assertEquals("line 1:38: syntax error at 'FOO': expected one of: AS, ';', end of input",
        error("CREATE STREAM s (a INT) WITH (x='y') FOO").getMessage());
  }

  @Test
  void longListsAreCut() {
    SqlSyntaxException e = error("SELEC * FROM t");
    assertEquals(Optional.of("SELEC"), e.offendingToken());
    assertTrue(e.expected().size() <= 8, e.expected().toString());
    assertEquals(List.of("SELECT", "CREATE", "INSERT"), e.expected().subList(0, 3));
    assertEquals("...", e.expected().get(e.expected().size() - 1));

    SqlSyntaxException afterFrom = error("SELECT * FROM t x y");
    assertTrue(afterFrom.expected().size() <= 8);
    assertTrue(afterFrom.expected().contains("WHERE"), afterFrom.expected().toString());
  }

  @Test
  void afterAValueOperatorsAreOneEntry() {
    SqlSyntaxException e = error("SELECT * FROM t WHERE a = 1 2");
    assertEquals(1, e.line());
    assertEquals(29, e.column());
    assertTrue(e.expected().contains("an operator"), e.expected().toString());
    assertTrue(e.expected().size() <= 8);
  }

  @Test
  void secondStatementOfAScript() {
    assertEquals("line 2:1: syntax error at 'SELEC': expected one of: SELECT, CREATE, INSERT, "
        + "DEFINE, DESCRIBE, DROP, end of input, ...",
        error("SHOW TABLES;\nSELEC 1").getMessage());
  }

  @Test
  void literalClasses() {
    assertEquals("line 1:33: syntax error at end of input: expected one of: FALSE, NULL, TRUE, "
        + "'-', a number, a string", error("CREATE STREAM s (a INT) WITH (a=").getMessage());
    assertEquals("line 1:22: syntax error at end of input: expected an integer",
        error("SELECT a FROM t LIMIT").getMessage());
  }

  @Test
  void lexicalErrors() {
    assertEquals("line 1:8: unterminated string literal",
        error("SELECT 'abc FROM t").getMessage());
    assertEquals("line 1:8: unterminated quoted identifier",
        error("SELECT `abc FROM t").getMessage());
    assertEquals("line 2:3: unexpected character '#'", error("SELECT\n  # FROM t").getMessage());
  }

  @Test
  void invalidLiterals() {
    SqlSyntaxException e = error("SELECT 99999999999999999999 FROM t");
    assertEquals("line 1:8: integer literal out of BIGINT range: 99999999999999999999",
        e.getMessage());
    assertEquals(List.of(), e.expected());
    assertEquals("line 1:12: DECIMAL scale must not exceed its precision (2)",
        assertThrows(SqlSyntaxException.class, () -> SqlParser.parseType("DECIMAL(2, 3)"))
            .getMessage());
  }

  @Test
  void everyExpectedListIsShort() {
    for (String sql : List.of("SELECT", "SELECT a,", "SELECT * FROM", "SELECT * FROM t JOIN",
        "SELECT * FROM t WINDOW", "SELECT * FROM t WINDOW TUMBLING (SIZE 1", "CREATE",
        "CREATE STREAM s (", "CREATE STREAM s (a", "CREATE STREAM s (a INT) WITH (",
        "INSERT INTO s", "INSERT INTO s VALUES (", "SELECT CASE", "SELECT CAST(a AS",
        "SELECT f(", "SELECT a ->", "DROP", "SHOW", "DESCRIBE", "PRINT t FROM", "SET 'a'",
        "SELECT * FROM t WHERE a IS", "SELECT * FROM t GROUP BY a HAVING b >")) {
      SqlSyntaxException e = error(sql);
      assertTrue(e.expected().size() <= 8, sql + " -> " + e.expected());
      assertTrue(e.getMessage().startsWith("line 1:"), e.getMessage());
    }
  }
}
