package io.sluice.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.function.FunctionDescription;
import io.sluice.engine.query.Engine;
import io.sluice.engine.query.PersistentQuery;
import io.sluice.engine.query.StatementResult;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.grammar.ParsedStatement;
import io.sluice.grammar.ast.DescribeFunction;
import io.sluice.grammar.ast.DescribeSource;
import io.sluice.grammar.ast.DescribeSources;
import io.sluice.grammar.ast.ExplainQueryId;
import io.sluice.grammar.ast.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A statement's result as the entity ksqlDB's {@code /ksql} returns for it: {@code @type} (the
 * result's kind), {@code statementText}, {@code warnings} and the kind's own fields, built from
 * the result's table and, where the table does not carry everything (DESCRIBE, DESCRIBE
 * FUNCTION, EXPLAIN of a query id), from the engine's catalog and queries.
 */
final class Entities {

  private final Engine engine;

  Entities(Engine engine) {
    this.engine = engine;
  }

  ObjectNode of(ParsedStatement parsed, StatementResult r) {
    ObjectNode e = Json.object();
    e.put("@type", r.kind());
    e.put("statementText", r.statementText());
    switch (r.kind()) {
      case "currentStatus" -> status(e, parsed.statement(), r);
      case "streams", "tables" -> sources(e, r);
      case "queries" -> {
        ArrayNode list = e.putArray("queries");
        r.rows().forEach(row -> list.add(query((String) row.get(0), (String) row.get(1),
            (String) row.get(2), (String) row.get(3), (String) row.get(4))));
      }
      case "kafka_topics" -> {
        ArrayNode list = e.putArray("topics");
        for (List<Object> row : r.rows()) {
          ObjectNode t = list.addObject().put("name", (String) row.get(0));
          ArrayNode replicas = t.putArray("replicaInfo");
          for (int p = 0; p < ((Number) row.get(1)).intValue(); p++) {
            replicas.add(1);
          }
        }
      }
      case "properties" -> {
        ArrayNode list = e.putArray("properties");
        r.rows().forEach(row -> list.addObject().put("name", (String) row.get(0))
            .put("scope", (String) row.get(2)).put("value", String.valueOf(row.get(1))));
        e.putArray("overwrittenProperties");
        e.putArray("defaultProperties");
      }
      case "variables" -> {
        ArrayNode list = e.putArray("variables");
        r.rows().forEach(row -> list.addObject().put("name", (String) row.get(0))
            .put("value", String.valueOf(row.get(1))));
      }
      case "type_list" -> {
        ObjectNode types = e.putObject("types");
        engine.catalog().types().forEach((name, type) -> types.set(name, schema(type)));
      }
      case "function_names" -> {
        ArrayNode list = e.putArray("functions");
        r.rows().forEach(row -> list.addObject().put("name", (String) row.get(0))
            .put("type", ((String) row.get(1)).toLowerCase(Locale.ROOT))
            .put("category", (String) row.get(2)));
      }
      case "describe_function" -> describeFunction(e, parsed.statement());
      case "sourceDescription" -> {
        DescribeSource d = (DescribeSource) parsed.statement();
        engine.source(d.name().value()).ifPresent(s ->
            e.set("sourceDescription", source(s, d.extended())));
      }
      case "source_descriptions" -> {
        DescribeSources d = (DescribeSources) parsed.statement();
        ArrayNode list = e.putArray("sourceDescriptions");
        engine.catalog().sources().stream().filter(s -> s.kind() == d.kind())
            .forEach(s -> list.add(source(s, d.extended())));
      }
      case "queryDescription" -> e.set("queryDescription", explain(parsed.statement(), r));
      default -> table(e, r);
    }
    e.putArray("warnings");
    return e;
  }

  private static void status(ObjectNode e, Statement stmt, StatementResult r) {
    e.put("commandId", stmt.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "/"
        + Integer.toHexString(r.statementText().hashCode()));
    ObjectNode status = e.putObject("commandStatus");
    status.put("status", "SUCCESS");
    status.put("message", r.message());
    status.put("queryId", r.queryId().orElse(null));
    e.put("commandSequenceNumber", -1);
  }

  private static void sources(ObjectNode e, StatementResult r) {
    String type = r.kind().equals("streams") ? "STREAM" : "TABLE";
    ArrayNode list = e.putArray(r.kind());
    for (List<Object> row : r.rows()) {
      list.addObject().put("type", type).put("name", (String) row.get(0))
          .put("topic", (String) row.get(1)).put("keyFormat", (String) row.get(2))
          .put("valueFormat", (String) row.get(3)).put("isWindowed", (Boolean) row.get(4));
    }
  }

  /** ksqlDB's RunningQuery. */
  private ObjectNode query(String id, String state, String sink, String text, String type) {
    ObjectNode q = Json.object();
    q.put("queryString", text);
    ArrayNode sinks = q.putArray("sinks");
    ArrayNode topics = q.putArray("sinkKafkaTopics");
    if (!sink.isEmpty()) {
      sinks.add(sink);
      engine.source(sink).ifPresent(s -> topics.add(s.topic()));
    }
    q.put("id", id);
    q.putObject("statusCount").put(state, 1);
    q.put("queryType", type);
    q.put("state", state);
    return q;
  }

