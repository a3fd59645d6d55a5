package io.sluice.engine.catalog;

import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.Pos;
import io.sluice.grammar.ast.SourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The source a {@code CREATE STREAM|TABLE ... AS SELECT} makes, from its WITH clause and what the
 * query produces, with ksqlDB's defaults: the topic is named after the source (prefixed by
 * {@code ksql.output.topic.name.prefix}), formats, delimiters and partition count come from the
 * input unless the WITH clause sets them, and a key format of NONE becomes the session's default
 * key format (KAFKA) when the query gives the output key columns.
 *
 * <p>Stateless.
 */
public final class SinkAnalyzer {

  /** Session property prefixing the topic names CREATE ... AS SELECT chooses. */
  public static final String TOPIC_PREFIX = "ksql.output.topic.name.prefix";
  /** Session property: whether a single value column is wrapped in an object/record. */
  public static final String WRAP_SINGLE_VALUES = "ksql.persistence.wrap.single.values";

  private static final Set<String> ALLOWED = Set.of(WithClause.KAFKA_TOPIC, WithClause.FORMAT,
      WithClause.KEY_FORMAT, WithClause.VALUE_FORMAT, WithClause.PARTITIONS, WithClause.REPLICAS,
      WithClause.RETENTION_MS, WithClause.TIMESTAMP, WithClause.TIMESTAMP_FORMAT,
      WithClause.WRAP_SINGLE_VALUE, WithClause.KEY_DELIMITER, WithClause.VALUE_DELIMITER,
      WithClause.KEY_SCHEMA_ID, WithClause.VALUE_SCHEMA_ID, WithClause.KEY_SCHEMA_FULL_NAME,
      WithClause.VALUE_SCHEMA_FULL_NAME, WithClause.VALUE_AVRO_SCHEMA_FULL_NAME);

  private SinkAnalyzer() {}

  /**
   * The output source.
   *
   * @param name the new source's canonical name
   * @param kind STREAM or TABLE
   * @param properties the WITH clause
   * @param statementPos where the statement starts (for errors about it as a whole)
   * @param text the statement's text
   * @param session the session properties
   * @param input the source the query reads (defaults come from it)
   * @param columns the output columns: key columns (KEY or PRIMARY KEY) then value columns
   * @param queryId the query writing the source
   * @throws CatalogException when the WITH clause or the formats do not fit the columns
   */
  public static Source analyze(String name, SourceKind kind, Map<String, Literal> properties,
      Pos statementPos, String text, Map<String, String> session, Source input,
      List<SourceColumn> columns, String queryId) {
    WithClause with = new WithClause(properties, statementPos);
    with.rejectUnknown(ALLOWED);
    String topic = with.nonEmptyString(WithClause.KAFKA_TOPIC)
        .orElse(session.getOrDefault(TOPIC_PREFIX, "") + name);
    List<SourceColumn> keys = columns.stream().filter(c -> c.namespace().isKey()).toList();
    List<SourceColumn> values =
        columns.stream().filter(c -> c.namespace() == Namespace.VALUE).toList();

    boolean keyGiven = with.has(WithClause.KEY_FORMAT) || with.has(WithClause.FORMAT);
    FormatName keyFormat = keyGiven ? DdlAnalyzer.keyFormat(with, session)
        : input.keyFormat().format();
    if (!keyGiven && keyFormat == FormatName.NONE && !keys.isEmpty()) {
      String fallback = session.get(DdlAnalyzer.DEFAULT_KEY_FORMAT);
      keyFormat = fallback == null ? FormatName.KAFKA : FormatName.of(fallback, null);
    }
    boolean valueGiven = with.has(WithClause.VALUE_FORMAT) || with.has(WithClause.FORMAT);
    FormatName valueFormat = valueGiven
        ? DdlAnalyzer.valueFormat(with, session, kind.name().toLowerCase(Locale.ROOT))
        : input.valueFormat().format();

    Map<String, String> keyProperties = inherit(input.keyFormat(), keyFormat,
        DdlAnalyzer.formatProperties(with, "KEY", keyFormat));
    Map<String, String> valueProperties = inherit(input.valueFormat(), valueFormat,
        DdlAnalyzer.formatProperties(with, "VALUE", valueFormat));

    Map<String, Pos> positions = new HashMap<>();
    FormatChecks.keyColumns(keys, keyFormat, positions);
    FormatChecks.valueColumns(values, valueFormat, positions);
    Optional<Boolean> wrap = with.bool(WithClause.WRAP_SINGLE_VALUE);
    if (wrap.isEmpty() && session.containsKey(WRAP_SINGLE_VALUES) && values.size() == 1) {
      wrap = Optional.of(Boolean.parseBoolean(session.get(WRAP_SINGLE_VALUES).trim()));
    }
    FormatChecks.wrapSingleValue(wrap, valueFormat, values.size(),
        with.pos(WithClause.WRAP_SINGLE_VALUE));

    Optional<String> timestamp =
        with.nonEmptyString(WithClause.TIMESTAMP).map(DdlAnalyzer::columnName);
    Optional<String> timestampFormat = with.nonEmptyString(WithClause.TIMESTAMP_FORMAT);
    DdlAnalyzer.timestamp(with, timestamp, timestampFormat, columns);

    Optional<Integer> partitions = with.intInRange(WithClause.PARTITIONS, 1, Integer.MAX_VALUE);
    Optional<Integer> replicas = with.intInRange(WithClause.REPLICAS, -1, Short.MAX_VALUE);
    return Source.builder()
        .name(name)
        .kind(kind)
        .columns(columns)
        .topic(topic)
        .keyFormat(new FormatSpec(keyFormat, keyProperties))
        .valueFormat(new FormatSpec(valueFormat, valueProperties))
        .wrapSingleValue(wrap)
        .timestampColumn(timestamp)
        .timestampFormat(timestampFormat)
        .partitions(partitions.orElse(input.partitions()))
        .replicas(replicas.map(OptionalInt::of).orElse(input.replicas()))
        .statement(text)
        .queryId(Optional.of(queryId))
        .build();
  }

  /** The WITH clause's RETENTION_MS, as a topic config. */
  public static Map<String, String> topicConfigs(Map<String, Literal> properties, Pos pos) {
    WithClause with = new WithClause(properties, pos);
    Map<String, String> configs = new HashMap<>();
    with.integer(WithClause.RETENTION_MS).ifPresent(ms -> configs.put("retention.ms",
        String.valueOf(ms)));
    return configs;
  }

  /** An input format's properties carry over when the output keeps its format. */
  private static Map<String, String> inherit(FormatSpec input, FormatName output,
      Map<String, String> given) {
    if (input.format() != output) {
      return given;
    }
    Map<String, String> merged = new HashMap<>(input.properties());
    merged.remove(FormatSpec.SCHEMA_ID);
    merged.putAll(given);
    return merged;
  }
}
