package io.sluice.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.query.Engine;
import java.util.Locale;
import java.util.Optional;

/**
 * A case's {@code post.sources}: each named source exists after the statements, of the stated
 * type, with the stated schema (compared after normalizing type spellings and quoting) and
 * formats.
 */
final class PostConditions {

  private PostConditions() {}

  /** The first difference, or null when every condition holds. */
  static String check(JsonNode post, Engine engine) {
    for (JsonNode s : post.path("sources")) {
      String name = s.path("name").asText();
      Optional<Source> found = engine.source(name)
          .or(() -> engine.source(name.toUpperCase(Locale.ROOT)));
      if (found.isEmpty()) {
        return "post: no source " + name;
      }
      Source source = found.get();
      String type = s.path("type").asText("");
      if (!type.isEmpty() && !type.equalsIgnoreCase(source.kind().name())) {
        return "post: " + name + " is a " + source.kind() + ", expected " + type;
      }
      JsonNode schema = s.get("schema");
      if (schema != null && schema.isTextual()) {
        String want = normalize(schema.asText());
        String got = normalize(source.schemaText());
        // ksqlDB's runner compares parsed schemas: unquoted names in a case file are any case.
        if (!want.equalsIgnoreCase(got)) {
          return "post: " + name + " schema: expected " + want + ", got " + got;
        }
      }
      String keyFormat = s.path("keyFormat").path("format").asText("");
      if (!keyFormat.isEmpty() && !keyFormat.equalsIgnoreCase(source.keyFormat().format().name())) {
        return "post: " + name + " key format: expected " + keyFormat + ", got "
            + source.keyFormat().format();
      }
      String valueFormat = s.path("valueFormat").path("format").asText("");
      if (!valueFormat.isEmpty()
          && !valueFormat.equalsIgnoreCase(source.valueFormat().format().name())) {
        return "post: " + name + " value format: expected " + valueFormat + ", got "
            + source.valueFormat().format();
      }
    }
    return null;
  }

  /** Schema text with ksqlDB's type aliases spelled one way and without quotes. */
  static String normalize(String schema) {
    String s = schema.replace("`", "").replace("PRIMARY KEY", "KEY").trim();
    s = s.replaceAll("\\bINT\\b", "INTEGER").replaceAll("\\bVARCHAR\\b", "STRING")
        .replaceAll("\\s+", " ").replace("< ", "<").replace(" >", ">").replace(" ,", ",")
        .replaceAll("\\((\\d+), (\\d+)\\)", "($1,$2)");
    return s;
  }
}
