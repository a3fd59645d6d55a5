package io.sluice.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.storage.FileLogStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog over an embedded log in a temp directory: statements, topics, usage, replay. */
class CatalogTest {

  @TempDir
  Path dir;

  private FileLogStore store;
  private LogIO io;
  private Catalog catalog;

  @BeforeEach
  void open() throws Exception {
    store = FileLogStore.open(dir.resolve("logs"));
    io = new EmbeddedLogIO(store);
    catalog = Catalog.open(io, ReplayListener.NONE);
  }

  @AfterEach
  void close() throws Exception {
    catalog.close();
    io.close();
    store.close();
  }

  /** Closes everything and opens a new catalog over the same files, as a restart does. */
  private List<String> restart() throws Exception {
    close();
    store = FileLogStore.open(dir.resolve("logs"));
    io = new EmbeddedLogIO(store);
    List<String> seen = new ArrayList<>();
    catalog = Catalog.open(io, (offset, command, statement) ->
        seen.add(offset + " " + statement.getClass().getSimpleName()));
    return seen;
  }

  private CatalogException rejects(String sql, String fragment) {
    CatalogException e = assertThrows(CatalogException.class, () -> catalog.execute(sql));
    assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: "
        + e.getMessage());
    return e;
  }

  private long commands() {
    return new CommandLog(io).endOffset();
  }

  // -----------------------------------------------------------------------------------------
  // Create and describe

  @Test
  void createsAStreamOverAnExistingTopic() {
    io.createTopic("orders", 3, Map.of());
    DdlResult r = catalog.execute("CREATE STREAM orders (id INT KEY, amount DOUBLE) WITH ("
        + "kafka_topic='orders', value_format='JSON');");
    assertEquals(new DdlResult("Stream created", true, OptionalLong.of(0)), r);
    Source s = catalog.source("ORDERS").orElseThrow();
    assertEquals(3, s.partitions());
    assertEquals("CREATE STREAM orders (id INT KEY, amount DOUBLE) WITH (kafka_topic='orders',"
        + " value_format='JSON')", s.statement());
    assertEquals(Optional.of(s), catalog.source(Identifier.of("ORDERS")));
    assertEquals(Optional.empty(), catalog.source("orders"), "quoted names keep their case");
    assertEquals(List.of(new SourceSummary("ORDERS", SourceKind.STREAM, "orders", FormatName.KAFKA,
        FormatName.JSON, false)), catalog.list(SourceKind.STREAM));
    assertEquals(List.of(), catalog.list(SourceKind.TABLE));
  }

  @Test
  void aMissingTopicNeedsPartitions() {
    CatalogException e = rejects("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH ("
        + "kafka_topic='nowhere', value_format='JSON')", "Topic 'nowhere' does not exist. If you"
        + " want to create a new topic for the table please re-run the statement providing the"
        + " required 'PARTITIONS' configuration in the WITH clause");
    assertEquals("1:65", e.pos().orElseThrow().toString());
    assertEquals(Optional.empty(), catalog.source("T"));
    assertEquals(0, commands(), "a rejected statement is not logged");
    assertEquals(Optional.empty(), io.describe("nowhere"));
  }

  @Test
  void partitionsCreateTheTopic() {
    catalog.execute("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH (kafka_topic='fresh',"
        + " value_format='JSON', partitions=4, replicas=1, retention_ms=86400000)");
    assertEquals(4, io.describe("fresh").orElseThrow().partitions());
    assertEquals(4, catalog.source("T").orElseThrow().partitions());
  }

  @Test
  void partitionsMustMatchAnExistingTopic() {
    io.createTopic("existing", 2, Map.of());
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='existing', value_format='JSON',"
        + " partitions=4)", "already exists, with different partition configuration than"
        + " required: the statement asks for 4 partitions, the topic has 2");
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='existing', value_format='JSON',"
        + " partitions=2)");
  }

  @Test
  void anInvalidTopicNameIsRejected() {
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='no spaces!', value_format='JSON',"
        + " partitions=1)", "Cannot create topic 'no spaces!'");
  }

  // -----------------------------------------------------------------------------------------
  // Names taken: IF NOT EXISTS, OR REPLACE

  @Test
  void aNameIsTakenOnce() {
    io.createTopic("t", 1, Map.of());
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON')");
    rejects("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON')",
        "Cannot add stream 'S': A stream with the same name already exists");
    rejects("CREATE TABLE s (k INT PRIMARY KEY, v INT) WITH (kafka_topic='t', value_format='JSON')",
        "Cannot add table 'S': A stream with the same name already exists");
    DdlResult r = catalog.execute("CREATE STREAM IF NOT EXISTS s (w STRING) WITH ("
        + "kafka_topic='t', value_format='JSON')");
    assertFalse(r.changed());
    assertEquals(OptionalLong.empty(), r.offset());
    assertEquals(SqlType.INTEGER, catalog.source("S").orElseThrow().columns().get(0).type());
    assertEquals(1, commands());
  }

  @Test
  void orReplaceMayOnlyAddValueColumns() {
    io.createTopic("t", 1, Map.of());
    io.createTopic("u", 1, Map.of());
    catalog.execute("CREATE STREAM s (k INT KEY, v INT) WITH (kafka_topic='t', value_format='JSON')");
    DdlResult r = catalog.execute("CREATE OR REPLACE STREAM s (k INT KEY, v INT, w STRING) WITH ("
        + "kafka_topic='t', value_format='JSON')");
    assertEquals("Stream replaced", r.message());
    assertEquals(3, catalog.source("S").orElseThrow().columns().size());
    rejects("CREATE OR REPLACE STREAM s (k INT KEY, w STRING) WITH (kafka_topic='t',"
        + " value_format='JSON')", "Cannot upgrade data source S: it would change the value"
        + " columns");
    rejects("CREATE OR REPLACE STREAM s (k BIGINT KEY, v INT, w STRING) WITH (kafka_topic='t',"
        + " value_format='JSON')", "the key columns");
    rejects("CREATE OR REPLACE STREAM s (k INT KEY, v INT, w STRING) WITH (kafka_topic='u',"
        + " value_format='JSON')", "KAFKA_TOPIC from 't' to 'u'");
    rejects("CREATE OR REPLACE STREAM s (k INT KEY, v INT, w STRING) WITH (kafka_topic='t',"
        + " value_format='DELIMITED')", "the value format from JSON to DELIMITED");
    rejects("CREATE OR REPLACE TABLE s (k INT PRIMARY KEY, v INT) WITH (kafka_topic='t',"
        + " value_format='JSON')", "cannot turn a stream into a table");
  }

  @Test
  void readOnlySourcesCannotBeReplaced() {
    io.createTopic("t", 1, Map.of());
    catalog.execute("CREATE SOURCE STREAM s (k STRING KEY, text STRING) WITH (kafka_topic='t',"
        + " value_format='DELIMITED')");
    assertTrue(catalog.source("S").orElseThrow().isReadOnly());
    rejects("CREATE OR REPLACE STREAM s (k STRING KEY, text STRING) WITH (kafka_topic='t',"
        + " value_format='DELIMITED')",
        "Cannot add stream 'S': CREATE OR REPLACE is not supported on source streams.");
  }

  // -----------------------------------------------------------------------------------------
  // Drop

  @Test
  void dropRemovesTheSourceAndKeepsTheTopic() {
    io.createTopic("t", 1, Map.of());
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON')");
    DdlResult r = catalog.execute("DROP STREAM s");
    assertEquals("Source `S` (topic: t) was dropped.", r.message());
    assertEquals(OptionalLong.of(1), r.offset());
    assertEquals(Optional.empty(), catalog.source("S"));
    assertTrue(io.describe("t").isPresent());
    CatalogException e = rejects("DROP STREAM s", "Stream S does not exist.");
    assertEquals("1:13", e.pos().orElseThrow().toString());
    assertFalse(catalog.execute("DROP STREAM IF EXISTS s").changed());
  }

  @Test
  void dropNamesTheRightKindAndHintsAtQuotes() {
    io.createTopic("t", 1, Map.of());
    catalog.execute("CREATE STREAM input (v INT) WITH (kafka_topic='t', value_format='JSON')");
    rejects("DROP TABLE input", "Incompatible data source type is STREAM, but statement was"
        + " DROP TABLE. Did you mean DROP STREAM INPUT?");
    rejects("DROP STREAM \"input\"", "Stream input does not exist. Did you mean INPUT? Hint: try"
        + " removing double quotes from the source name.");
  }

  @Test
  void sourcesInUseCannotBeDropped() {
    io.createTopic("t", 1, Map.of());
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON')");
    catalog.addReader("S", "CSAS_OUT_1");
    catalog.addWriter("S", "INSERTQUERY_2");
    assertEquals(Set.of("CSAS_OUT_1"), catalog.readers("S"));
    rejects("DROP STREAM s", "Cannot drop S.\nThe following queries read from this source:"
        + " [CSAS_OUT_1].\nThe following queries write into this source: [INSERTQUERY_2].\nYou"
        + " need to terminate them before dropping S.");
    catalog.removeQuery("CSAS_OUT_1");
    catalog.removeQuery("INSERTQUERY_2");
    assertEquals(Set.of(), catalog.readers("S"));
    catalog.execute("DROP STREAM s");
    assertThrows(CatalogException.class, () -> catalog.addReader("S", "Q"));
  }

  @Test
  void deleteTopicDeletesItUnlessReadOnlyOrShared() {
    io.createTopic("t", 1, Map.of());
    io.createTopic("shared", 1, Map.of());
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON')");
    catalog.execute("DROP STREAM s DELETE TOPIC");
    assertEquals(Optional.empty(), io.describe("t"));

    catalog.execute("CREATE SOURCE TABLE ro (k INT PRIMARY KEY, v INT) WITH ("
        + "kafka_topic='shared', value_format='JSON')");
    rejects("DROP TABLE ro DELETE TOPIC", "Cannot delete topic for read-only source: RO");
    catalog.execute("CREATE STREAM a (v INT) WITH (kafka_topic='shared', value_format='JSON')");
    rejects("DROP STREAM a DELETE TOPIC", "Refusing to delete topic. Found other data sources"
        + " (RO) using topic shared");
    assertTrue(io.describe("shared").isPresent());
  }

  // -----------------------------------------------------------------------------------------
  // Types

  @Test
  void customTypesAreRegisteredUsedAndDropped() {
    io.createTopic("t", 1, Map.of());
    DdlResult r = catalog.execute("CREATE TYPE address AS STRUCT<number INT, street VARCHAR>");
    SqlType address = SqlType.struct().field("NUMBER", SqlType.INTEGER)
        .field("STREET", SqlType.STRING).build();
    assertEquals("Registered custom type with name 'ADDRESS' and SQL type STRUCT<`NUMBER`"
        + " INTEGER, `STREET` STRING>", r.message());
    assertEquals(Map.of("ADDRESS", address), catalog.types());
    rejects("CREATE TYPE ADDRESS AS INT", "Cannot register custom type 'ADDRESS' since it is"
        + " already registered with type: STRUCT<`NUMBER` INTEGER, `STREET` STRING>");
    assertFalse(catalog.execute("CREATE TYPE IF NOT EXISTS address AS INT").changed());
    catalog.execute("CREATE TABLE homes (k STRING PRIMARY KEY, a ADDRESS) WITH (kafka_topic='t',"
        + " value_format='JSON')");
    assertEquals("Dropped type 'ADDRESS'", catalog.execute("DROP TYPE address").message());
    assertEquals(address, catalog.source("HOMES").orElseThrow().columns().get(1).type(),
        "a source keeps the type it resolved");
    rejects("DROP TYPE address", "Type ADDRESS does not exist.");
    assertFalse(catalog.execute("DROP TYPE IF EXISTS address").changed());
    rejects("CREATE STREAM s (a ADDRESS) WITH (kafka_topic='t', value_format='JSON')",
        "Unknown type: ADDRESS");
  }

  // -----------------------------------------------------------------------------------------
  // Restart

  @Test
  void aRestartRebuildsTheCatalogFromTheCommandLog() throws Exception {
    io.createTopic("t", 2, Map.of());
    catalog.execute("CREATE TYPE point AS STRUCT<x DOUBLE, y DOUBLE>");
    catalog.execute("CREATE STREAM s (k STRING KEY, p POINT) WITH (kafka_topic='t',"
        + " value_format='JSON', partitions=2)");
    catalog.execute("CREATE TABLE gone (k INT PRIMARY KEY, v INT) WITH (kafka_topic='t',"
        + " value_format='JSON')");
    catalog.execute("CREATE TABLE fresh (k INT PRIMARY KEY, v INT) WITH (kafka_topic='new',"
        + " format='JSON', partitions=3)");
    catalog.execute("CREATE OR REPLACE STREAM s (k STRING KEY, p POINT, extra BIGINT) WITH ("
        + "kafka_topic='t', value_format='JSON')");
    catalog.execute("DROP TABLE gone");
    catalog.appendCommand(Command.of("CREATE STREAM copy AS SELECT * FROM s"));
    catalog.execute("CREATE STREAM typed (v INT) WITH (kafka_topic='t')",
        Map.of(DdlAnalyzer.DEFAULT_VALUE_FORMAT, "DELIMITED"));
    catalog.addReader("S", "CSAS_COPY_6");
    List<Source> before = catalog.sources();
    Map<String, SqlType> types = catalog.types();

    List<String> replayed = restart();

    assertEquals(before, catalog.sources());
    assertEquals(types, catalog.types());
    assertEquals(FormatName.DELIMITED, catalog.source("TYPED").orElseThrow().valueFormat().format(),
        "session properties are logged with the statement");
    assertEquals(List.of("0 CreateType", "1 CreateSource", "2 CreateSource", "3 CreateSource",
        "4 CreateSource", "5 DropSource", "6 CreateAsSelect", "7 CreateSource"), replayed);
    assertEquals(List.of(), catalog.replayFailures());
    assertEquals(Set.of(), catalog.readers("S"), "the query layer registers usage again");
    // And the rebuilt catalog goes on logging after what is there.
    assertEquals(OptionalLong.of(8), catalog.execute("DROP STREAM typed").offset());
  }

  @Test
  void replayNeitherCreatesNorDeletesTopics() throws Exception {
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='made', value_format='JSON',"
        + " partitions=2)");
    io.createTopic("kept", 1, Map.of());
    catalog.execute("CREATE STREAM k (v INT) WITH (kafka_topic='kept', value_format='JSON')");
    catalog.execute("DROP STREAM k DELETE TOPIC");
    io.deleteTopic("made");
    io.createTopic("kept", 1, Map.of());

    restart();

    assertEquals(Optional.empty(), io.describe("made"), "replay does not create topics");
    assertEquals(2, catalog.source("S").orElseThrow().partitions(), "from PARTITIONS");
    assertTrue(io.describe("kept").isPresent(), "replay does not delete topics");
    assertEquals(List.of(), catalog.replayFailures());
  }

  @Test
  void commandsThatNoLongerApplyAreReportedAndSkipped() throws Exception {
    catalog.appendCommand(Command.of("CREATE STREM broken"));
    catalog.appendCommand(Command.of("DROP STREAM never_made"));
    catalog.execute("CREATE TYPE t AS INT");

    List<String> replayed = restart();

    assertEquals(List.of("2 CreateType"), replayed);
    List<String> failures = catalog.replayFailures();
    assertEquals(2, failures.size(), failures.toString());
    assertTrue(failures.get(0).startsWith("offset 0: line 1:8"), failures.get(0));
    assertTrue(failures.get(1).contains("Stream NEVER_MADE does not exist"), failures.get(1));
    assertEquals(Optional.of(SqlType.INTEGER), catalog.type("T"));
  }

  // -----------------------------------------------------------------------------------------
  // For the query layer

  @Test
  void derivedSourcesAreRegisteredWithTheirQuery() {
    io.createTopic("t", 1, Map.of());
    catalog.execute("CREATE STREAM s (v INT) WITH (kafka_topic='t', value_format='JSON')");
    Source derived = catalog.source("S").orElseThrow().toBuilder().name("COPY").topic("COPY")
        .statement("CREATE STREAM copy AS SELECT * FROM s").queryId(Optional.of("CSAS_COPY_1"))
        .build();
    catalog.register(derived, false);
    assertEquals(Optional.of("CSAS_COPY_1"), catalog.source("COPY").orElseThrow().queryId());
    assertThrows(CatalogException.class, () -> catalog.register(derived, false));
    catalog.register(derived.toBuilder().queryId(Optional.of("CSAS_COPY_2")).build(), true);
    io.createTopic("COPY", 1, Map.of());
    rejects("CREATE OR REPLACE STREAM copy (v INT) WITH (kafka_topic='COPY',"
        + " value_format='JSON')", "Cannot replace stream 'COPY': query CSAS_COPY_2 writes it");
  }

  @Test
  void onlyCatalogStatementsAreExecuted() {
    assertFalse(Catalog.handles(SqlParser.parseStatement("SELECT * FROM s")));
    assertThrows(IllegalArgumentException.class,
        () -> catalog.execute("CREATE STREAM c AS SELECT * FROM s"));
  }

  @Test
  void concurrentStatementsAreSerialized() throws Exception {
    io.createTopic("t", 1, Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<DdlResult>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String sql = "CREATE STREAM s" + i + " (v INT) WITH (kafka_topic='t', value_format='JSON')";
        results.add(pool.submit(() -> catalog.execute(sql)));
      }
      Set<Long> offsets = new java.util.HashSet<>();
      for (Future<DdlResult> f : results) {
        offsets.add(f.get(30, TimeUnit.SECONDS).offset().orElseThrow());
      }
      assertEquals(40, offsets.size(), "every statement got its own offset");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(40, catalog.list(SourceKind.STREAM).size());
    assertEquals(40, commands());
  }
}
