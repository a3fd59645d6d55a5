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

  /** A windowed source's key without its window (as it is when too short to hold one). */
  static byte[] innerKey(byte[] key, Source s) {
    if (key == null || s.window().isEmpty() || key.length < s.window().get().keySuffix()) {
      return key;
    }
    return s.window().get().innerKey(key);
  }

  /** The window {start, end} of a windowed source's key, or null. */
  static long[] window(byte[] key, Source s) {
    if (key == null || s.window().isEmpty() || key.length < s.window().get().keySuffix()) {
      return null;
    }
    return new long[] {s.window().get().start(key), s.window().get().end(key)};
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
