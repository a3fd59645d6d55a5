package io.sluice.engine.format;

import io.sluice.engine.conformance.QttRecords;
import io.sluice.engine.catalog.AstTypes;
import io.sluice.engine.catalog.CatalogException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.types.Column;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.ast.AliasedSource;
import io.sluice.grammar.ast.AllColumns;
import io.sluice.grammar.ast.ColumnDef;
import io.sluice.grammar.ast.ColumnRef;
import io.sluice.grammar.ast.CreateAsSelect;
import io.sluice.grammar.ast.CreateSource;
import io.sluice.grammar.ast.Identifier;
import io.sluice.grammar.ast.Literal;
import io.sluice.grammar.ast.Query;
import io.sluice.grammar.ast.SelectItem;
import io.sluice.grammar.ast.SingleColumn;
import io.sluice.grammar.ast.SourceKind;
import io.sluice.grammar.ast.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The formats against ksqlDB's observable behaviour: the pass-through cases of the conformance
 * file ({@code CREATE STREAM|TABLE S (...) WITH (...); CREATE ... AS SELECT * FROM S;}, or a
 * projection of plain columns) need no engine, only serdes: each input record is deserialized
 * with the source's formats, its columns mapped to the sink's, serialized with the sink's formats,
 * and compared with the expected output. Cases with expressions, filters, joins, windows,
 * timestamps or headers are engine work and not selected.
 *
 * <p>Skipped when the conformance file is absent (it lives beside the repository, in {@code
 * shared/conformance}).
 */
class ConformanceCasesTest {

  private static final String CASES = "shared/conformance/qtt/cases.jsonl";

  /** A source or sink: its columns and formats. */
  private record Source(String name, SourceKind kind, String topic, List<Column> keys,
      List<Column> values, Format keyFormat, FormatOptions keyOptions, Format valueFormat,
      FormatOptions valueOptions) {
    Serde keySerde() {
      return SerdeFactory.create(keyFormat, keyOptions, keys, SerdeRole.KEY);
    }

    Serde valueSerde() {
      return SerdeFactory.create(valueFormat, valueOptions, values, SerdeRole.VALUE);
    }
  }

  /** A sink fed by a source through a projection of columns. */
  private record Query1(Source from, Source to, List<String> keyNames, List<String> valueNames) {}

  private record Rec(JsonNode key, JsonNode value) {}

  /** Not a pass-through case: the reason, for the summary. */
  private static final class NotSelected extends Exception {
    private static final long serialVersionUID = 1L;

    NotSelected(String reason) {
      super(reason, null, false, false);
    }
  }

  static Optional<Path> casesFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(CASES);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  @Test
  void passThroughCasesGiveKsqlDbsOutputs() throws IOException {
    Optional<Path> file = casesFile();
    assumeTrue(file.isPresent(), "no " + CASES + " above " + Path.of("").toAbsolutePath());
    int selected = 0;
    Map<String, Integer> perFile = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (String line : Files.readAllLines(file.get())) {
      JsonNode c = QttRecords.parse(line);
      List<Query1> queries;
      try {
        queries = select(c);
      } catch (NotSelected e) {
        continue;
      } catch (RuntimeException e) {
        queries = null; // a statement ksqlDB accepted and the formats refuse: a failure
      }
      selected++;
      perFile.merge(c.get("file").asText(), 1, Integer::sum);
      String problem;
      try {
        problem = queries == null ? "refused: " + refusal(c) : run(c, queries);
      } catch (RuntimeException e) {
        problem = e.toString();
      }
      if (problem != null) {
        failures.add(c.get("file").asText() + " | " + c.get("name").asText() + ": " + problem);
      }
    }
    System.out.println("format conformance: " + (selected - failures.size()) + " of " + selected
        + " pass-through cases pass " + perFile);
    failures.forEach(f -> System.out.println("  FAILED " + f));
    assertTrue(selected >= 80, "only " + selected + " cases selected: is the selection broken?");
    assertEquals(List.of(), failures);
  }

