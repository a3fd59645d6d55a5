package io.sluice.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.grammar.ast.*;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StatementParsingTest {

  private static <T extends Statement> T parse(String sql, Class<T> type) {
    return assertInstanceOf(type, SqlParser.parseStatement(sql));
  }

  @Test
  void createStreamWithColumnsAndProperties() {
    CreateSource s = parse("CREATE STREAM pageviews (id STRING KEY, viewtime BIGINT, "
        + "`Page` VARCHAR) WITH (kafka_topic='pv', value_format='JSON', partitions=4, "
        + "'key_format'='KAFKA', wrap_single_value=false);", CreateSource.class);
    assertEquals(SourceKind.STREAM, s.kind());
    assertEquals("PAGEVIEWS", s.name().value());
    assertFalse(s.orReplace());
    assertFalse(s.ifNotExists());
    assertFalse(s.readOnly());
    assertEquals(3, s.columns().size());
    ColumnDef id = s.columns().get(0);
    assertEquals("ID", id.name().value());
    assertEquals(new PrimitiveType(Pos.START, PrimitiveType.Kind.STRING), id.type());
    assertEquals(ColumnDef.Kind.KEY, id.kind());
    assertEquals(ColumnDef.Kind.VALUE, s.columns().get(1).kind());
    assertEquals("Page", s.columns().get(2).name().value());
    assertEquals(List.of("KAFKA_TOPIC", "VALUE_FORMAT", "PARTITIONS", "KEY_FORMAT",
        "WRAP_SINGLE_VALUE"), List.copyOf(s.properties().keySet()));
    assertEquals("pv", s.properties().get("KAFKA_TOPIC").asObject());
    assertEquals(4, s.properties().get("PARTITIONS").asObject());
    assertEquals(false, s.properties().get("WRAP_SINGLE_VALUE").asObject());
  }

  @Test
  void createTableOrReplaceIfNotExistsWithColumnKinds() {
    CreateSource s = parse("create or replace table if not exists t (k INT PRIMARY KEY, "
        + "h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, one BYTES HEADER('abc'), v DOUBLE) "
        + "with (kafka_topic='t', format='JSON')", CreateSource.class);
    assertEquals(SourceKind.TABLE, s.kind());
    assertTrue(s.orReplace());
    assertTrue(s.ifNotExists());
    assertEquals(List.of(ColumnDef.Kind.PRIMARY_KEY, ColumnDef.Kind.HEADERS,
        ColumnDef.Kind.HEADER, ColumnDef.Kind.VALUE),
        s.columns().stream().map(ColumnDef::kind).toList());
    assertEquals(Optional.of("abc"), s.columns().get(2).headerKey());
    assertEquals(Optional.empty(), s.columns().get(0).headerKey());
  }

  @Test
  void createSourceWithoutColumnsForSchemaInference() {
    CreateSource s = parse("CREATE TABLE t WITH (kafka_topic='t', value_format='AVRO')",
        CreateSource.class);
    assertEquals(List.of(), s.columns());
    assertEquals(2, s.properties().size());
  }

  @Test
  void createSourceStreamAndTableAreReadOnly() {
    CreateSource stream = parse("CREATE SOURCE STREAM s (k INT KEY) WITH (kafka_topic='s')",
        CreateSource.class);
    assertTrue(stream.readOnly());
    CreateSource table = parse("CREATE SOURCE TABLE t (k INT PRIMARY KEY) WITH (kafka_topic='t')",
        CreateSource.class);
    assertTrue(table.readOnly());
    assertEquals(SourceKind.TABLE, table.kind());
  }

  @Test
  void keyConstraintMustMatchTheSourceKind() {
    SqlSyntaxException onStream = assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("CREATE STREAM s (id INT PRIMARY KEY) WITH (a='b')"));
    assertEquals("line 1:25: column ID is a PRIMARY KEY column: please use KEY for streams",
        onStream.getMessage());
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("CREATE TABLE t (id INT KEY) WITH (a='b')"));
  }

  @Test
  void propertyValuesAreTypedLiterals() {
    CreateSource s = parse("CREATE STREAM s (a INT) WITH (a='x', b=-3, c=1.5, d=TRUE, e=NULL, "
        + "f=2.5E1)", CreateSource.class);
    assertEquals(new StringLiteral(Pos.START, "x"), s.properties().get("A"));
    assertEquals(new IntegerLiteral(Pos.START, -3), s.properties().get("B"));
    assertEquals(new DecimalLiteral(Pos.START, new BigDecimal("1.5")), s.properties().get("C"));
    assertEquals(new BooleanLiteral(Pos.START, true), s.properties().get("D"));
    assertEquals(new NullLiteral(Pos.START), s.properties().get("E"));
    assertEquals(new DoubleLiteral(Pos.START, 25.0), s.properties().get("F"));
  }

  @Test
  void duplicatePropertiesAndColumnsAreRejected() {
    SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("CREATE STREAM s (a INT) WITH (x='1', X='2')"));
    assertEquals("line 1:38: duplicate property X", e.getMessage());
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("CREATE STREAM s (a INT, A BIGINT) WITH (x='1')"));
  }

  @Test
  void createAsSelect() {
    CreateAsSelect s = parse("CREATE OR REPLACE TABLE IF NOT EXISTS counts "
        + "WITH (kafka_topic='counts', partitions=2) AS SELECT id, COUNT(*) AS n FROM pv "
        + "GROUP BY id EMIT CHANGES;", CreateAsSelect.class);
    assertEquals(SourceKind.TABLE, s.kind());
    assertEquals("COUNTS", s.name().value());
    assertTrue(s.orReplace());
    assertTrue(s.ifNotExists());
    assertEquals(2, s.properties().size());
    assertEquals(2, s.query().select().size());
    assertEquals(Optional.of(Query.EmitKind.CHANGES), s.query().emit());

    CreateAsSelect plain = parse("CREATE STREAM out AS SELECT * FROM in1", CreateAsSelect.class);
    assertEquals(SourceKind.STREAM, plain.kind());
    assertTrue(plain.properties().isEmpty());
  }

  @Test
  void createAsSelectRejectsColumnsAndSource() {
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("CREATE STREAM s (a INT) AS SELECT * FROM t"));
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("CREATE SOURCE STREAM s AS SELECT * FROM t"));
  }

  @Test
  void insertIntoSelect() {
    InsertInto s = parse("INSERT INTO sink WITH (query_id='q1') SELECT * FROM src",
        InsertInto.class);
    assertEquals("SINK", s.target().value());
    assertEquals("q1", s.properties().get("QUERY_ID").asObject());
    InsertInto plain = parse("INSERT INTO sink SELECT a FROM src WHERE a > 1", InsertInto.class);
    assertTrue(plain.properties().isEmpty());
    assertTrue(plain.query().where().isPresent());
  }

  @Test
  void insertValues() {
    InsertValues s = parse("INSERT INTO s (k, `v`, n) VALUES ('a', 1.5, -2)", InsertValues.class);
    assertEquals(List.of("K", "v", "N"), s.columns().stream().map(Identifier::value).toList());
    assertEquals(List.of(new StringLiteral(Pos.START, "a"),
        new DecimalLiteral(Pos.START, new BigDecimal("1.5")), new IntegerLiteral(Pos.START, -2)),
        s.values());
    InsertValues noColumns = parse("INSERT INTO s VALUES (ARRAY[1], MAP('a' := 1))",
        InsertValues.class);
    assertEquals(List.of(), noColumns.columns());
    assertEquals(2, noColumns.values().size());
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("INSERT INTO s (a, b) VALUES (1)"));
  }

  @Test
  void queryIsAStatement() {
    Query q = parse("SELECT * FROM s EMIT CHANGES LIMIT 10;", Query.class);
    assertEquals(OptionalInt.of(10), q.limit());
  }

  @Test
  void showAndList() {
    assertEquals(new Show(Pos.START, Show.What.STREAMS, false, false),
        SqlParser.parseStatement("SHOW STREAMS"));
    assertEquals(new Show(Pos.START, Show.What.TABLES, false, true),
        SqlParser.parseStatement("list tables extended"));
    assertEquals(new Show(Pos.START, Show.What.TOPICS, true, true),
        SqlParser.parseStatement("SHOW ALL TOPICS EXTENDED"));
    assertEquals(new Show(Pos.START, Show.What.TOPICS, false, false),
        SqlParser.parseStatement("LIST TOPICS"));
    assertEquals(new Show(Pos.START, Show.What.QUERIES, false, true),
        SqlParser.parseStatement("SHOW QUERIES EXTENDED"));
    for (Show.What what : List.of(Show.What.FUNCTIONS, Show.What.PROPERTIES,
        Show.What.VARIABLES, Show.What.TYPES)) {
      assertEquals(new Show(Pos.START, what, false, false),
          SqlParser.parseStatement("SHOW " + what.name().toLowerCase()));
      assertEquals(new Show(Pos.START, what, false, false),
          SqlParser.parseStatement("LIST " + what.name()));
    }
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SHOW FUNCTIONS EXTENDED"));
  }

  @Test
  void describe() {
    assertEquals(new DescribeSource(Pos.START, Identifier.of("PAGEVIEWS"), false),
        SqlParser.parseStatement("DESCRIBE pageviews"));
    assertEquals(new DescribeSource(Pos.START, Identifier.of("PV"), true),
        SqlParser.parseStatement("DESCRIBE pv EXTENDED"));
    assertEquals(new DescribeSources(Pos.START, SourceKind.STREAM, false),
        SqlParser.parseStatement("DESCRIBE STREAMS"));
    assertEquals(new DescribeSources(Pos.START, SourceKind.TABLE, true),
        SqlParser.parseStatement("DESCRIBE TABLES EXTENDED"));
    assertEquals(new DescribeFunction(Pos.START, Identifier.of("SUBSTRING")),
        SqlParser.parseStatement("DESCRIBE FUNCTION substring"));
    // A source may be called like a non-reserved keyword.
    assertEquals(new DescribeSource(Pos.START, Identifier.of("TOPIC"), false),
        SqlParser.parseStatement("DESCRIBE topic"));
  }

  @Test
  void explain() {
    Explain e = parse("EXPLAIN SELECT * FROM s", Explain.class);
    assertInstanceOf(Query.class, e.statement());
    assertInstanceOf(CreateAsSelect.class,
        parse("EXPLAIN CREATE STREAM x AS SELECT * FROM s", Explain.class).statement());
    assertEquals(new ExplainQueryId(Pos.START, Identifier.of("CSAS_OUT_0")),
        SqlParser.parseStatement("EXPLAIN CSAS_OUT_0"));
  }

  @Test
  void dropSource() {
    assertEquals(new DropSource(Pos.START, SourceKind.STREAM, Identifier.of("S"), false, false),
        SqlParser.parseStatement("DROP STREAM s"));
    assertEquals(new DropSource(Pos.START, SourceKind.TABLE, Identifier.of("T"), true, true),
        SqlParser.parseStatement("DROP TABLE IF EXISTS t DELETE TOPIC;"));
  }

  @Test
  void terminate() {
    Terminate one = parse("TERMINATE CSAS_OUT_1", Terminate.class);
    assertEquals(Optional.of(Identifier.of("CSAS_OUT_1")), one.queryId());
    assertFalse(one.all());
    assertTrue(parse("TERMINATE ALL", Terminate.class).all());
  }

  @Test
  void print() {
    assertEquals(new Print(Pos.START, "my-Topic", true, false, OptionalInt.empty(),
        OptionalInt.empty()), SqlParser.parseStatement("PRINT 'my-Topic'"));
    assertEquals(new Print(Pos.START, "pageViews", false, true, OptionalInt.of(5),
        OptionalInt.of(10)),
        SqlParser.parseStatement("PRINT pageViews FROM BEGINNING INTERVAL 5 LIMIT 10"));
    assertEquals(new Print(Pos.START, "Mixed", true, false, OptionalInt.of(2),
        OptionalInt.empty()), SqlParser.parseStatement("PRINT `Mixed` SAMPLE 2"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseStatement("PRINT t INTERVAL 0"));
  }

  @Test
  void setAndUnset() {
    assertEquals(new SetProperty(Pos.START, "auto.offset.reset", "earliest"),
        SqlParser.parseStatement("SET 'auto.offset.reset' = 'earliest'"));
    assertEquals(new UnsetProperty(Pos.START, "auto.offset.reset"),
        SqlParser.parseStatement("unset 'auto.offset.reset';"));
  }

  @Test
  void defineAndUndefine() {
    assertEquals(new DefineVariable(Pos.START, "topicName", "'my_topic'"),
        SqlParser.parseStatement("DEFINE topicName = '''my_topic'''"));
    assertEquals(new DefineVariable(Pos.START, "format", "JSON"),
        SqlParser.parseStatement("DEFINE format = 'JSON'"));
    assertEquals(new UndefineVariable(Pos.START, "topicName"),
        SqlParser.parseStatement("UNDEFINE topicName"));
    assertEquals(new DefineVariable(Pos.START, "topic", "t"),
        SqlParser.parseStatement("DEFINE topic = 't'"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseStatement("DEFINE a@b = 'x'"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseStatement("DEFINE `a` = 'x'"));
    assertThrows(SqlSyntaxException.class, () -> SqlParser.parseStatement("DEFINE a = 1"));
  }

  @Test
  void createAndDropType() {
    CreateType c = parse("CREATE TYPE address AS STRUCT<number INT, street STRING>",
        CreateType.class);
    assertEquals("ADDRESS", c.name().value());
    assertFalse(c.ifNotExists());
    assertInstanceOf(StructType.class, c.type());
    assertTrue(parse("CREATE TYPE IF NOT EXISTS money AS DECIMAL(10, 2)", CreateType.class)
        .ifNotExists());
    assertEquals(new DropType(Pos.START, Identifier.of("ADDRESS"), false),
        SqlParser.parseStatement("DROP TYPE address"));
    assertEquals(new DropType(Pos.START, Identifier.of("ADDRESS"), true),
        SqlParser.parseStatement("DROP TYPE IF EXISTS address"));
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertEquals(SqlParser.parseStatement("SELECT a FROM s WHERE b IS NOT NULL EMIT CHANGES"),
        SqlParser.parseStatement("select a from s where b is not null emit changes"));
    assertEquals(SqlParser.parseStatement("CREATE STREAM S (A INT KEY) WITH (X='y')"),
        SqlParser.parseStatement("cReAtE sTrEaM s (a int key) wItH (x='y')"));
  }

  @Test
  void parseStatementRejectsTwoStatements() {
    assertThrows(SqlSyntaxException.class,
        () -> SqlParser.parseStatement("SHOW STREAMS; SHOW TABLES"));
  }
}
