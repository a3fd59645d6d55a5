package io.sluice.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.storage.FileLogStore;
import io.sluice.storage.state.StateStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull queries over the engine's two kinds of materialized tables (tables over topics and
 * aggregations), in test mode over the embedded log with real LMDB state: lookups, IN, key
 * ranges and window bounds return exactly what a full scan with the same WHERE returns, and
 * EXPLAIN says which access each one uses.
 */
class PullQueryTest {

  @TempDir
  Path dir;

  private FileLogStore store;
  private EmbeddedLogIO io;
  private Engine engine;
  private final Session session = new Session();
  private final Random random = new Random(11);

  @BeforeEach
  void setUp() throws Exception {
    store = FileLogStore.open(dir.resolve("logs"));
    io = new EmbeddedLogIO(store);
    engine = open();
  }

  private Engine open() {
    return Engine.open(io, EngineConfig.TEST.withStateDir(dir.resolve("state")));
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    io.close();
    store.close();
  }

  private void run(String sql) {
    engine.execute(sql, session);
    engine.runUntilIdle();
  }

  private List<List<Object>> pull(String sql) throws Exception {
    List<List<Object>> rows = Collections.synchronizedList(new ArrayList<>());
    PullQuery q = engine.pull(engine.parse(sql, session).get(0), session, rows::add);
    q.ended().get(10, TimeUnit.SECONDS);
    if (q.failure() != null) {
      throw new AssertionError("pull query failed: " + sql, q.failure());
    }
    return rows;
  }

  private String explain(String sql) {
    return engine.execute("EXPLAIN " + sql, session).get(0).rows().toString();
  }

  /** The rows of {@code WHERE p}, in order, and the same from a scan (an OR hides p). */
  private void assertSameAsScan(String table, String predicate) throws Exception {
    List<List<Object>> planned = pull("SELECT * FROM " + table + " WHERE " + predicate + ";");
    List<List<Object>> scanned = pull("SELECT * FROM " + table + " WHERE (" + predicate
        + ") OR 1 = 0;");
    Comparator<List<Object>> order = Comparator.comparing(Object::toString);
    List<List<Object>> a = new ArrayList<>(planned);
    List<List<Object>> b = new ArrayList<>(scanned);
    a.sort(order);
    b.sort(order);
    assertEquals(b, a, () -> predicate + ", read by " + explain("SELECT * FROM " + table
        + " WHERE " + predicate + ";"));
  }

  private static byte[] intKey(int k) {
    return ByteBuffer.allocate(4).putInt(k).array();
  }

  /** Appends a record straight to a topic (INSERT VALUES compiles each statement: slow). */
  private void write(String topic, byte[] key, String json, long timestamp) {
    try (LogWriter w = io.writer()) {
      w.append(new OutRecord(topic, OutRecord.ANY_PARTITION, key,
          json.getBytes(java.nio.charset.StandardCharsets.UTF_8), timestamp, List.of()));
    }
  }