  /**
   * Every input record of every case ksqlDB runs (not an error case) is one ksqlDB reads, as no
   * case expects a record to be skipped: each must deserialize with its source's serdes, and
   * serializing the row and reading it back must give the same row.
   */
  @Test
  void everyInputRecordReadsAndRoundTrips() throws IOException {
    Optional<Path> file = casesFile();
    assumeTrue(file.isPresent(), "no " + CASES + " above " + Path.of("").toAbsolutePath());
    int cases = 0;
    int records = 0;
    List<String> failures = new ArrayList<>();
    for (String line : Files.readAllLines(file.get())) {
      JsonNode c = QttRecords.parse(line);
      if (!c.get("expectedError").isNull() || c.get("needsSchemaRegistry").asBoolean()) {
        continue;
      }
      Map<String, String> props = new HashMap<>();
      c.get("properties").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
      Map<String, Source> byTopic = new HashMap<>();
      for (JsonNode statement : c.get("statements")) {
        try {
          Source s = source(parse(statement.asText()), props);
          byTopic.put(s.topic(), s);
        } catch (NotSelected e) {
          // not a source with columns in a format of its own
        }
      }
      if (byTopic.isEmpty()) {
        continue;
      }
      cases++;
      for (JsonNode input : c.get("inputs")) {
        Source s = byTopic.get(input.get("topic").asText());
        if (s == null) {
          continue;
        }
        records++;
        String problem = roundTrip(s.keySerde(), input.get("key"));
        if (problem == null) {
          problem = roundTrip(s.valueSerde(), input.get("value"));
        }
        if (problem != null) {
          failures.add(c.get("file").asText() + " | " + c.get("name").asText() + ": " + problem);
        }
      }
    }
    System.out.println("format conformance: " + (records - failures.size()) + " of " + records
        + " input records of " + cases + " cases read and round-trip");
    failures.forEach(f -> System.out.println("  FAILED " + f));
    assertTrue(records >= 1000, "only " + records + " records: is the selection broken?");
    assertEquals(List.of(), failures);
  }

