package io.sluice.engine.query;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.storage.FileLogStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullProbeTest {
  @TempDir Path dir;

  @Test
  void probe() throws Exception {
    int n = Integer.getInteger("probe.keys", 200_000);
    try (FileLogStore store = FileLogStore.open(dir.resolve("logs"));
         EmbeddedLogIO io = new EmbeddedLogIO(store)) {
      Engine engine = Engine.open(io, EngineConfig.TEST.withStateDir(dir.resolve("state")));
      Session session = new Session();
      engine.execute("CREATE STREAM w (id BIGINT KEY, name STRING, score INT) WITH (kafka_topic='users', partitions=4, value_format='JSON');", session);
      try (LogWriter writer = io.writer()) {
        for (int i = 0; i < n; i++) {
          byte[] key = ByteBuffer.allocate(8).putLong(i).array();
          writer.append(OutRecord.of("users", key, ("{\"NAME\":\"name" + i + "\",\"SCORE\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
      }
      long t0 = System.nanoTime();
      engine.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name STRING, score INT) WITH (kafka_topic='users', value_format='JSON');", session);
      engine.runUntilIdle();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("PROBE materialized " + n + " keys in " + ms + " ms: " + (n * 1000L / Math.max(1, ms)) + " records/s");
      Random r = new Random(1);
      for (String kind : new String[] {"warm", "lookup"}) {
        long[] times = new long[2000];
        for (int i = 0; i < times.length; i++) {
          String sql = "SELECT * FROM users WHERE id = " + r.nextInt(n) + ";";
          long s = System.nanoTime();
          List<List<Object>> rows = new ArrayList<>();
          PullQuery q = engine.pull(engine.parse(sql, session).get(0), session, rows::add);
          q.ended().get(10, TimeUnit.SECONDS);
          times[i] = System.nanoTime() - s;
          if (rows.size() != 1) throw new AssertionError(sql + rows);
        }
        Arrays.sort(times);
        System.out.println("PROBE " + kind + " p50 " + times[1000] / 1000 + " us p99 " + times[1980] / 1000 + " us");
      }
      long s = System.nanoTime();
      List<List<Object>> rows = new ArrayList<>();
      PullQuery q = engine.pull(engine.parse("SELECT * FROM users WHERE id BETWEEN 1000 AND 1999;", session).get(0), session, rows::add);
      q.ended().get(10, TimeUnit.SECONDS);
      System.out.println("PROBE range of " + rows.size() + " in " + (System.nanoTime() - s) / 1000 + " us");
      s = System.nanoTime();
      rows.clear();
      q = engine.pull(engine.parse("SELECT * FROM users WHERE score < 0;", session).get(0), session, rows::add);
      q.ended().get(60, TimeUnit.SECONDS);
      System.out.println("PROBE scan of " + n + " in " + (System.nanoTime() - s) / 1000_000 + " ms");
      engine.close();
    }
  }
}