  private static byte[] stringKey(String k) {
    return k.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private void tombstone(String topic, int key) {
    try (LogWriter w = io.writer()) {
      w.append(OutRecord.of(topic, intKey(key), null));
    }
    engine.runUntilIdle();
  }

  @Test
  void aTableOverATopicKeepsTheLatestRowPerKeyAndATombstoneDeletesIt() throws Exception {
    run("CREATE TABLE users (id INT PRIMARY KEY, name STRING, score DOUBLE) WITH"
        + " (kafka_topic='users', partitions=2, value_format='JSON');");
    run("INSERT INTO users (id, name, score) VALUES (1, 'ann', 1.5);");
    run("INSERT INTO users (id, name, score) VALUES (2, 'bob', 2.5);");
    run("INSERT INTO users (id, name, score) VALUES (1, 'ann2', 3.5);");
    assertEquals("[[1, ann2, 3.5]]", pull("SELECT id, name, score FROM users WHERE id = 1;")
        .toString());
    assertEquals(2, pull("SELECT * FROM users;").size());
    tombstone("users", 2);
    assertEquals("[[1, ann2]]", pull("SELECT id, name FROM users;").toString());
    assertEquals("[]", pull("SELECT * FROM users WHERE id = 2;").toString());
    // ROWTIME and the other pseudo-columns come from the row's latest record
    List<List<Object>> time = pull("SELECT ROWTIME AS t, ROWPARTITION AS p FROM users WHERE id = 1;");
    assertTrue((Long) time.get(0).get(0) > 0, time.toString());
  }

  @Test
  void explainSaysLookupRangeOrScan() {
    run("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH (kafka_topic='t', partitions=1,"
        + " value_format='JSON');");
    String lookup = explain("SELECT * FROM t WHERE id = 1;");
    assertTrue(lookup.contains("(state of CST_T_") && lookup.contains("KEY LOOKUP (ID = 1)"),
        lookup);
    assertTrue(explain("SELECT * FROM t WHERE id IN (3, 1) AND v = 'x';")
        .contains("KEY LOOKUP (ID IN (3, 1))"));
    assertTrue(explain("SELECT * FROM t WHERE id >= 1 AND 5 > id;")
        .contains("KEY RANGE (ID >= 1 AND ID < 5)"));
    assertTrue(explain("SELECT * FROM t WHERE id BETWEEN 2 AND 4;")
        .contains("KEY RANGE (ID >= 2 AND ID <= 4)"));
    String or = explain("SELECT * FROM t WHERE id = 1 OR id IN (2, 1);");
    assertTrue(or.contains("KEY LOOKUP (ID = 1) OR (ID IN (2, 1))"), or);
    assertTrue(explain("SELECT * FROM t WHERE id = 1 OR v = 'x';").contains("TABLE SCAN"));
    assertTrue(explain("SELECT * FROM t WHERE v = 'x';").contains("TABLE SCAN"));
    assertTrue(explain("SELECT * FROM t;").contains("TABLE SCAN"));
    // 1.5 is no INT: the key is not narrowed, the WHERE still applies
    assertTrue(explain("SELECT * FROM t WHERE id = 1.5;").contains("TABLE SCAN"));
  }

  @Test
  void lookupsInListsAndRangesReturnWhatAScanReturns() throws Exception {
    run("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH (kafka_topic='t', partitions=2,"
        + " value_format='JSON');");
    for (int i = 0; i < 120; i++) {
      int id = random.nextInt(81) - 40;
      write("t", intKey(id), "{\"V\":\"v" + random.nextInt(5) + "\"}", 1L);
    }
    engine.runUntilIdle();
    tombstone("t", 0);
    tombstone("t", 7);
    assertFalse(pull("SELECT * FROM t;").isEmpty());
    for (int i = 0; i < 15; i++) {
      int a = random.nextInt(101) - 50;
      int b = random.nextInt(101) - 50;
      String p = switch (random.nextInt(9)) {
        case 0 -> "id = " + a;
        case 1 -> "id IN (" + a + ", " + b + ", " + (a + 1) + ")";
        case 2 -> "id BETWEEN " + a + " AND " + b;
        case 3 -> "id < " + a;
        case 4 -> "id >= " + a + " AND id < " + b;
        case 5 -> a + " <= id AND v <> 'v1'";
        case 6 -> "id > " + a + " AND id <= " + b + " AND id > " + b / 2;
        case 7 -> "id IN (" + a + ", " + b + ") AND id = " + a + " OR id = " + b;
        default -> "id > " + a + " AND id IN (" + a + ", " + b + ")";
      };
      assertSameAsScan("t", p);
    }
  }

  @Test
  void timestampAndDoubleKeysConvertLiteralsAsTheWhereDoes() throws Exception {
    run("CREATE TABLE ts (t TIMESTAMP PRIMARY KEY, v INT) WITH (kafka_topic='ts', partitions=1,"
        + " value_format='JSON', key_format='JSON');");
    run("CREATE TABLE ds (d DOUBLE PRIMARY KEY, v INT) WITH (kafka_topic='ds', partitions=1,"
        + " value_format='JSON', key_format='JSON');");
    String[] times = {"2020-01-01T00:00:00", "2020-01-01T00:00:00.500", "2020-06-30T12:00:00",
        "2021-01-01T00:00:00", "1999-12-31T23:59:59"};
    for (int i = 0; i < times.length; i++) {
      engine.execute("INSERT INTO ts (t, v) VALUES ('" + times[i] + "', " + i + ");", session);
    }
    String[] doubles = {"-1.5", "-0.0", "0.0", "0.25", "1.0E300", "3.0"};
    for (int i = 0; i < doubles.length; i++) {
      engine.execute("INSERT INTO ds (d, v) VALUES (" + doubles[i] + ", " + i + ");", session);
    }
    engine.runUntilIdle();
    for (String t : new String[] {"'2020-01-01T00:00:00'", "'2020-01-01T00:00:00.500'",
        "'2020-06-30'", "'2021'"}) {
      for (String op : new String[] {"=", "<", "<=", ">", ">="}) {
        assertSameAsScan("ts", "t " + op + " " + t);
      }
    }
    assertSameAsScan("ts", "t BETWEEN '2020-01-01T00:00:00.100' AND '2021-01-01T00:00:00'");
    for (String d : new String[] {"0", "0.0", "-0.0", "0.25", "1", "3", "0.1", "1E300"}) {
      for (String op : new String[] {"=", "<", "<=", ">", ">="}) {
        assertSameAsScan("ds", "d " + op + " " + d);
      }
    }
    assertSameAsScan("ds", "d IN (0, 3, 0.1)");
    assertTrue(explain("SELECT * FROM ts WHERE t > '2020-06-30';").contains("KEY RANGE"));
    assertTrue(explain("SELECT * FROM ds WHERE d = 0;").contains("KEY LOOKUP (D = 0.0)"));
    assertEquals("[[0.0, 2]]", pull("SELECT * FROM ds WHERE d = 0;").toString());
  }

  @Test
  void multiColumnKeysNarrowByAnEqualPrefixThenARange() throws Exception {
    run("CREATE STREAM s (a STRING, b INT, x DOUBLE) WITH (kafka_topic='s', partitions=1,"
        + " value_format='JSON');");
    run("CREATE TABLE g WITH (key_format='JSON') AS SELECT a, b, COUNT(*) AS n, SUM(x) AS total FROM s GROUP BY a, b;");
    String[] as = {"", "a", "ab", "b", "~", "\u00e9", "\u00ff"};
    for (int i = 0; i < 150; i++) {
      write("s", null, "{\"A\":\"" + as[random.nextInt(as.length)] + "\",\"B\":"
          + (random.nextInt(21) - 10) + ",\"X\":" + random.nextInt(10) + ".0}", 1L);
    }
    engine.runUntilIdle();
    assertTrue(explain("SELECT * FROM g WHERE a = 'a' AND b > 3;")
        .contains("KEY RANGE (A = 'a', B > 3)"));
    assertTrue(explain("SELECT * FROM g WHERE a = 'a' AND b = 3;")
        .contains("KEY LOOKUP (A = 'a', B = 3)"));
    assertTrue(explain("SELECT * FROM g WHERE a IN ('a', 'b');").contains("KEY RANGE (A IN"));
    assertTrue(explain("SELECT * FROM g WHERE b = 3;").contains("TABLE SCAN"));
    assertTrue(explain("SELECT * FROM g WHERE a = 'a' AND b = 1 OR b = 2 AND a = 'b';")
        .contains("KEY LOOKUP (A = 'a', B = 1) OR (A = 'b', B = 2)"));
    for (int i = 0; i < 15; i++) {
      String x = as[random.nextInt(as.length)];
      String y = as[random.nextInt(as.length)];
      int b = random.nextInt(25) - 12;
      String p = switch (random.nextInt(8)) {
        case 0 -> "a = '" + x + "'";
        case 1 -> "a = '" + x + "' AND b = " + b;
        case 2 -> "a = '" + x + "' AND b >= " + b;
        case 3 -> "a IN ('" + x + "', '" + y + "') AND b < " + b;
        case 4 -> "a > '" + x + "'";
        case 5 -> "a BETWEEN '" + x + "' AND '" + y + "' AND b = " + b;
        case 6 -> "a IN ('" + x + "', '" + y + "') AND b IN (" + b + ", " + (b + 1) + ")";
        default -> "a = '" + x + "' AND b = " + b + " OR a = '" + y + "' AND b = 1 OR a = '"
            + x + "' AND b = " + b;
      };
      assertSameAsScan("g", p);
    }
  }

  @Test
  void windowedTablesNarrowByKeyAndWindowBounds() throws Exception {
    run("CREATE STREAM e (k STRING KEY, v INT) WITH (kafka_topic='e', partitions=1,"
        + " value_format='JSON');");
    run("CREATE TABLE w AS SELECT k, COUNT(*) AS n FROM e WINDOW TUMBLING (SIZE 10 SECONDS)"
        + " GROUP BY k;");
    for (int i = 0; i < 100; i++) {
      write("e", stringKey("k" + random.nextInt(4)), "{\"V\":1}", random.nextInt(100_000));
    }
    engine.runUntilIdle();
    String e = explain("SELECT * FROM w WHERE k = 'k1' AND WINDOWSTART >= 20000 AND"
        + " WINDOWEND <= 60000;");
    assertTrue(e.contains("KEY LOOKUP (K = 'k1', WINDOWSTART >= 20000, WINDOWEND <= 60000)"), e);
    assertFalse(pull("SELECT * FROM w WHERE k = 'k1';").isEmpty(), "k1 has windows");
    for (int i = 0; i < 15; i++) {
      String k = "k" + random.nextInt(5);
      long s = random.nextInt(11) * 10_000L;
      long t = random.nextInt(11) * 10_000L + random.nextInt(3) * 5_000;
      String p = switch (random.nextInt(6)) {
        case 0 -> "k = '" + k + "' AND WINDOWSTART = " + s;
        case 1 -> "k = '" + k + "' AND WINDOWSTART BETWEEN " + s + " AND " + t;
        case 2 -> "k = '" + k + "' AND WINDOWSTART > " + s + " AND WINDOWEND < " + t;
        case 3 -> "k = '" + k + "' AND WINDOWEND = " + t;
        case 4 -> "k IN ('" + k + "', 'k0') AND WINDOWSTART >= " + s;
        default -> "k >= '" + k + "' AND WINDOWSTART < " + t;
      };
      assertSameAsScan("w", p);
    }
  }

  @Test
  void aWindowedTableOverATopicKeepsARowPerKeyAndWindow() throws Exception {
    run("CREATE STREAM e (k STRING KEY, v INT) WITH (kafka_topic='e', partitions=1,"
        + " value_format='JSON');");
    run("CREATE TABLE w WITH (kafka_topic='w') AS SELECT k, COUNT(*) AS n FROM e"
        + " WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY k;");
    for (int i = 0; i < 60; i++) {
      write("e", stringKey("k" + random.nextInt(3)), "{\"V\":1}", random.nextInt(60_000));
    }
    engine.runUntilIdle();
    // the aggregation's output topic read back as a windowed table: the same rows
    run("CREATE TABLE wt (k STRING PRIMARY KEY, n BIGINT) WITH (kafka_topic='w',"
        + " value_format='JSON', window_type='TUMBLING', window_size='10 SECONDS');");
    String all = "SELECT k, WINDOWSTART AS s, WINDOWEND AS e, n FROM ";
    assertEquals(pull(all + "w;").toString(), pull(all + "wt;").toString());
    assertTrue(explain("SELECT * FROM wt WHERE k = 'k1' AND WINDOWSTART = 10000;")
        .contains("KEY LOOKUP (K = 'k1', WINDOWSTART = 10000)"));
    for (int i = 0; i < 15; i++) {
      String k = "k" + random.nextInt(4);
      long s = random.nextInt(7) * 10_000L;
      String p = switch (random.nextInt(3)) {
        case 0 -> "k = '" + k + "' AND WINDOWSTART = " + s;
        case 1 -> "k = '" + k + "' AND WINDOWEND > " + s;
        default -> "k IN ('" + k + "', 'k0') AND WINDOWSTART >= " + s;
      };
      assertSameAsScan("wt", p);
    }
  }

  @Test
  void sessionWindowsNarrowByKeyAndWindowBounds() throws Exception {
    run("CREATE STREAM e (k STRING KEY, v INT) WITH (kafka_topic='e', partitions=1,"
        + " value_format='JSON');");
    run("CREATE TABLE s AS SELECT k, COUNT(*) AS n FROM e WINDOW SESSION (5 SECONDS)"
        + " GROUP BY k;");
    for (int i = 0; i < 80; i++) {
      write("e", stringKey("k" + random.nextInt(3)), "{\"V\":1}", random.nextInt(100_000));
    }
    engine.runUntilIdle();
    String e = explain("SELECT * FROM s WHERE k = 'k1' AND WINDOWEND < 50000;");
    assertTrue(e.contains("KEY LOOKUP (K = 'k1', WINDOWEND < 50000)"), e);
    for (int i = 0; i < 20; i++) {
      String k = "k" + random.nextInt(4);
      long t = random.nextInt(100_000);
      String p = switch (random.nextInt(4)) {
        case 0 -> "k = '" + k + "' AND WINDOWEND <= " + t;
        case 1 -> "k = '" + k + "' AND WINDOWEND > " + t + " AND WINDOWSTART < " + (t + 20_000);
        case 2 -> "k = '" + k + "' AND WINDOWSTART >= " + t;
        default -> "k = '" + k + "' AND WINDOWEND IN (" + t + ", " + (t + 1) + ")";
      };
      assertSameAsScan("s", p);
    }
    List<List<Object>> all = pull("SELECT k, WINDOWSTART AS ws, WINDOWEND AS we FROM s WHERE"
        + " k = 'k1';");
    assertFalse(all.isEmpty());
    long end = (Long) all.get(0).get(2);
    assertSameAsScan("s", "k = 'k1' AND WINDOWEND = " + end);
    assertFalse(pull("SELECT * FROM s WHERE k = 'k1' AND WINDOWEND = " + end + ";").isEmpty());
  }

  @Test
  void aRestartResumesTheTableAndALostStateDirectoryIsRebuiltFromTheTopic() throws Exception {
    // a source table is read-only: its rows go in through a stream over the same topic
    run("CREATE STREAM users_in (id INT KEY, name STRING) WITH (kafka_topic='users',"
        + " partitions=2, value_format='JSON');");
    run("CREATE SOURCE TABLE users (id INT PRIMARY KEY, name STRING) WITH"
        + " (kafka_topic='users', value_format='JSON');");
    for (int i = 0; i < 50; i++) {
      run("INSERT INTO users_in (id, name) VALUES (" + (i % 20) + ", 'n" + i + "');");
    }
    assertEquals(20, pull("SELECT * FROM users;").size());
    engine.close();
    engine = open();
    // the committed state is there before any input is read again
    assertEquals("[[3, n43]]", pull("SELECT id, name FROM users WHERE id = 3;").toString());
    run("INSERT INTO users_in (id, name) VALUES (3, 'again');");
    assertEquals("[[3, again]]", pull("SELECT id, name FROM users WHERE id = 3;").toString());
    engine.close();

    Path state = dir.resolve("state");
    List<Path> stores;
    try (var list = Files.list(state)) {
      stores = list.filter(p -> p.getFileName().toString().startsWith("CST_USERS_")).toList();
    }
    assertEquals(1, stores.size(), stores.toString());
    // the store committed the input positions with the rows: a restart reads on from there
    try (StateStore committed = StateStore.open(stores.get(0))) {
      assertEquals(51L, committed.positions().values().stream().mapToLong(Long::longValue).sum(),
          committed.positions().toString());
    }
    try (var paths = Files.walk(state)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    engine = open();
    assertEquals(0, pull("SELECT * FROM users;").size(), "nothing read yet");
    engine.runUntilIdle();
    assertEquals(20, pull("SELECT * FROM users;").size());
    assertEquals("[[3, again]]", pull("SELECT id, name FROM users WHERE id = 3;").toString());
  }

  @Test
  void aTableMadeBySelectWithoutGroupByIsMaterializedFromItsTopic() throws Exception {
    run("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH (kafka_topic='t', partitions=1,"
        + " value_format='JSON');");
    run("INSERT INTO t (id, v) VALUES (1, 'a');");
    run("INSERT INTO t (id, v) VALUES (7, 'b');");
    run("CREATE TABLE big AS SELECT id, UCASE(v) AS u FROM t WHERE id > 5;");
    assertEquals("[[7, B]]", pull("SELECT * FROM big;").toString());
    run("INSERT INTO t (id, v) VALUES (7, 'c');");
    assertEquals("[[7, C]]", pull("SELECT id, u FROM big WHERE id = 7;").toString());
    assertTrue(explain("SELECT * FROM big WHERE id = 7;").contains("(state of CST_BIG_"));
  }

  @Test
  void dropTableStopsItsQueryAndDeletesItsState() throws Exception {
    run("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH (kafka_topic='t', partitions=1,"
        + " value_format='JSON');");
    run("INSERT INTO t (id, v) VALUES (1, 'x');");
    assertEquals(1, pull("SELECT * FROM t;").size());
    Path state = dir.resolve("state");
    try (var list = Files.list(state)) {
      assertEquals(1, list.filter(p -> p.getFileName().toString().startsWith("CST_T_")).count());
    }
    run("DROP TABLE t;");
    try (var list = Files.list(state)) {
      assertEquals(0, list.filter(p -> p.getFileName().toString().startsWith("CST_T_")).count());
    }
    assertThrows(EngineException.class, () -> pull("SELECT * FROM t;"));
    // the same name again is a new table, read from the topic's start
    run("CREATE TABLE t (id INT PRIMARY KEY, v STRING) WITH (kafka_topic='t', value_format="
        + "'JSON');");
    assertEquals("[[1, x]]", pull("SELECT * FROM t;").toString());
    // and after a restart the drop and the new CREATE replay to one table
    engine.close();
    engine = open();
    engine.runUntilIdle();
    assertEquals("[[1, x]]", pull("SELECT * FROM t;").toString());
  }
}
