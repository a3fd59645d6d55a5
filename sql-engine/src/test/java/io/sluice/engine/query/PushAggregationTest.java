package io.sluice.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.log.EmbeddedLog;
import io.sluice.engine.log.EmbeddedLogIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push queries with GROUP BY over a TABLE: a changed row moves its contribution. */
class PushAggregationTest {

  @TempDir
  Path dir;

  private EmbeddedLog log;
  private EmbeddedLogIO io;
  private Engine engine;

  @BeforeEach
  void setUp() throws Exception {
    log = EmbeddedLog.open(dir.resolve("logs"));
    io = log.io();
    engine = Engine.open(io, EngineConfig.SERVER.withStateDir(dir.resolve("state")));
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    log.close();
  }

  private void run(String sql) {
    engine.execute(sql, new Session());
  }

  @Test
  void aPushAggregationOverATableRetractsAChangedRow() throws Exception {
    run("CREATE TABLE users (id INT PRIMARY KEY, region STRING) WITH (kafka_topic='users',"
        + " partitions=1, value_format='JSON');");
    run("INSERT INTO users (id, region) VALUES (1, 'eu');");
    run("INSERT INTO users (id, region) VALUES (2, 'eu');");
    run("INSERT INTO users (id, region) VALUES (1, 'us');");
    List<String> rows = Collections.synchronizedList(new ArrayList<>());
    Session session = new Session();
    PushQuery q = engine.push(engine.parse("SELECT region, COUNT(*) AS n FROM users"
        + " GROUP BY region EMIT CHANGES LIMIT 4;", session).get(0), session,
        r -> rows.add(r.toString()));
    q.ended().get(30, TimeUnit.SECONDS);
    // eu 1, eu 2, then user 1 leaves eu (eu 1) and joins us (us 1).
    assertEquals(List.of("[eu, 1]", "[eu, 2]", "[eu, 1]", "[us, 1]"), rows);
    assertTrue(q.isDone());
  }
}
