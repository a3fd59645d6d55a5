package io.sluice.engine.query;

import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoints of persistent queries, in a compacted topic (one partition): per
 * query, the input positions its output fully reflects and the output topic's end offsets at
 * that moment. A restart resumes from the checkpoint and then from the source headers of the
 * output written after it ({@link Resume}).
 *
 * <p>Record: key = query id (UTF-8), value = {@code in=P:O,P:O;out=P:O,P:O}, a tombstone when the
 * query is terminated. Thread-safe.
 */
final class ProgressStore implements AutoCloseable {


  /** A checkpoint: input positions and output end offsets, by partition. */
  record Checkpoint(Map<Integer, Long> input, Map<Integer, Long> output) {
    Checkpoint {
      input = Map.copyOf(input);
      output = Map.copyOf(output);
    }

    String encode() {
      return "in=" + Offsets.format(input) + ";out=" + Offsets.format(output);
    }

    static Checkpoint decode(String text) {
      Map<Integer, Long> in = Map.of();
      Map<Integer, Long> out = Map.of();
      for (String part : text.split(";")) {
        if (part.startsWith("in=")) {
          in = Offsets.parse(part.substring(3));
        } else if (part.startsWith("out=")) {
          out = Offsets.parse(part.substring(4));
        }
      }
      return new Checkpoint(in, out);
    }
  }

  private final LogIO io;
  private final String topic;
  private final LogWriter writer;
  private final Map<String, Checkpoint> loaded = new ConcurrentHashMap<>();

  ProgressStore(LogIO io, String topic) {
    this.io = io;
    this.topic = topic;
    io.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
    this.writer = io.writer();
    load();
  }

  private void load() {
    TopicPartition tp = new TopicPartition(topic, 0);
    long end = io.endOffset(tp);
    try (LogReader reader = io.reader()) {
      reader.assign(Map.of(tp, LogReader.EARLIEST));
      while (reader.position(tp) < end) {
        List<InRecord> records = reader.poll(Duration.ofSeconds(5));
        for (InRecord r : records) {
          if (r.key() == null) {
            continue;
          }
          String id = new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            loaded.remove(id);
          } else {
            loaded.put(id, Checkpoint.decode(new String(r.value(), StandardCharsets.UTF_8)));
          }
        }
        if (records.isEmpty() && reader.position(tp) < end) {
          throw new IllegalStateException("cannot read " + topic + " to its end offset " + end);
        }
      }
    }
  }

  /** The last checkpoint of a query, as read at open or saved since. */
  Optional<Checkpoint> get(String queryId) {
    return Optional.ofNullable(loaded.get(queryId));
  }

  /** Saves a checkpoint (asynchronously; it is written within the writer's linger). */
  void save(String queryId, Checkpoint checkpoint) {
    loaded.put(queryId, checkpoint);
    writer.append(new OutRecord(topic, 0, queryId.getBytes(StandardCharsets.UTF_8),
        checkpoint.encode().getBytes(StandardCharsets.UTF_8), OutRecord.NO_TIMESTAMP, List.of()));
  }

  /** Forgets a terminated query. */
  void delete(String queryId) {
    loaded.remove(queryId);
    writer.append(new OutRecord(topic, 0, queryId.getBytes(StandardCharsets.UTF_8), null,
        OutRecord.NO_TIMESTAMP, List.of()));
    writer.flush();
  }

  @Override
  public void close() {
    writer.close();
  }

  /** {@code P:O,P:O} text for offsets by partition. */
  static final class Offsets {
    private Offsets() {}

    static String format(Map<Integer, Long> offsets) {
      StringBuilder sb = new StringBuilder();
      new java.util.TreeMap<>(offsets).forEach((p, o) -> {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(p).append(':').append(o);
      });
      return sb.toString();
    }

    static Map<Integer, Long> parse(String text) {
      Map<Integer, Long> out = new HashMap<>();
      if (text == null || text.isBlank()) {
        return out;
      }
      for (String pair : text.split(",")) {
        int colon = pair.indexOf(':');
        out.put(Integer.parseInt(pair.substring(0, colon).trim()),
            Long.parseLong(pair.substring(colon + 1).trim()));
      }
      return out;
    }
  }
}
