package io.sluice.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.log.EmbeddedLog;
import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Window lifecycles over the embedded log and real LMDB state, stepped deterministically (manual
 * mode): EMIT FINAL writes each window once when it closes, also across a restart; windows older
 * than the retention leave the state; late records are dropped and reported.
 */
class WindowedAggregationTest {

  @TempDir
  Path dir;

  private EmbeddedLog log;
  private EmbeddedLogIO io;
  private Engine engine;

  @BeforeEach
  void setUp() throws Exception {
    log = EmbeddedLog.open(dir.resolve("logs"));
    io = log.io();
    engine = open();
    run("CREATE STREAM clicks (user STRING KEY, n INT) WITH (kafka_topic='clicks', partitions=1,"
        + " value_format='JSON');");
  }

  private Engine open() {
    return Engine.open(io, EngineConfig.TEST.withStateDir(dir.resolve("state")));
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    log.close();
  }

  private void run(String sql) {
    engine.execute(sql, new Session());
  }

  private void click(String user, int n, long time) {
    run("INSERT INTO clicks (user, n, ROWTIME) VALUES ('" + user + "', " + n + ", " + time
        + ");");
    engine.runUntilIdle();
  }

  @Test
  void emitFinalWritesEachWindowOnceWhenItClosesAlsoAcrossARestart() throws Exception {
    run("CREATE TABLE per_user WITH (kafka_topic='per_user') AS SELECT user, COUNT(*) AS c,"
        + " SUM(n) AS s FROM clicks WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 5 SECONDS)"
        + " GROUP BY user EMIT FINAL;");
    click("a", 1, 1_000);
    click("b", 2, 2_000);
    click("a", 3, 9_000);
    click("a", 4, 12_000);
    assertEquals(List.of(), records("per_user"), "no window has closed yet");
    click("b", 5, 8_000); // within the grace: still counts in [0, 10 s)
    click("a", 6, 15_000); // stream time 15 s: [0, 10 s) closes
    assertEquals(List.of("a@0-10000 {\"C\":2,\"S\":4} t=9000", "b@0-10000 {\"C\":2,\"S\":7} t=8000"),
        records("per_user"));
    click("b", 7, 3_000); // its window closed: dropped
    engine.close();
    engine = open();
    engine.runUntilIdle();
    assertEquals(2, records("per_user").size(), "a restart writes no window again");
    click("a", 8, 25_000);
    List<String> out = records("per_user");
    assertEquals(3, out.size(), out.toString());
    assertEquals("a@10000-20000 {\"C\":2,\"S\":10} t=15000", out.get(2));
  }

  @Test
  void windowsOlderThanTheRetentionAreRemovedFromTheState() throws Exception {
    run("CREATE TABLE per_user WITH (kafka_topic='per_user') AS SELECT user, COUNT(*) AS c"
        + " FROM clicks WINDOW TUMBLING (SIZE 10 SECONDS, RETENTION 30 SECONDS,"
        + " GRACE PERIOD 0 SECONDS) GROUP BY user;");
    for (int i = 0; i <= 6; i++) {
      click("a", i, i * 10_000L);
    }
    // The newest window starts at 60 s: windows starting before 30 s have left the state.
    List<String> windows = new ArrayList<>();
    Session session = new Session();
    PullQuery q = engine.pull(engine.parse("SELECT * FROM per_user;", session)
        .get(0), session, r -> windows.add(r.toString()));
    q.ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(List.of("[a, 30000, 40000, 1]", "[a, 40000, 50000, 1]",
        "[a, 50000, 60000, 1]", "[a, 60000, 70000, 1]"), windows);
    List<String> bounds = new ArrayList<>();
    PullQuery q2 = engine.pull(engine.parse("SELECT WINDOWSTART, c FROM per_user WHERE user = 'a'"
        + " AND WINDOWSTART >= 50000;", session).get(0), session, r -> bounds.add(r.toString()));
    q2.ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(List.of("[50000, 1]", "[60000, 1]"), bounds);
    assertEquals(7, records("per_user").size(), "every update was written");
  }

  @Test
  void lateRecordsAreDroppedAndReported() throws Exception {
    run("CREATE TABLE per_user WITH (kafka_topic='per_user') AS SELECT user, COUNT(*) AS c"
        + " FROM clicks WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS,"
        + " GRACE PERIOD 1 SECONDS) GROUP BY user;");
    click("a", 1, 20_000);
    click("a", 1, 1_000);
    assertEquals(2, records("per_user").size(), "the two windows of the first record only");
    PersistentQuery query = engine.queries().get(0);
    assertEquals(1, query.runner().processingLog().count());
    assertTrue(query.runner().processingLog().recent().get(0).contains("late record"));
  }

  @Test
  void badWindowClausesAreRejected() {
    EngineException noWindow = assertThrows(EngineException.class, () -> run(
        "CREATE TABLE t AS SELECT user, COUNT(*) FROM clicks GROUP BY user EMIT FINAL;"));
    assertTrue(noWindow.getMessage().contains("EMIT FINAL is only supported for windowed"),
        noWindow.getMessage());
    EngineException retention = assertThrows(EngineException.class, () -> run(
        "CREATE TABLE t AS SELECT user, COUNT(*) FROM clicks WINDOW TUMBLING (SIZE 1 MINUTE,"
            + " RETENTION 10 SECONDS, GRACE PERIOD 0 SECONDS) GROUP BY user;"));
    assertTrue(retention.getMessage().contains("RETENTION"), retention.getMessage());
  }

  /** The topic's records as {@code key@start-end value t=timestamp} (windowed STRING keys). */
  private List<String> records(String topic) {
    List<String> out = new ArrayList<>();
    TopicPartition tp = new TopicPartition(topic, 0);
    long end = io.endOffset(tp);
    try (LogReader reader = io.reader()) {
      reader.assign(Map.of(tp, LogReader.EARLIEST));
      while (reader.position(tp) < end) {
        for (InRecord r : reader.poll(Duration.ofSeconds(5))) {
          // A time-windowed key: the key's bytes, then the window start (8 bytes big-endian).
          byte[] k = r.key();
          String key = new String(k, 0, k.length - 8, StandardCharsets.UTF_8);
          long start = java.nio.ByteBuffer.wrap(k, k.length - 8, 8).getLong();
          out.add(key + "@" + start + "-" + (start + 10_000) + " "
              + new String(r.value(), StandardCharsets.UTF_8) + " t=" + r.timestamp());
        }
      }
    }
    return out;
  }
}
