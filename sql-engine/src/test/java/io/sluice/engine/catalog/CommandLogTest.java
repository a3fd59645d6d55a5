package io.sluice.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.storage.FileLogStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLogTest {

  @TempDir
  Path dir;

  private FileLogStore store;
  private LogIO io;

  @BeforeEach
  void open() throws Exception {
    store = FileLogStore.open(dir.resolve("logs"));
    io = new EmbeddedLogIO(store);
  }

  @AfterEach
  void close() throws Exception {
    io.close();
    store.close();
  }

  // -----------------------------------------------------------------------------------------
  // Record format

  @Test
  void commandsRoundTripWithTheirProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("ksql.persistence.default.format.value", "JSON");
    props.put("ümlaut", "🙂");
    Command command = new Command("CREATE STREAM s (v INT) WITH (kafka_topic='t');", props);
    Command back = Command.decode(command.encode());
    assertEquals(command, back);
    assertEquals(List.of("ksql.persistence.default.format.value", "ümlaut"),
        new ArrayList<>(back.properties().keySet()), "order kept");
  }

  @Test
  void statementsLongerThanWriteUtfAllowsRoundTrip() {
    String big = "SELECT '" + "x".repeat(100_000) + "' FROM s";
    assertEquals(big, Command.decode(Command.of(big).encode()).statement());
  }

  @Test
  void theEncodingIsTheDocumentedOne() {
    byte[] bytes = new Command("AB", Map.of("k", "v")).encode();
    assertArrayEquals(new byte[] {0x53, 0x43, 1, 0, 0, 0, 2, 'A', 'B', 0, 0, 0, 1,
        0, 0, 0, 1, 'k', 0, 0, 0, 1, 'v'}, bytes);
  }

  @Test
  void foreignNewerOrTruncatedRecordsAreRefused() {
    byte[] good = Command.of("DROP STREAM s").encode();
    byte[] badMagic = good.clone();
    badMagic[0] = 'X';
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Command.decode(badMagic))
        .getMessage().contains("bad magic"));
    byte[] newer = good.clone();
    newer[2] = 2;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Command.decode(newer))
        .getMessage().contains("version 2 is not supported"));
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    assertThrows(IllegalArgumentException.class, () -> Command.decode(truncated));
    assertThrows(IllegalArgumentException.class, () -> Command.decode(null));
  }

  // -----------------------------------------------------------------------------------------
  // The log

  @Test
  void appendsGetSequentialOffsetsAndReplayInOrder() {
    try (CommandLog log = new CommandLog(io)) {
      assertEquals(1, io.describe(CommandLog.TOPIC).orElseThrow().partitions());
      assertEquals(0, log.append(Command.of("one")));
      assertEquals(1, log.append(Command.of("two")));
      assertEquals(2, log.append(new Command("three", Map.of("p", "q"))));
      List<String> seen = new ArrayList<>();
      long next = log.replay(0, (offset, c) -> seen.add(offset + ":" + c.statement()));
      assertEquals(List.of("0:one", "1:two", "2:three"), seen);
      assertEquals(3, next);
      seen.clear();
      assertEquals(3, log.replay(1, (offset, c) -> seen.add(offset + ":" + c.statement())));
      assertEquals(List.of("1:two", "2:three"), seen);
      assertEquals(3, log.replay(3, (offset, c) -> seen.add("none expected")));
    }
  }

  @Test
  void reopeningKeepsTheCommands() {
    try (CommandLog log = new CommandLog(io)) {
      log.append(Command.of("one"));
    }
    try (CommandLog log = new CommandLog(io)) {
      assertEquals(1, log.endOffset());
      assertEquals(1, log.append(Command.of("two")));
    }
  }

  @Test
  void aCommandTopicWithSeveralPartitionsIsRefused() {
    io.createTopic(CommandLog.TOPIC, 2, Map.of());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CommandLog(io));
    assertTrue(e.getMessage().contains("must have exactly 1"), e.getMessage());
  }

  @Test
  void anUnreadableRecordStopsTheReplay() {
    try (CommandLog log = new CommandLog(io)) {
      log.append(Command.of("one"));
      try (LogWriter w = io.writer()) {
        w.append(OutRecord.of(CommandLog.TOPIC, 0, null, new byte[] {1, 2, 3}));
        w.flush();
      }
      List<String> seen = new ArrayList<>();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> log.replay(0, (offset, c) -> seen.add(c.statement())));
      assertTrue(e.getMessage().contains("unreadable command at offset 1"), e.getMessage());
      assertEquals(List.of("one"), seen);
    }
  }
}