  /** @return null when the record reads and round-trips, else what went wrong */
  private static String roundTrip(Serde serde, JsonNode node) {
    try {
      Object[] row = serde.deserialize(QttRecords.encode(serde.format(), serde.columns(), node));
      if (row == null || serde.columns().isEmpty()) {
        return null; // nothing to write back (no columns: the bytes are ignored)
      }
      if (serde.format() == Format.DELIMITED && row.length == 1 && row[0] == null) {
        return null; // ksqlDB writes a lone null DELIMITED column as an empty text it cannot read
      }
      Object[] again = serde.deserialize(serde.serialize(row));
      return Arrays.deepEquals(row, again) ? null : serde + ": " + node + " read as "
          + Arrays.deepToString(row) + ", then as " + Arrays.deepToString(again);
    } catch (SerdeException e) {
      return serde + ": " + node + ": " + e.getMessage();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Selection: what the statements declare

  private static String refusal(JsonNode c) {
    try {
      select(c);
      return "?";
    } catch (NotSelected | RuntimeException e) {
      return e.toString();
    }
  }

  private static List<Query1> select(JsonNode c) throws NotSelected {
    if (!c.get("expectedError").isNull() || c.get("needsSchemaRegistry").asBoolean()) {
      throw new NotSelected("error case or Schema Registry");
    }
    Map<String, String> props = new HashMap<>();
    c.get("properties").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
    JsonNode statements = c.get("statements");
    if (statements.size() < 2) {
      throw new NotSelected("no query");
    }
    Map<String, Source> sources = new HashMap<>();
    Source first = source(parse(statements.get(0).asText()), props);
    sources.put(first.name(), first);
    List<Query1> queries = new ArrayList<>();
    for (int i = 1; i < statements.size(); i++) {
      if (!(parse(statements.get(i).asText()) instanceof CreateAsSelect cas)) {
        throw new NotSelected("not CREATE ... AS SELECT");
      }
      Query1 q = query(cas, sources, props);
      sources.put(q.to().name(), q.to());
      queries.add(q);
    }
    for (JsonNode input : c.get("inputs")) {
      if (!input.get("topic").asText().equals(first.topic())) {
        throw new NotSelected("several input topics");
      }
    }
    return queries;
  }

  private static Statement parse(String sql) throws NotSelected {
    try {
      return SqlParser.parseStatement(sql);
    } catch (RuntimeException e) {
      throw new NotSelected("does not parse");
    }
  }

  private static Source source(Statement statement, Map<String, String> props)
      throws NotSelected {
    if (!(statement instanceof CreateSource cs) || cs.columns().isEmpty()) {
      throw new NotSelected("not CREATE STREAM|TABLE with columns");
    }
    Map<String, String> with = with(cs.properties());
    if (with.containsKey("WINDOW_TYPE") || with.containsKey("TIMESTAMP")) {
      throw new NotSelected("windowed or timestamp column: engine work");
    }
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (ColumnDef d : cs.columns()) {
      Column col;
      try {
        // no custom types here: a case that uses one is not a pass-through case
        col = new Column(d.name().value(), AstTypes.toSqlType(d.type(), name -> Optional.empty()));
      } catch (CatalogException e) {
        throw new NotSelected("custom type");
      }
      switch (d.kind()) {
        case KEY, PRIMARY_KEY -> keys.add(col);
        case VALUE -> values.add(col);
        default -> throw new NotSelected("header columns: engine work");
      }
    }
    Format keyFormat = Format.of(with.getOrDefault("FORMAT", with.getOrDefault("KEY_FORMAT",
        props.getOrDefault("ksql.persistence.default.format.key", "KAFKA"))));
    String valueName = with.getOrDefault("FORMAT", with.getOrDefault("VALUE_FORMAT",
        props.get("ksql.persistence.default.format.value")));
    if (valueName == null) {
      throw new NotSelected("no value format");
    }
    Format valueFormat = Format.of(valueName);
    return new Source(cs.name().value(), cs.kind(), with.getOrDefault("KAFKA_TOPIC",
        cs.name().value()), keys, values, keyFormat,
        keyOptions(with, FormatOptions.DEFAULTS), valueFormat,
        valueOptions(with, props, valueFormat, values.size(), FormatOptions.DEFAULTS));
  }

  private static Query1 query(CreateAsSelect cas, Map<String, Source> sources,
      Map<String, String> props) throws NotSelected {
    Query q = cas.query();
    if (!(q.from() instanceof AliasedSource from) || q.window().isPresent()
        || q.where().isPresent() || !q.groupBy().isEmpty() || !q.partitionBy().isEmpty()
        || q.having().isPresent() || q.limit().isPresent()) {
      throw new NotSelected("not a plain projection");
    }
    Source in = sources.get(from.name().value());
    Map<String, String> with = with(cas.properties());
    if (in == null || with.containsKey("TIMESTAMP")) {
      throw new NotSelected("unknown source, or timestamp column");
    }
    // The projection: output name -> input column, keys first as ksqlDB lays them out.
    Map<String, Column> byName = new HashMap<>();
    in.keys().forEach(k -> byName.put(k.name(), k));
    in.values().forEach(v -> byName.put(v.name(), v));
    List<String> keyNames = new ArrayList<>();
    List<String> valueNames = new ArrayList<>();
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (SelectItem item : q.select()) {
      if (item instanceof AllColumns all && all.source().isEmpty()) {
        in.keys().forEach(k -> { keyNames.add(k.name()); keys.add(k); });
        in.values().forEach(v -> { valueNames.add(v.name()); values.add(v); });
      } else if (item instanceof SingleColumn sc && sc.expression() instanceof ColumnRef ref
          && byName.containsKey(ref.name().value())) {
        Column col = byName.get(ref.name().value());
        String name = sc.alias().map(Identifier::value).orElse(col.name());
        if (in.keys().contains(col)) {
          keyNames.add(col.name());
          keys.add(new Column(name, col.type()));
        } else {
          valueNames.add(col.name());
          values.add(new Column(name, col.type()));
        }
      } else {
        throw new NotSelected("expression in the projection");
      }
    }
    if (keys.size() != in.keys().size()) {
      throw new NotSelected("key columns not all projected: engine work");
    }
    Format keyFormat = with.containsKey("FORMAT") || with.containsKey("KEY_FORMAT")
        ? Format.of(with.getOrDefault("FORMAT", with.get("KEY_FORMAT"))) : in.keyFormat();
    Format valueFormat = with.containsKey("FORMAT") || with.containsKey("VALUE_FORMAT")
        ? Format.of(with.getOrDefault("FORMAT", with.get("VALUE_FORMAT"))) : in.valueFormat();
    // Format options go with the format: inherited only when the format is.
    FormatOptions keyBase = keyFormat == in.keyFormat()
        ? new FormatOptions(Optional.empty(), in.keyOptions().delimiter())
        : FormatOptions.DEFAULTS;
    FormatOptions valueBase = valueFormat == in.valueFormat()
        ? new FormatOptions(Optional.empty(), in.valueOptions().delimiter())
        : FormatOptions.DEFAULTS;
    String name = cas.name().value();
    String topic = with.getOrDefault("KAFKA_TOPIC",
        props.getOrDefault("ksql.output.topic.name.prefix", "") + name);
    Source out = new Source(name, cas.kind(), topic, keys, values, keyFormat,
        keyOptions(with, keyBase), valueFormat,
        valueOptions(with, props, valueFormat, values.size(), valueBase));
    return new Query1(in, out, keyNames, valueNames);
  }

  private static Map<String, String> with(Map<String, Literal> properties) {
    Map<String, String> with = new LinkedHashMap<>();
    properties.forEach((k, v) ->
        with.put(k.toUpperCase(Locale.ROOT), String.valueOf(v.asObject())));
    return with;
  }

  private static FormatOptions keyOptions(Map<String, String> with, FormatOptions base) {
    String d = with.get("KEY_DELIMITER");
    return d == null ? base : base.withDelimiter(FormatOptions.parseDelimiter("KEY_DELIMITER", d));
  }

  private static FormatOptions valueOptions(Map<String, String> with, Map<String, String> props,
      Format format, int columns, FormatOptions base) {
    FormatOptions options = base;
    String d = with.get("VALUE_DELIMITER");
    if (d != null) {
      options = options.withDelimiter(FormatOptions.parseDelimiter("VALUE_DELIMITER", d));
    }
    String wrap = with.get("WRAP_SINGLE_VALUE");
    if (wrap == null && columns == 1 && format.supportsWrapping()) {
      // The session default applies where the statement says nothing and it means something.
      wrap = props.get("ksql.persistence.wrap.single.values");
    }
    return wrap == null ? options : options.withWrapSingleValue(Boolean.parseBoolean(wrap));
  }

  // ---------------------------------------------------------------------------------------------
  // Running: records through the serdes

  /** @return null when the outputs match, else what differs */
  private static String run(JsonNode c, List<Query1> queries) {
    Map<String, List<Rec>> topics = new HashMap<>();
    List<Rec> inputs = new ArrayList<>();
    c.get("inputs").forEach(i -> inputs.add(new Rec(i.get("key"), i.get("value"))));
    topics.put(queries.get(0).from().topic(), inputs);
    for (Query1 q : queries) {
      List<Rec> out = new ArrayList<>();
      Serde inKey = q.from().keySerde();
      Serde inValue = q.from().valueSerde();
      Serde outKey = q.to().keySerde();
      Serde outValue = q.to().valueSerde();
      for (Rec r : topics.getOrDefault(q.from().topic(), List.of())) {
        Object[] key;
        Object[] value;
        try {
          key = inKey.deserialize(QttRecords.encode(inKey.format(), inKey.columns(), r.key()));
          value = inValue.deserialize(
              QttRecords.encode(inValue.format(), inValue.columns(), r.value()));
        } catch (SerdeException e) {
          continue; // ksqlDB logs and skips a record it cannot read
        }
        if (q.from().kind() == SourceKind.TABLE && !q.from().keys().isEmpty() && key == null) {
          continue; // a table drops records without a key
        }
        Object[] newKey = project(q.from().keys(), key, q.keyNames());
        Object[] newValue = value == null ? null : project(q.from().values(), value,
            q.valueNames());
        out.add(new Rec(
            QttRecords.decode(outKey.format(), outKey.columns(), outKey.serialize(newKey)),
            QttRecords.decode(outValue.format(), outValue.columns(),
                outValue.serialize(newValue))));
      }
      topics.put(q.to().topic(), out);
    }
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    c.get("outputs").forEach(o ->
        expected.computeIfAbsent(o.get("topic").asText(), t -> new ArrayList<>()).add(o));
    for (Map.Entry<String, List<JsonNode>> e : expected.entrySet()) {
      List<Rec> actual = topics.get(e.getKey());
      if (actual == null) {
        return "no output to topic " + e.getKey();
      }
      if (actual.size() != e.getValue().size()) {
        return e.getKey() + ": " + actual.size() + " records, expected " + e.getValue().size()
            + ": " + actual;
      }
      for (int i = 0; i < actual.size(); i++) {
        JsonNode want = e.getValue().get(i);
        Rec got = actual.get(i);
        if (!QttRecords.matches(want.get("key"), got.key())
            || !QttRecords.matches(want.get("value"), got.value())) {
          return e.getKey() + " record " + i + ": expected " + want.get("key") + " | "
              + want.get("value") + ", got " + got.key() + " | " + got.value();
        }
      }
    }
    return null;
  }

  /** The row of the named columns of an input row; a null row stays null. */
  private static Object[] project(List<Column> columns, Object[] row, List<String> names) {
    if (row == null) {
      return null;
    }
    Object[] out = new Object[names.size()];
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < columns.size(); j++) {
        if (columns.get(j).name().equals(names.get(i))) {
          out[i] = row[j];
        }
      }
    }
    return out;
  }
}
