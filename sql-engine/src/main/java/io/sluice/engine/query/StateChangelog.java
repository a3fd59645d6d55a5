package io.sluice.engine.query;

import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.engine.log.TopicDescription;
import io.sluice.storage.state.ChangeRecord;
import io.sluice.storage.state.Changelog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A query's state changes in a compacted topic (one partition), so that a lost state directory
 * is rebuilt from it ({@link #read}). Written by the state store's {@link Changelog} hook before
 * each LMDB commit (write-ahead): the changes, then the commit's input positions, flushed
 * (acks) before the store commits; a failed flush fails the commit, so the topic is never behind
 * the store.
 *
 * <p>Record keys: one byte with the map name's length, the map name, then the state key; the
 * positions record's key is the single byte 0 (map names are never empty). Values: the state
 * value, null for a delete; for positions, {@code name:offset,...} in UTF-8.
 */
final class StateChangelog implements Changelog {

  private static final byte[] POSITIONS_KEY = {0};

  private final String topic;
  /** The map of the last change and its name's bytes (changes come on the committing thread). */
  private String lastMap;
  private byte[] lastMapBytes;
  private final LogWriter writer;

  StateChangelog(String topic, LogWriter writer) {
    this.topic = topic;
    this.writer = writer;
  }

  /** Creates the changelog topic when missing. */
  static void create(LogIO io, String topic) {
    io.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
  }

  @Override
  public void change(String map, ByteBuffer key, ByteBuffer value) {
    if (!map.equals(lastMap)) { // a commit's changes come in runs of one map
      lastMap = map;
      lastMapBytes = map.getBytes(StandardCharsets.UTF_8);
    }
    byte[] name = lastMapBytes;
    byte[] k = new byte[1 + name.length + key.remaining()];
    k[0] = (byte) name.length;
    System.arraycopy(name, 0, k, 1, name.length);
    key.duplicate().get(k, 1 + name.length, key.remaining());
    byte[] v = null;
    if (value != null) {
      v = new byte[value.remaining()];
      value.duplicate().get(v);
    }
    writer.write(new OutRecord(topic, 0, k, v, OutRecord.NO_TIMESTAMP, List.of()));
  }

  @Override
  public void commit(Map<String, Long> positions) {
    StringBuilder text = new StringBuilder();
    positions.forEach((name, offset) -> text.append(text.length() == 0 ? "" : ",")
        .append(name).append(':').append(offset));
    writer.append(new OutRecord(topic, 0, POSITIONS_KEY,
        text.toString().getBytes(StandardCharsets.UTF_8), OutRecord.NO_TIMESTAMP, List.of()));
    writer.flush();
  }

  /** A changelog's contents: the latest value of every state key, and the last positions. */
  record Contents(List<ChangeRecord> records, Map<String, Long> positions) {}

  /**
   * Reads the whole changelog (empty contents when the topic is missing or empty). Changes after
   * the last positions record are left out: they are the part of a commit that a crash
   * interrupted (its changes are appended in batches before its positions), so the store never
   * committed them, and restoring them with the older positions would count their input twice.
   */
  static Contents read(LogIO io, String topic) {
    Map<String, ChangeRecord> latest = new LinkedHashMap<>();
    Map<String, ChangeRecord> uncommitted = new LinkedHashMap<>();
    Map<String, Long> positions = new HashMap<>();
    if (io.describe(topic).map(TopicDescription::partitions).orElse(0) == 0) {
      return new Contents(List.of(), positions);
    }
    TopicPartition tp = new TopicPartition(topic, 0);
    long end = io.endOffset(tp);
    try (LogReader reader = io.reader()) {
      reader.assign(Map.of(tp, LogReader.EARLIEST));
      while (reader.position(tp) < end) {
        List<InRecord> batch = reader.poll(Duration.ofSeconds(5));
        if (batch.isEmpty()) {
          throw new IllegalStateException("cannot read " + topic + " to its end " + end);
        }
        for (InRecord r : batch) {
          byte[] k = r.key();
          if (k == null || k.length == 0) {
            continue;
          }
          if (k.length == 1 && k[0] == 0) {
            latest.putAll(uncommitted);
            uncommitted.clear();
            positions.clear();
            String text = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
            for (String pair : text.split(",")) {
              int colon = pair.lastIndexOf(':');
              if (colon > 0) {
                positions.put(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)));
              }
            }
            continue;
          }
          int n = k[0] & 0xFF;
          String map = new String(k, 1, n, StandardCharsets.UTF_8);
          byte[] key = java.util.Arrays.copyOfRange(k, 1 + n, k.length);
          uncommitted.put(map + "\u0000" + java.util.HexFormat.of().formatHex(key),
              new ChangeRecord(map, key, r.value()));
        }
      }
    }
    List<ChangeRecord> records = new ArrayList<>();
    for (ChangeRecord c : latest.values()) {
      if (c.value() != null) {
        records.add(c);
      }
    }
    return new Contents(records, positions);
  }
}
