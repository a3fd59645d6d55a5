package io.sluice.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.format.Format;
import io.sluice.engine.log.InRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Output records as a case writes them, decoded with the formats of the source over the topic. */
final class Records {

  private Records() {}

  static JsonNode key(InRecord r, Optional<Source> source) {
    if (source.isEmpty()) {
      return r.key() == null ? null : TextNode.valueOf(new String(r.key(), StandardCharsets.UTF_8));
    }
    Source s = source.get();
    return QttRecords.decode(Format.of(s.keyFormat().format().name()), s.keySchema().columns(),
        innerKey(r.key(), s));
  }

  /**
   * A windowed source's key without its window: Kafka Streams appends the window start (8
   * bytes) for time windows, and end then start (16 bytes) for session windows.
   */
  static byte[] innerKey(byte[] key, Source s) {
    if (key == null || s.window().isEmpty()) {
      return key;
    }
    int suffix = s.window().get().type() == io.sluice.engine.catalog.WindowInfo.Type.SESSION
        ? 16 : 8;
    return key.length < suffix ? key : java.util.Arrays.copyOf(key, key.length - suffix);
  }

  /** The window {start, end} of a windowed source's key, or null. */
  static long[] window(byte[] key, Source s) {
    if (key == null || s.window().isEmpty()) {
      return null;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(key);
    if (s.window().get().type() == io.sluice.engine.catalog.WindowInfo.Type.SESSION) {
      long end = b.getLong(key.length - 16);
      long start = b.getLong(key.length - 8);
      return new long[] {start, end};
    }
    long start = b.getLong(key.length - 8);
    return new long[] {start, start + s.window().get().size().orElseThrow().toMillis()};
  }

  static JsonNode value(InRecord r, Optional<Source> source) {
    if (source.isEmpty()) {
      return r.value() == null ? null
          : TextNode.valueOf(new String(r.value(), StandardCharsets.UTF_8));
    }
    Source s = source.get();
    return QttRecords.decode(Format.of(s.valueFormat().format().name()),
        s.valueSchema().columns(), r.value());
  }

  static String show(InRecord r, Optional<Source> source) {
    return "{key=" + key(r, source) + ", value=" + value(r, source) + ", ts=" + r.timestamp()
        + "}";
  }

  static List<String> names(List<Source> sources) {
    return sources.stream().map(Source::name).toList();
  }
}
