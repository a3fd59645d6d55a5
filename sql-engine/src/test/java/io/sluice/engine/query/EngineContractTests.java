package io.sluice.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine promises whatever log it runs on: the same tests run over the embedded log
 * ({@code EmbeddedEngineTest}), and through kafka-clients against Sluice's broker and Apache
 * Kafka 4.4 ({@code *EngineIT}). Each test has its own service id and topics, so tests sharing a
 * broker do not see each other's catalog.
 */
abstract class EngineContractTests {

  private static final AtomicLong IDS = new AtomicLong();

  protected LogIO io;
  private Engine engine;
  private String service;
  private String topic;

  /** A new LogIO over the test's log. */
  protected abstract LogIO open() throws Exception;

  /** Releases what {@link #open} made besides the LogIO. */
  protected void release() throws Exception {}

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path stateDir;

  @BeforeEach
  void setUp() throws Exception {
    io = open();
    long n = IDS.incrementAndGet() + System.nanoTime() % 1_000_000;
    service = "t" + n;
    topic = "orders_" + n;
    engine = Engine.open(io, EngineConfig.SERVER.withServiceId(service).withStateDir(stateDir));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
    io.close();
    release();
  }

  private void run(String sql) {
    engine.execute(sql, new Session());
  }

  private void createOrders() {
    run("CREATE STREAM orders (id BIGINT KEY, amount INT, item STRING) WITH (kafka_topic='"
        + topic + "', partitions=2, value_format='JSON');");
  }

