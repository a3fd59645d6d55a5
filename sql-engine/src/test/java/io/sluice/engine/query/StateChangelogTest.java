package io.sluice.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.storage.FileLogStore;
import io.sluice.storage.state.ChangeRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restore reads back from a query's changelog topic. */
class StateChangelogTest {

  @TempDir
  Path dir;

  @Test
  void changesAfterTheLastPositionsAreACrashedCommitAndLeftOut() throws Exception {
    try (FileLogStore store = FileLogStore.open(dir.resolve("logs"));
         EmbeddedLogIO io = new EmbeddedLogIO(store)) {
      StateChangelog.create(io, "cl");
      try (LogWriter w = io.writer()) {
        StateChangelog log = new StateChangelog("cl", w);
        log.change("m", bytes("a"), bytes("1"));
        log.change("m", bytes("b"), bytes("1"));
        log.commit(Map.of("p0", 2L));
        log.change("m", bytes("a"), bytes("2"));
        log.change("m", bytes("b"), null);
        log.commit(Map.of("p0", 4L));
        // a commit cut short by a crash: its changes were appended, its positions never were
        log.change("m", bytes("a"), bytes("3"));
        log.change("m", bytes("c"), bytes("1"));
        w.flush();
      }
      StateChangelog.Contents c = StateChangelog.read(io, "cl");
      Map<String, String> state = new TreeMap<>();
      for (ChangeRecord r : c.records()) {
        state.put(r.map() + "/" + new String(r.key(), StandardCharsets.UTF_8),
            new String(r.value(), StandardCharsets.UTF_8));
      }
      assertEquals(Map.of("m/a", "2"), state, "the state as of the last positions");
      assertEquals(Map.of("p0", 4L), c.positions());
    }
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}