  private ObjectNode source(Source s, boolean extended) {
    ObjectNode d = Json.object();
    d.put("name", s.name());
    d.put("windowType", s.window().map(w -> w.toString()).orElse(null));
    d.set("readQueries", queries(engine.catalog().readers(s.name())));
    d.set("writeQueries", queries(engine.catalog().writers(s.name())));
    ArrayNode fields = d.putArray("fields");
    for (SourceColumn c : s.columns()) {
      ObjectNode f = fields.addObject().put("name", c.name());
      f.set("schema", schema(c.type()));
      if (c.namespace() == Namespace.KEY || c.namespace() == Namespace.PRIMARY_KEY) {
        f.put("type", "KEY");
      } else if (c.namespace() == Namespace.HEADER || c.namespace() == Namespace.HEADERS) {
        f.put("type", "HEADER");
        c.headerKey().ifPresent(k -> f.put("headerKey", k));
      }
    }
    d.put("type", s.kind().name());
    d.put("timestamp", s.timestampColumn().orElse(""));
    d.put("statistics", "");
    d.put("errorStats", "");
    d.put("extended", extended);
    d.put("keyFormat", s.keyFormat().format().name());
    d.put("valueFormat", s.valueFormat().format().name());
    d.put("topic", s.topic());
    d.put("partitions", s.partitions());
    d.put("replication", s.replicas().orElse(1));
    d.put("statement", s.statement());
    d.putArray("queryOffsetSummaries");
    d.putArray("sourceConstraints");
    d.putArray("clusterStatistics");
    d.putArray("clusterErrorStats");
    return d;
  }

  private ArrayNode queries(Set<String> ids) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (PersistentQuery q : engine.queries()) {
      if (ids.contains(q.id())) {
        list.add(query(q.id(), q.runner().state().name(), q.sink(), q.statementText(),
            "PERSISTENT"));
      }
    }
    return list;
  }

  /** ksqlDB's schema of a type: {@code {type, fields, memberSchema}}. */
  static ObjectNode schema(SqlType type) {
    ObjectNode s = Json.object();
    s.put("type", type.baseType().name());
    if (type instanceof SqlStruct struct) {
      ArrayNode fields = s.putArray("fields");
      for (SqlStruct.Field f : struct.fields()) {
        ObjectNode field = fields.addObject().put("name", f.name());
        field.set("schema", schema(f.type()));
      }
    } else {
      s.putNull("fields");
    }
    if (type instanceof SqlArray a) {
      s.set("memberSchema", schema(a.element()));
    } else if (type instanceof SqlMap m) {
      s.set("memberSchema", schema(m.value()));
    } else {
      s.putNull("memberSchema");
    }
    if (type instanceof io.sluice.engine.types.SqlDecimal dec) {
      s.putObject("parameters").put("precision", dec.precision()).put("scale", dec.scale());
    }
    return s;
  }

  private void describeFunction(ObjectNode e, Statement stmt) {
    FunctionDescription d = engine.functions().describe(((DescribeFunction) stmt).name().value());
    e.put("name", d.name());
    e.put("description", d.description());
    e.put("author", "Sluice");
    e.put("version", "");
    e.put("path", "internal");
    ArrayNode functions = e.putArray("functions");
    for (FunctionDescription.Variation v : d.variations()) {
      ObjectNode f = functions.addObject();
      ArrayNode args = f.putArray("arguments");
      ArrayNode types = f.putArray("argumentTypes");
      for (FunctionDescription.Param p : v.params()) {
        boolean variadic = p.type().endsWith("...");
        args.addObject().put("name", p.name()).put("type", p.type()).put("description", "")
            .put("isVariadic", variadic);
        types.add(p.type());
      }
      f.put("returnType", v.returnType());
      f.put("description", v.description());
    }
    e.put("type", d.kind().name().toLowerCase(Locale.ROOT));
  }

  private ObjectNode explain(Statement stmt, StatementResult r) {
    ObjectNode q = Json.object();
    StringBuilder plan = new StringBuilder();
    r.rows().forEach(row -> plan.append(row.get(0)).append('\n'));
    Optional<PersistentQuery> running = stmt instanceof ExplainQueryId id
        ? engine.queries().stream().filter(p -> p.id().equalsIgnoreCase(id.queryId().value()))
            .findFirst()
        : Optional.empty();
    q.put("id", running.map(PersistentQuery::id).orElse(""));
    q.put("statementText", r.message());
    q.putNull("windowType");
    ArrayNode fields = q.putArray("fields");
    ArrayNode sources = q.putArray("sources");
    ArrayNode sinks = q.putArray("sinks");
    ArrayNode topics = q.putArray("sinkKafkaTopics");
    running.ifPresent(p -> {
      for (SourceColumn c : p.plan().sinkColumns()) {
        ObjectNode f = fields.addObject().put("name", c.name());
        f.set("schema", schema(c.type()));
        if (c.namespace() == Namespace.KEY || c.namespace() == Namespace.PRIMARY_KEY) {
          f.put("type", "KEY");
        }
      }
      sources.add(p.source());
      sinks.add(p.sink());
      engine.source(p.sink()).ifPresent(s -> topics.add(s.topic()));
    });
    q.put("topology", plan.toString());
    q.put("executionPlan", plan.toString());
    q.putObject("overriddenProperties");
    q.putObject("ksqlHostQueryStatus");
    q.put("queryType", running.isPresent() ? "PERSISTENT" : "PUSH");
    q.putArray("queryErrors");
    q.putArray("tasksMetadata");
    q.put("state", running.map(p -> p.runner().state().name()).orElse("UNKNOWN"));
    return q;
  }

  /** A result of a kind without a shape of its own: its columns and rows. */
  private static void table(ObjectNode e, StatementResult r) {
    e.put("message", r.message());
    ArrayNode columns = e.putArray("columns");
    r.columns().forEach(columns::add);
    ArrayNode rows = e.putArray("rows");
    for (List<Object> row : r.rows()) {
      ArrayNode a = rows.addArray();
      row.forEach(v -> a.addPOJO(v));
    }
  }
}
