package io.sluice.engine.catalog;

import io.sluice.grammar.ast.SourceKind;
import java.util.Objects;

/**
 * One line of {@code SHOW STREAMS} / {@code SHOW TABLES}.
 *
 * @param name the source's canonical name
 * @param kind stream or table
 * @param topic its topic
 * @param keyFormat its key format
 * @param valueFormat its value format
 * @param windowed whether its keys are windowed
 */
public record SourceSummary(String name, SourceKind kind, String topic, FormatName keyFormat,
    FormatName valueFormat, boolean windowed) {
  public SourceSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(keyFormat, "keyFormat");
    Objects.requireNonNull(valueFormat, "valueFormat");
  }

  static SourceSummary of(Source s) {
    return new SourceSummary(s.name(), s.kind(), s.topic(), s.keyFormat().format(),
        s.valueFormat().format(), s.isWindowed());
  }
}
