package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.grammar.ast.*;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptTest {

  @Test
  void statementsCarryTheirExactTextAndPosition() {
    String script = "-- setup\n"
        + "SET 'auto.offset.reset'='earliest';\n"
        + "CREATE STREAM s (k STRING KEY, v INT)\n"
        + "  WITH (kafka_topic='s;x', value_format='JSON'); ;\n"
        + "  /* a query */ SELECT k, v FROM s EMIT CHANGES"; // no final ';'
    List<ParsedStatement> statements = SqlParser.parseScript(script);
    assertEquals(3, statements.size());
    assertEquals("SET 'auto.offset.reset'='earliest'", statements.get(0).text());
    assertEquals("2:1", statements.get(0).pos().toString());
    assertEquals("CREATE STREAM s (k STRING KEY, v INT)\n"
        + "  WITH (kafka_topic='s;x', value_format='JSON')", statements.get(1).text());
    assertEquals("3:1", statements.get(1).pos().toString());
    assertEquals("SELECT k, v FROM s EMIT CHANGES", statements.get(2).text());
    assertEquals("5:17", statements.get(2).pos().toString());
    assertInstanceOf(SetProperty.class, statements.get(0).statement());
    assertInstanceOf(CreateSource.class, statements.get(1).statement());
    assertInstanceOf(Query.class, statements.get(2).statement());
    // Node positions are script positions.
    Query q = (Query) statements.get(2).statement();
    assertEquals("5:27", q.select().get(1).pos().toString());
  }

  @Test
  void emptyScriptsAndEmptyStatements() {
    assertEquals(List.of(), SqlParser.parseScript(""));
    assertEquals(List.of(), SqlParser.parseScript(" ;; -- nothing\n"));
    assertEquals(2, SqlParser.parseScript(";SHOW STREAMS;;SHOW TABLES;;").size());
  }

  @Test
  void statementsNeedSeparators() {
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseScript("SHOW STREAMS SHOW TABLES"));
    assertEquals(1, e.line());
    assertEquals(14, e.column());
  }

  @Test
  void errorPositionsAreScriptPositions() {
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseScript("SHOW STREAMS;\nSHOW TABLES;\n  SELECT * FORM t;"));
    assertEquals(3, e.line());
    assertEquals(12, e.column());
    assertEquals(Optional.of("FORM"), e.offendingToken());
  }

  @Test
  void textKeepsNonAsciiCharacters() {
    List<ParsedStatement> statements =
        SqlParser.parseScript("SELECT '\uD83D\uDE00é' AS `ü` FROM s; SHOW TABLES");
    assertEquals("SELECT '\uD83D\uDE00é' AS `ü` FROM s", statements.get(0).text());
    assertEquals("SHOW TABLES", statements.get(1).text());
    assertEquals("1:28", statements.get(1).pos().toString()); // code points
  }

  @Test
  void scriptWithVariables() {
    String script = "DEFINE fmt = 'JSON';\n"
        + "CREATE STREAM ${name} (id INT KEY) WITH (kafka_topic='${name}_t', "
        + "value_format='${FMT}');\n"
        + "UNDEFINE fmt;\n"
        + "SELECT '$${fmt}' FROM ${Name};";
    List<ParsedStatement> statements = SqlParser.parseScript(script, Map.of("NAME", "orders"));
    assertEquals(4, statements.size());
    assertEquals(new DefineVariable(Pos.START, "fmt", "JSON"), statements.get(0).statement());
    CreateSource create = (CreateSource) statements.get(1).statement();
    assertEquals("ORDERS", create.name().value());
    assertEquals("orders_t", create.properties().get("KAFKA_TOPIC").asObject());
    assertEquals("JSON", create.properties().get("VALUE_FORMAT").asObject());
    assertEquals("CREATE STREAM orders (id INT KEY) WITH (kafka_topic='orders_t', "
        + "value_format='JSON')", statements.get(1).text());
    assertEquals("2:1", statements.get(1).pos().toString());
    assertEquals("2:23", create.columns().get(0).pos().toString());
    Query q = (Query) statements.get(3).statement();
    assertEquals(new StringLiteral(Pos.START, "${fmt}"),
        ((SingleColumn) q.select().get(0)).expression());

    // After UNDEFINE the variable is gone.
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseScript("DEFINE a = 'x';\nUNDEFINE A;\nSHOW ${a};", Map.of()));
    assertEquals("line 3:6: unknown variable 'a' in ${a}", e.getMessage());
  }
}