  @Test
  void persistentQueryFiltersProjectsAndCallsFunctions() throws Exception {
    createOrders();
    for (int i = 0; i < 20; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'item" + i + "');");
    }
    run("CREATE STREAM big WITH (kafka_topic='" + topic + "_big') AS SELECT id, amount * 10 AS"
        + " tenfold, UCASE(item) AS item FROM orders WHERE amount >= 15;");
    List<String> values = await(topic + "_big", 5);
    Collections.sort(values);
    assertEquals(List.of("{\"TENFOLD\":150,\"ITEM\":\"ITEM15\"}",
        "{\"TENFOLD\":160,\"ITEM\":\"ITEM16\"}", "{\"TENFOLD\":170,\"ITEM\":\"ITEM17\"}",
        "{\"TENFOLD\":180,\"ITEM\":\"ITEM18\"}", "{\"TENFOLD\":190,\"ITEM\":\"ITEM19\"}"), values);
    // Rows inserted after the query started reach it too.
    run("INSERT INTO orders (id, amount, item) VALUES (99, 99, 'late');");
    assertTrue(await(topic + "_big", 6).contains("{\"TENFOLD\":990,\"ITEM\":\"LATE\"}"));
  }

  @Test
  void pushQueryDeliversRowsUntilItsLimit() throws Exception {
    createOrders();
    for (int i = 0; i < 5; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'x');");
    }
    List<List<Object>> rows = Collections.synchronizedList(new ArrayList<>());
    Session session = new Session();
    PushQuery q = engine.push(engine.parse("SELECT id, amount + 1 AS next FROM orders"
        + " WHERE amount > 0 EMIT CHANGES LIMIT 6;", session).get(0), session, rows::add);
    assertEquals("earliest", q.offsetReset());
    awaitTrue(() -> rows.size() == 4, "the 4 rows there are");
    assertFalse(q.isDone(), "a push query waits for more rows");
    run("INSERT INTO orders (id, amount, item) VALUES (7, 7, 'x');");
    run("INSERT INTO orders (id, amount, item) VALUES (8, 8, 'x');");
    run("INSERT INTO orders (id, amount, item) VALUES (9, 9, 'x');");
    awaitTrue(q::isDone, "LIMIT 6 ends the query");
    assertEquals(6, rows.size());
    assertTrue(rows.contains(List.of(7L, 8)), rows.toString());
    q.close();
  }

  @Test
  void pushQueriesAreListedUntilTheyEndAndRowsGoInAsJson() throws Exception {
    createOrders();
    List<List<Object>> rows = Collections.synchronizedList(new ArrayList<>());
    Session session = new Session();
    PushQuery q = engine.push(engine.parse("SELECT id, item FROM orders EMIT CHANGES;",
        session).get(0), session, rows::add);
    StatementResult listed = engine.execute("SHOW QUERIES;", session).get(0);
    assertTrue(listed.rows().contains(List.of(q.id(), "RUNNING", "",
        "SELECT id, item FROM orders EMIT CHANGES", "PUSH")), listed.rows().toString());
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    engine.insertRow("ORDERS", json.readTree("{\"id\": 4, \"AMOUNT\": \"12\", \"item\": \"pen\"}"));
    awaitTrue(() -> rows.size() == 1, "the inserted row");
    assertEquals(List.of(4L, "pen"), rows.get(0));
    EngineException bad = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
        () -> engine.insertRow("ORDERS", json.readTree("{\"nope\": 1}")));
    assertTrue(bad.getMessage().contains("NOPE") || bad.getMessage().contains("nope"),
        bad.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
        () -> engine.insertRow("ORDERS", json.readTree("{\"amount\": \"many\"}")));
    q.close();
    q.ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(engine.pushQueries().isEmpty());
    assertEquals(0, engine.execute("SHOW QUERIES;", session).get(0).rows().size());
  }

  @Test
  void printShowsTheTopicsRecordsAsKsqlDbDoes() throws Exception {
    createOrders();
    for (int i = 0; i < 4; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'x');");
    }
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    TopicPrint print = engine.print(engine.parse("PRINT " + topic.toUpperCase(java.util.Locale.ROOT)
        + " FROM BEGINNING INTERVAL 2 LIMIT 2;", new Session()).get(0), lines::add);
    print.ended().get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(4, lines.size(), lines.toString());
    assertEquals("Key format: KAFKA_BIGINT", lines.get(0));
    assertEquals("Value format: JSON or KAFKA_STRING", lines.get(1));
    assertTrue(lines.get(2).matches("rowtime: \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} Z,"
        + " key: \\d, value: \\{\"AMOUNT\":\\d,\"ITEM\":\"x\"}, partition: [01]"), lines.get(2));
    EngineException missing = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
        () -> engine.print(engine.parse("PRINT 'no_such_topic';", new Session()).get(0), l -> { }));
    assertTrue(missing.getMessage().contains("no_such_topic"), missing.getMessage());
  }

  @Test
  void pushQueryWithGroupByEmitsEachUpdate() throws Exception {
    createOrders();
    run("INSERT INTO orders (id, amount, item) VALUES (1, 1, 'a');");
    run("INSERT INTO orders (id, amount, item) VALUES (2, 2, 'b');");
    run("INSERT INTO orders (id, amount, item) VALUES (3, 3, 'a');");
    List<List<Object>> rows = Collections.synchronizedList(new ArrayList<>());
    Session session = new Session();
    PushQuery q = engine.push(engine.parse("SELECT item, COUNT(*) AS n, SUM(amount) AS total"
        + " FROM orders GROUP BY item EMIT CHANGES LIMIT 3;", session).get(0), session, rows::add);
    awaitTrue(q::isDone, "LIMIT 3 ends the query");
    // The two partitions interleave in any order; a group's count grows one update at a time.
    List<String> a = rows.stream().filter(r -> r.get(0).equals("a")).map(Object::toString)
        .toList();
    assertEquals(3, rows.size(), rows.toString());
    assertEquals(2, a.size(), rows.toString());
    assertTrue(a.get(0).startsWith("[a, 1, "), rows.toString());
    assertEquals("[a, 2, 4]", a.get(1), rows.toString());
    assertTrue(rows.toString().contains("[b, 1, 2]"), rows.toString());
  }

  @Test
  void recordsThatDoNotDeserializeAreSkippedCountedAndLogged() throws Exception {
    createOrders();
    try (LogWriter w = io.writer()) {
      w.append(new OutRecord(topic, 0, null, bytes("not json"), 1L, List.of()));
      w.append(new OutRecord(topic, 0, null, bytes("{\"AMOUNT\": 5, \"ITEM\": \"ok\"}"), 2L,
          List.of()));
    }
    run("CREATE STREAM copy WITH (kafka_topic='" + topic + "_copy') AS SELECT amount, item"
        + " FROM orders;");
    assertEquals(List.of("{\"AMOUNT\":5,\"ITEM\":\"ok\"}"), await(topic + "_copy", 1));
    PersistentQuery q = engine.queries().get(0);
    awaitTrue(() -> q.runner().processingLog().count() == 1, "one bad record reported");
    String report = q.runner().processingLog().recent().get(0);
    assertTrue(report.contains("topic " + topic + " partition 0 offset 0"), report);
    assertEquals(QueryRunner.State.RUNNING, q.runner().state());
  }

  @Test
  void restartedEngineResumesItsQueriesWithoutDuplicates() throws Exception {
    createOrders();
    for (int i = 0; i < 10; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'a');");
    }
    run("CREATE STREAM copy WITH (kafka_topic='" + topic + "_copy') AS SELECT id, amount"
        + " FROM orders;");
    await(topic + "_copy", 10);
    engine.close();
    engine = Engine.open(io, EngineConfig.SERVER.withServiceId(service).withStateDir(stateDir));
    assertEquals(1, engine.queries().size(), "the query was rebuilt from the command topic");
    assertTrue(engine.replayFailures().isEmpty(), engine.replayFailures().toString());
    for (int i = 10; i < 15; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'b');");
    }
    List<String> all = await(topic + "_copy", 15);
    Thread.sleep(300);
    assertEquals(15, readValues(topic + "_copy").size(), "no output twice: " + all);
  }

  @Test
  void aggregationCountsEachRecordOnceAcrossARestart() throws Exception {
    createOrders();
    for (int i = 0; i < 6; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'item"
          + (i % 2) + "');");
    }
    run("CREATE TABLE per_item WITH (kafka_topic='" + topic + "_per_item', partitions=1) AS"
        + " SELECT item, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY item;");
    List<String> first = await(topic + "_per_item", 6);
    assertTrue(first.contains("{\"N\":3,\"TOTAL\":9}"), first.toString());
    assertTrue(first.contains("{\"N\":3,\"TOTAL\":6}"), first.toString());
    Thread.sleep(300);
    engine.close();
    engine = Engine.open(io, EngineConfig.SERVER.withServiceId(service).withStateDir(stateDir));
    run("INSERT INTO orders (id, amount, item) VALUES (10, 10, 'item0');");
    List<String> after = await(topic + "_per_item", 7);
    // The new record adds to the counts kept in the state store; nothing is counted twice.
    assertTrue(after.get(after.size() - 1).equals("{\"N\":4,\"TOTAL\":16}")
        || after.contains("{\"N\":4,\"TOTAL\":16}"), after.toString());
    assertFalse(after.stream().anyMatch(v -> v.contains("\"N\":5")), after.toString());

    // A pull query reads the table's state as of the query's last commit (every 2 s).
    List<List<Object>> rows = pullUntil("SELECT item, n, total FROM per_item WHERE item = 'item0';",
        r -> r.size() == 1 && r.get(0).toString().equals("[item0, 4, 16]"));
    assertEquals("[[item0, 4, 16]]", rows.toString());
    List<List<Object>> all = pullUntil("SELECT * FROM per_item;", r -> r.size() == 2);
    assertEquals(2, all.size(), all.toString());
    String lookup = engine.execute("EXPLAIN SELECT n FROM per_item WHERE item = 'item0';",
        new Session()).get(0).rows().toString();
    assertTrue(lookup.contains("KEY LOOKUP"), lookup);
    String scan = engine.execute("EXPLAIN SELECT n FROM per_item WHERE n > 1;", new Session())
        .get(0).rows().toString();
    assertTrue(scan.contains("TABLE SCAN"), scan);
  }

  @Test
  void aTableOverATopicAnswersPullQueriesByKeyAndByRange() throws Exception {
    run("CREATE TABLE users (id BIGINT PRIMARY KEY, name STRING) WITH (kafka_topic='" + topic
        + "_users', partitions=2, value_format='JSON');");
    for (int i = 0; i < 10; i++) {
      run("INSERT INTO users (id, name) VALUES (" + i % 5 + ", 'n" + i + "');");
    }
    List<List<Object>> one = pullUntil("SELECT id, name FROM users WHERE id = 3;",
        r -> r.toString().equals("[[3, n8]]"));
    assertEquals("[[3, n8]]", one.toString());
    List<List<Object>> range = pullUntil("SELECT id FROM users WHERE id BETWEEN 1 AND 3;",
        r -> r.size() == 3);
    assertEquals("[[1], [2], [3]]", range.toString(), "a range reads keys in order");
  }

  private List<List<Object>> pullUntil(String sql,
      java.util.function.Predicate<List<List<Object>>> done) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    List<List<Object>> rows;
    do {
      rows = Collections.synchronizedList(new ArrayList<>());
      Session session = new Session();
      PullQuery q = engine.pull(engine.parse(sql, session).get(0), session, rows::add);
      q.ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
      if (q.failure() != null) {
        throw new AssertionError("pull query failed", q.failure());
      }
      if (done.test(rows)) {
        return rows;
      }
      Thread.sleep(200);
    } while (System.currentTimeMillis() < deadline);
    return rows;
  }

  @Test
  void aLostStateDirectoryIsRestoredFromTheChangelog() throws Exception {
    createOrders();
    for (int i = 0; i < 6; i++) {
      run("INSERT INTO orders (id, amount, item) VALUES (" + i + ", " + i + ", 'item"
          + (i % 2) + "');");
    }
    run("CREATE TABLE per_item WITH (kafka_topic='" + topic + "_per_item', partitions=1) AS"
        + " SELECT item, COUNT(*) AS n FROM orders GROUP BY item;");
    await(topic + "_per_item", 6);
    Thread.sleep(300);
    engine.close();
    try (var paths = java.nio.file.Files.walk(stateDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertFalse(java.nio.file.Files.exists(stateDir), "the state directory is gone");
    engine = Engine.open(io, EngineConfig.SERVER.withServiceId(service).withStateDir(stateDir));
    run("INSERT INTO orders (id, amount, item) VALUES (10, 10, 'item0');");
    List<String> after = await(topic + "_per_item", 7);
    assertEquals("{\"N\":4}", after.get(after.size() - 1), after.toString());
    List<List<Object>> rows = pullUntil("SELECT item, n FROM per_item;", r -> r.size() == 2
        && r.toString().contains("[item0, 4]") && r.toString().contains("[item1, 3]"));
    assertTrue(rows.toString().contains("[item0, 4]"), rows.toString());
  }

  @Test
  void badStatementsAreRejectedWithLineAndColumn() {
    createOrders();
    EngineException e = assertThrows(EngineException.class, () -> run(
        "CREATE STREAM s AS SELECT nope\nFROM orders;"));
    assertTrue(e.getMessage().contains("line 1:27") && e.getMessage().contains("NOPE"),
        e.getMessage());
    EngineException syntax = assertThrows(EngineException.class, () -> run("SELEC 1;"));
    assertEquals(1, syntax.line().orElseThrow());
    EngineException grouped = assertThrows(EngineException.class, () -> run(
        "CREATE STREAM g AS SELECT item, COUNT(*) FROM orders GROUP BY item;"));
    assertTrue(grouped.getMessage().contains("Please use CREATE TABLE AS SELECT"),
        grouped.getMessage());
  }

  private List<String> await(String t, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    List<String> values = List.of();
    while (System.currentTimeMillis() < deadline) {
      values = readValues(t);
      if (values.size() >= count) {
        return values;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("expected " + count + " records in " + t + ", got " + values);
  }

  private List<String> readValues(String t) {
    List<String> out = new ArrayList<>();
    if (io.describe(t).isEmpty()) {
      return out;
    }
    int partitions = io.describe(t).get().partitions();
    try (LogReader reader = io.reader()) {
      for (int p = 0; p < partitions; p++) {
        TopicPartition tp = new TopicPartition(t, p);
        long end = io.endOffset(tp);
        reader.assign(Map.of(tp, LogReader.EARLIEST));
        while (reader.position(tp) < end) {
          for (InRecord r : reader.poll(Duration.ofSeconds(5))) {
            out.add(new String(r.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return out;
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
