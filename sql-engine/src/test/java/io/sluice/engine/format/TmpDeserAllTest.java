package io.sluice.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.types.Column;
import io.sluice.grammar.SqlParser;
import io.sluice.grammar.ast.ColumnDef;
import io.sluice.grammar.ast.CreateSource;
import io.sluice.grammar.ast.Statement;
import java.nio.file.Files;
import java.util.*;
import org.junit.jupiter.api.Test;

class TmpDeserAllTest {
  @Test
  void all() throws Exception {
    var file = ConformanceCasesTest.casesFile().get();
    int ok = 0, bad = 0, cases = 0;
    for (String line : Files.readAllLines(file)) {
      JsonNode c = QttRecords.parse(line);
      if (!c.get("expectedError").isNull() || c.get("needsSchemaRegistry").asBoolean()) continue;
      Map<String, String> props = new HashMap<>();
      c.get("properties").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
      Map<String, Serde[]> byTopic = new HashMap<>();
      for (JsonNode st : c.get("statements")) {
        Statement s;
        try { s = SqlParser.parseStatement(st.asText()); } catch (RuntimeException e) { continue; }
        if (!(s instanceof CreateSource cs) || cs.columns().isEmpty()) continue;
        Map<String, String> with = new HashMap<>();
        cs.properties().forEach((k, v) -> with.put(k, String.valueOf(v.asObject())));
        if (with.containsKey("WINDOW_TYPE")) continue;
        List<Column> keys = new ArrayList<>(), values = new ArrayList<>();
        boolean skip = false;
        for (ColumnDef d : cs.columns()) {
          var t = QttTypes.of(d.type());
          if (t.isEmpty()) { skip = true; break; }
          switch (d.kind()) {
            case KEY, PRIMARY_KEY -> keys.add(new Column(d.name().value(), t.get()));
            case VALUE -> values.add(new Column(d.name().value(), t.get()));
            default -> {}
          }
        }
        if (skip) continue;
        try {
          Format kf = Format.of(with.getOrDefault("FORMAT", with.getOrDefault("KEY_FORMAT", props.getOrDefault("ksql.persistence.default.format.key", "KAFKA"))));
          Format vf = Format.of(with.getOrDefault("FORMAT", with.getOrDefault("VALUE_FORMAT", props.getOrDefault("ksql.persistence.default.format.value", "JSON"))));
          FormatOptions ko = FormatOptions.DEFAULTS, vo = FormatOptions.DEFAULTS;
          if (with.containsKey("KEY_DELIMITER")) ko = ko.withDelimiter(FormatOptions.parseDelimiter("K", with.get("KEY_DELIMITER")));
          if (with.containsKey("VALUE_DELIMITER")) vo = vo.withDelimiter(FormatOptions.parseDelimiter("V", with.get("VALUE_DELIMITER")));
          String w = with.get("WRAP_SINGLE_VALUE");
          if (w == null && values.size() == 1 && vf.supportsWrapping()) w = props.get("ksql.persistence.wrap.single.values");
          if (w != null) vo = vo.withWrapSingleValue(Boolean.parseBoolean(w));
          byTopic.put(with.getOrDefault("KAFKA_TOPIC", cs.name().value()), new Serde[] {
              SerdeFactory.create(kf, ko, keys, SerdeRole.KEY), SerdeFactory.create(vf, vo, values, SerdeRole.VALUE)});
        } catch (RuntimeException e) {
          System.out.println("BUILD " + c.get("file").asText() + " | " + c.get("name").asText() + ": " + e.getMessage());
        }
      }
      if (byTopic.isEmpty()) continue;
      cases++;
      for (JsonNode in : c.get("inputs")) {
        Serde[] s = byTopic.get(in.get("topic").asText());
        if (s == null) continue;
        for (int i = 0; i < 2; i++) {
          JsonNode n = in.get(i == 0 ? "key" : "value");
          try {
            s[i].deserialize(QttRecords.encode(s[i].format(), s[i].columns(), n));
            ok++;
          } catch (RuntimeException e) {
            bad++;
            System.out.println("DESER " + c.get("file").asText() + " | " + c.get("name").asText() + " | " + n + " | " + e.getMessage());
          }
        }
      }
    }
    System.out.println("cases " + cases + " ok " + ok + " bad " + bad);
  }
}
