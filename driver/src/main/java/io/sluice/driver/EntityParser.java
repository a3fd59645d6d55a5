package io.sluice.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the JSON array that {@code POST /ksql} answers with into typed entities. */
final class EntityParser {

    private EntityParser() {
    }

    static List<Entity> parseAll(JsonNode array) {
        if (!array.isArray()) {
            throw new SluiceException("/ksql answered with " + Json.abbreviate(array.toString()) + ", not an array");
        }
        List<Entity> out = new ArrayList<>();
        array.forEach(e -> out.add(parse(e)));
        return out;
    }

    static Entity parse(JsonNode e) {
        String type = Json.text(e, "@type");
        String statement = Json.text(e, "statementText");
        return switch (type) {
            case "currentStatus" -> new Entity.CommandStatus(statement, e, Json.text(e, "commandId"),
                    Json.text(e.path("commandStatus"), "status"), Json.text(e.path("commandStatus"), "message"));
            case "streams", "tables" -> new Entity.SourceList(statement, e, sources(e.path(type)));
            case "kafka_topics" -> new Entity.TopicList(statement, e, topics(e.path("topics")));
            case "function_names" -> new Entity.FunctionList(statement, e, functions(e.path("functions")));
            case "sourceDescription" -> description(statement, e);
            case "queries" -> new Entity.QueryList(statement, e, queries(e.path("queries")));
            case "properties" -> new Entity.PropertyList(statement, e, properties(e.path("properties")));
            default -> new Entity.Other(statement, e, type);
        };
    }

    private static List<Entity.Source> sources(JsonNode list) {
        List<Entity.Source> out = new ArrayList<>();
        list.forEach(s -> out.add(new Entity.Source(Json.text(s, "name"), Json.text(s, "type"), Json.text(s, "topic"),
                Json.text(s, "keyFormat"), Json.text(s, "valueFormat"))));
        return out;
    }

    private static List<Entity.Topic> topics(JsonNode list) {
        List<Entity.Topic> out = new ArrayList<>();
        list.forEach(t -> out.add(new Entity.Topic(Json.text(t, "name"), t.path("replicaInfo").size())));
        return out;
    }

    private static List<Entity.Function> functions(JsonNode list) {
        List<Entity.Function> out = new ArrayList<>();
        list.forEach(f -> out.add(new Entity.Function(Json.text(f, "name"), Json.text(f, "type"),
                Json.text(f, "category"))));
        return out;
    }

    private static Entity.SourceDescription description(String statement, JsonNode e) {
        JsonNode d = e.path("sourceDescription");
        List<Entity.Column> columns = new ArrayList<>();
        d.path("fields").forEach(f -> columns.add(new Entity.Column(Json.text(f, "name"), typeName(f.path("schema")),
                Json.text(f, "type").equals("KEY"))));
        return new Entity.SourceDescription(statement, e, Json.text(d, "name"), Json.text(d, "type"),
                Json.text(d, "topic"), columns);
    }

    /** ksqlDB's schema objects as SQL type text: ARRAY<INT>, MAP<STRING, BIGINT>, STRUCT<A INT>. */
    static String typeName(JsonNode schema) {
        String type = Json.text(schema, "type");
        return switch (type) {
            case "ARRAY" -> "ARRAY<" + typeName(schema.path("memberSchema")) + ">";
            case "MAP" -> "MAP<STRING, " + typeName(schema.path("memberSchema")) + ">";
            case "STRUCT" -> {
                List<String> fields = new ArrayList<>();
                schema.path("fields").forEach(f -> fields.add(Json.text(f, "name") + " " + typeName(f.path("schema"))));
                yield "STRUCT<" + String.join(", ", fields) + ">";
            }
            default -> type;
        };
    }

    private static List<Entity.Query> queries(JsonNode list) {
        List<Entity.Query> out = new ArrayList<>();
        list.forEach(q -> {
            List<String> sinks = new ArrayList<>();
            q.path("sinks").forEach(s -> sinks.add(s.asText()));
            out.add(new Entity.Query(Json.text(q, "id"), Json.text(q, "state"), sinks, Json.text(q, "queryString")));
        });
        return out;
    }

    private static Map<String, String> properties(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(p -> out.put(Json.text(p, "name"), Json.text(p, "value")));
        return out;
    }
}
