package io.sluice.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.log.EmbeddedLog;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INSERT VALUES writes any Unicode text as given (string literals are not Latin-1 only). */
class InsertValuesTest {

  @TempDir
  Path dir;

  @Test
  void stringLiteralsKeepEveryUnicodeCharacter() throws Exception {
    try (EmbeddedLog log = EmbeddedLog.open(dir.resolve("logs"))) {
      Engine engine = Engine.open(log.io(), EngineConfig.TEST);
      try {
        engine.execute("CREATE STREAM s (k STRING KEY, v STRING) WITH (kafka_topic='s',"
            + " partitions=1, value_format='JSON');", new Session());
        engine.execute("INSERT INTO s (k, v) VALUES ('日本', 'été \uFFFF 😀 ' + 'x');",
            new Session());
        engine.execute("CREATE STREAM t AS SELECT k, UCASE(v) AS u FROM s WHERE v LIKE '%😀%';",
            new Session());
        engine.runUntilIdle();
      } finally {
        engine.close();
      }
      assertEquals(List.of("{\"U\":\"ÉTÉ \uFFFF 😀 X\"}"), values(log, "T"));
    }
  }

  private static List<String> values(EmbeddedLog log, String topic) {
    List<String> out = new ArrayList<>();
    TopicPartition tp = new TopicPartition(topic, 0);
    long end = log.io().endOffset(tp);
    try (LogReader reader = log.io().reader()) {
      reader.assign(Map.of(tp, LogReader.EARLIEST));
      while (reader.position(tp) < end) {
        for (InRecord r : reader.poll(Duration.ofSeconds(5))) {
          out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
