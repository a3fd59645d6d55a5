package io.sluice.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.exec.SinkOperator;
import io.sluice.engine.format.Format;
import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.Header;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.engine.query.Engine;
import io.sluice.engine.query.EngineConfig;
import io.sluice.engine.query.EngineException;
import io.sluice.engine.query.Session;
import io.sluice.engine.types.Column;
import io.sluice.grammar.ParsedStatement;
import io.sluice.storage.FileLogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one case in a fresh engine over a fresh embedded log in a temporary directory, in the
 * engine's test mode (caller-driven, every intermediate update emitted), as ksqlDB's runner
 * does: topics created, statements run in order, input records written (missing key null,
 * missing timestamp 0, partition 0), the queries run until idle, then each expected topic's
 * records compared in order with an exact count.
 */
final class CaseRun {

  private final JsonNode c;
  private final String file;
  private final String name;

  CaseRun(JsonNode c) {
    this.c = c;
    this.file = c.path("file").asText();
    this.name = c.path("name").asText();
  }

  CaseResult run() {
    if (c.path("needsSchemaRegistry").asBoolean(false)) {
      return CaseResult.skip(file, name, "needs a Schema Registry format (AVRO, PROTOBUF or JSON_SR)");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("sluice-qtt-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (FileLogStore store = FileLogStore.open(dir);
         EmbeddedLogIO io = new EmbeddedLogIO(store, null,
             EmbeddedLogIO.Options.defaults().withLingerMs(0))) {
      return run(io, dir.resolve("state"));
    } catch (IOException e) {
      return CaseResult.fail(file, name, "I/O: " + e);
    } finally {
      delete(dir);
    }
  }

  private CaseResult run(EmbeddedLogIO io, Path stateDir) {
    for (JsonNode t : c.path("topics")) {
      String topic = t.path("name").asText();
      int partitions = t.path("partitions").asInt(1);
      if (io.describe(topic).isEmpty()) {
        io.createTopic(topic, Math.max(1, partitions), Map.of());
      }
    }
    for (JsonNode in : c.path("inputs")) {
      String topic = in.path("topic").asText();
      if (io.describe(topic).isEmpty()) {
        io.createTopic(topic, 1, Map.of());
      }
    }
    // An output topic a plain CREATE STREAM declares (the sink of an INSERT INTO) exists before
    // the statements, as ksqlDB's runner creates it; topics of CREATE ... AS SELECT do not.
    for (JsonNode out : c.path("outputs")) {
      String topic = out.path("topic").asText();
      if (io.describe(topic).isEmpty() && declaredByPlainCreate(topic)) {
        io.createTopic(topic, 1, Map.of());
      }
    }
    boolean expectError = !c.path("expectedError").isNull() && !c.path("expectedError").isMissingNode();
    Session session = new Session();
    c.path("properties").properties().forEach(e -> session.properties().put(e.getKey(),
        e.getValue().asText()));
    try (Engine engine = Engine.open(io, EngineConfig.TEST.withStateDir(stateDir))) {
      StringBuilder statements = new StringBuilder();
      c.path("statements").forEach(s -> statements.append(s.asText()).append('\n'));
      try {
        for (ParsedStatement p : engine.parse(statements.toString(), session)) {
          engine.execute(p, session);
        }
      } catch (EngineException e) {
        return expectError ? CaseResult.pass(file, name, "rejected: " + e.getMessage())
            : CaseResult.fail(file, name, "statement rejected: " + e.getMessage());
      }
      if (expectError) {
        // ksqlDB reports some errors only once records flow; none here means we accepted it.
        return CaseResult.fail(file, name, "expected an error ("
            + c.path("expectedError").path("message").asText() + ") but every statement ran");
      }
      writeInputs(engine, io);
      engine.runUntilIdle();
      String mismatch = compareOutputs(engine, io);
      if (mismatch == null) {
        mismatch = PostConditions.check(c.path("post"), engine);
      }
      return mismatch == null ? CaseResult.pass(file, name, "")
          : CaseResult.fail(file, name, mismatch);
    } catch (RuntimeException e) {
      return CaseResult.fail(file, name, "error: " + e);
    }
  }

  private boolean declaredByPlainCreate(String topic) {
    java.util.regex.Pattern kafkaTopic = java.util.regex.Pattern.compile(
        "(?i)kafka_topic\\s*=\\s*'" + java.util.regex.Pattern.quote(topic) + "'");
    for (JsonNode s : c.path("statements")) {
      String text = s.asText();
      if (kafkaTopic.matcher(text).find()
          && !text.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\bAS\\s+SELECT\\b.*")) {
        return true;
      }
    }
    return false;
  }

  private void writeInputs(Engine engine, EmbeddedLogIO io) {
    try (LogWriter writer = io.writer()) {
      for (JsonNode in : c.path("inputs")) {
        String topic = in.path("topic").asText();
        Optional<Source> source = sourceOf(engine, topic);
        Format keyFormat = source.map(s -> Format.of(s.keyFormat().format().name()))
            .orElse(Format.KAFKA);
        Format valueFormat = source.map(s -> Format.of(s.valueFormat().format().name()))
            .orElse(Format.JSON);
        List<Column> keys = source.map(s -> s.keySchema().columns()).orElse(List.of());
        List<Column> values = source.map(s -> s.valueSchema().columns()).orElse(List.of());
        byte[] key = windowed(QttRecords.encode(keyFormat, keys, in.get("key")),
            in.path("window"), source);
        byte[] value = QttRecords.encode(valueFormat, values, in.get("value"));
        long timestamp = in.path("timestamp").isNumber() ? in.path("timestamp").asLong() : 0;
        writer.append(new OutRecord(topic, 0, key, value, timestamp, headers(in.path("headers"))));
      }
    }
  }

  /** An input key of a windowed source with the case's window, as Kafka Streams writes it. */
  private static byte[] windowed(byte[] key, JsonNode window, Optional<Source> source) {
    if (key == null || !window.isObject() || source.isEmpty()
        || source.get().window().isEmpty()) {
      return key;
    }
    return source.get().window().get().key(key, window.path("start").asLong(),
        window.path("end").asLong());
  }

  private static List<Header> headers(JsonNode node) {
    List<Header> out = new ArrayList<>();
    for (JsonNode h : node) {
      JsonNode v = h.path("VALUE");
      out.add(new Header(h.path("KEY").asText(),
          v.isNull() || v.isMissingNode() ? null : Base64.getDecoder().decode(v.asText())));
    }
    return out;
  }

  /** The source over a topic: the one a query writes, else the first declared. */
  private static Optional<Source> sourceOf(Engine engine, String topic) {
    List<Source> over = engine.catalog().sources().stream()
        .filter(s -> s.topic().equals(topic)).toList();
    return over.stream().filter(s -> s.queryId().isPresent()).findFirst()
        .or(() -> over.stream().findFirst());
  }

  private String compareOutputs(Engine engine, EmbeddedLogIO io) {
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    for (JsonNode out : c.path("outputs")) {
      expected.computeIfAbsent(out.path("topic").asText(), t -> new ArrayList<>()).add(out);
    }
    for (Map.Entry<String, List<JsonNode>> e : expected.entrySet()) {
      String topic = e.getKey();
      if (io.describe(topic).isEmpty()) {
        return "no topic " + topic + " (expected " + e.getValue().size() + " records)";
      }
      Optional<Source> source = sourceOf(engine, topic);
      List<InRecord> actual = readAll(io, topic);
      if (actual.size() != e.getValue().size()) {
        return topic + ": expected " + e.getValue().size() + " records, got " + actual.size()
            + describe(actual, source);
      }
      for (int i = 0; i < actual.size(); i++) {
        String m = compare(e.getValue().get(i), actual.get(i), source);
        if (m != null) {
          return topic + " record " + i + ": " + m;
        }
      }
    }
    return null;
  }

  private static String describe(List<InRecord> actual, Optional<Source> source) {
    StringBuilder sb = new StringBuilder(": ");
    for (int i = 0; i < Math.min(actual.size(), 3); i++) {
      sb.append(Records.show(actual.get(i), source)).append(' ');
    }
    return sb.toString();
  }

  private static String compare(JsonNode expected, InRecord actual, Optional<Source> source) {
    JsonNode key = Records.key(actual, source);
    JsonNode value = Records.value(actual, source);
    if (!QttRecords.matches(expected.get("key"), key)) {
      return "key: expected " + expected.get("key") + ", got " + key;
    }
    if (!QttRecords.matches(expected.get("value"), value)) {
      return "value: expected " + expected.get("value") + ", got " + value;
    }
    JsonNode window = expected.get("window");
    if (window != null && window.isObject() && source.isPresent()) {
      long[] got = Records.window(actual.key(), source.get());
      if (got == null || got[0] != window.path("start").asLong()
          || got[1] != window.path("end").asLong()) {
        return "window: expected " + window + ", got "
            + (got == null ? "none" : "[" + got[0] + ", " + got[1] + "]");
      }
    }
    JsonNode ts = expected.get("timestamp");
    if (ts != null && ts.isNumber() && ts.asLong() != actual.timestamp()) {
      return "timestamp: expected " + ts + ", got " + actual.timestamp();
    }
    JsonNode headers = expected.get("headers");
    if (headers != null && headers.isArray()) {
      List<Header> got = actual.headers().stream()
          .filter(h -> !h.key().equals(SinkOperator.SOURCE_HEADER)).toList();
      if (!headers(headers).equals(got)) {
        return "headers: expected " + headers + ", got " + got;
      }
    }
    return null;
  }

  /** Every record of the topic, partition by partition, each in offset order. */
  private static List<InRecord> readAll(EmbeddedLogIO io, String topic) {
    int partitions = io.describe(topic).orElseThrow().partitions();
    List<InRecord> out = new ArrayList<>();
    try (LogReader reader = io.reader()) {
      for (int p = 0; p < partitions; p++) {
        TopicPartition tp = new TopicPartition(topic, p);
        long end = io.endOffset(tp);
        reader.assign(Map.of(tp, LogReader.EARLIEST));
        while (reader.position(tp) < end) {
          List<InRecord> batch = reader.poll(Duration.ZERO);
          if (batch.isEmpty()) {
            break;
          }
          out.addAll(batch);
        }
      }
    }
    if (partitions > 1) {
      // Several partitions have no total order; the runner's order is the time order.
      out.sort(Comparator.comparingLong(InRecord::timestamp));
    }
    return out;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      Iterator<Path> it = paths.sorted(Comparator.reverseOrder()).iterator();
      while (it.hasNext()) {
        Files.deleteIfExists(it.next());
      }
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
