package io.sluice.engine.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.TopicDescription;
import io.sluice.engine.plan.PlanException;
import io.sluice.grammar.ast.Print;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code PRINT topic [FROM BEGINNING] [INTERVAL n] [LIMIT n]}: the topic's records as ksqlDB
 * prints them, one line each ({@code rowtime: 2024/01/02 10:00:00.000 Z, key: k, value: {...},
 * partition: 0}), preceded by {@code Key format: F} and {@code Value format: F} lines guessed from
 * the first record printed. INTERVAL n prints every n-th record read; LIMIT n stops after n
 * printed. Without FROM BEGINNING only records appended after the start are printed.
 *
 * <p>Runs on its own thread; lines go to the consumer there, which may block (back-pressure).
 */
public final class TopicPrint implements StreamingQuery {

  private static final DateTimeFormatter ROWTIME = DateTimeFormatter
      .ofPattern("yyyy/MM/dd HH:mm:ss.SSS 'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String id;
  private final String statementText;
  private final Print print;
  private final LogReader reader;
  private final Consumer<String> lines;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;

  private TopicPrint(String id, String statementText, Print print, LogReader reader,
      Consumer<String> lines) {
    this.id = id;
    this.statementText = statementText;
    this.print = print;
    this.reader = reader;
    this.lines = lines;
    this.thread = new Thread(this::loop, "sluice-print-" + id);
    this.thread.setDaemon(true);
  }

  /**
   * Starts printing. An unquoted topic name matches an existing topic case-insensitively when
   * there is no exact match, as in ksqlDB.
   *
   * @throws PlanException when there is no such topic
   */
  static TopicPrint start(LogIO io, String id, String text, Print print, Consumer<String> lines) {
    String topic = resolve(io, print);
    TopicDescription description = io.describe(topic).orElseThrow();
    LogReader reader = io.reader();
    try {
      Map<TopicPartition, Long> start = new HashMap<>();
      for (int p = 0; p < description.partitions(); p++) {
        start.put(new TopicPartition(topic, p),
            print.fromBeginning() ? LogReader.EARLIEST : LogReader.LATEST);
      }
      reader.assign(start);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
    TopicPrint p = new TopicPrint(id, text, print, reader, lines);
    p.thread.start();
    return p;
  }

  private static String resolve(LogIO io, Print print) {
    if (io.describe(print.topic()).isPresent()) {
      return print.topic();
    }
    if (!print.quoted()) {
      for (String t : io.listTopics()) {
        if (t.equalsIgnoreCase(print.topic())) {
          return t;
        }
      }
    }
    throw new PlanException(print.pos(), "Could not find topic '" + print.topic() + "'. Topic"
        + " names are case-sensitive; quote the name, or SHOW TOPICS to list them.");
  }

  private void loop() {
    long read = 0;
    long printed = 0;
    int interval = Math.max(1, print.interval().orElse(1));
    long limit = print.limit().isPresent() ? print.limit().getAsInt() : -1;
    boolean first = true;
    try {
      while (!stopping && (limit < 0 || printed < limit)) {
        List<InRecord> records = reader.poll(Duration.ofMillis(500));
        for (InRecord r : records) {
          if (stopping || (limit >= 0 && printed >= limit)) {
            break;
          }
          if (read++ % interval != 0) {
            continue;
          }
          if (first) {
            lines.accept("Key format: " + format(r.key()));
            lines.accept("Value format: " + format(r.value()));
            first = false;
          }
          lines.accept(line(r));
          printed++;
        }
      }
    } catch (RuntimeException | Error e) {
      if (!stopping) {
        failure = e;
      }
    } finally {
      reader.close();
      ended.complete(null);
    }
  }

  /** One record as ksqlDB's PRINT shows it. */
  static String line(InRecord r) {
    return "rowtime: " + ROWTIME.format(Instant.ofEpochMilli(r.timestamp())) + ", key: "
        + show(r.key()) + ", value: " + show(r.value()) + ", partition: " + r.partition();
  }

  private static String show(byte[] bytes) {
    if (bytes == null) {
      return "<null>";
    }
    String text = text(bytes);
    if (text != null) {
      return text;
    }
    if (bytes.length == 4) {
      return Integer.toString(ByteBuffer.wrap(bytes).getInt());
    }
    if (bytes.length == 8) {
      return Long.toString(ByteBuffer.wrap(bytes).getLong());
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The format the bytes look like: JSON, KAFKA_STRING, KAFKA_INT, KAFKA_BIGINT or BYTES. */
  private static String format(byte[] bytes) {
    if (bytes == null) {
      return "¯\\_(ツ)_/¯ - no data processed";
    }
    String text = text(bytes);
    if (text != null) {
      return isJson(text) ? "JSON or KAFKA_STRING" : "KAFKA_STRING";
    }
    return bytes.length == 4 ? "KAFKA_INT" : bytes.length == 8 ? "KAFKA_BIGINT" : "BYTES";
  }

  /** The bytes as text when they are valid UTF-8 without control characters, else null. */
  private static String text(byte[] bytes) {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return null;
      }
    }
    return s;
  }

  private static boolean isJson(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String statementText() {
    return statementText;
  }

  @Override
  public CompletableFuture<Void> ended() {
    return ended;
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    stopping = true;
    if (!ended.isDone()) {
      try {
        reader.wakeup();
      } catch (IllegalStateException e) {
        // the loop closed the reader meanwhile: it is ending anyway
      }
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
