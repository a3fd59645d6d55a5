package io.sluice.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One result object of {@code POST /ksql}, typed by its {@code @type}. Every entity also offers
 * itself as a {@link ResultTable} and as the JSON the server sent, so that callers can render any
 * entity, including kinds this driver has no record for ({@link Other}).
 */
public sealed interface Entity {

    /** The statement this entity answers, as the server echoed it. */
    String statementText();

    /** The entity as the server sent it. */
    JsonNode json();

    /** The entity as columns and rows. */
    ResultTable table();

    /** {@code currentStatus}: a DDL or DML statement was accepted. */
    record CommandStatus(String statementText, JsonNode json, String commandId, String status, String message)
            implements Entity {
        @Override
        public ResultTable table() {
            return ResultTable.ofStrings(List.of("Message"), List.of(List.of(message.isEmpty() ? status : message)));
        }
    }

    /** A stream or table as SHOW STREAMS / SHOW TABLES list it. */
    record Source(String name, String type, String topic, String keyFormat, String valueFormat) {
    }

    /** {@code streams} or {@code tables}. */
    record SourceList(String statementText, JsonNode json, List<Source> sources) implements Entity {
        @Override
        public ResultTable table() {
            String kind = json.path("@type").asText().equals("tables") ? "Table Name" : "Stream Name";
            List<List<Object>> rows = new ArrayList<>();
            sources.forEach(s -> rows.add(List.of(s.name(), s.topic(), s.keyFormat(), s.valueFormat())));
            return ResultTable.ofStrings(List.of(kind, "Kafka Topic", "Key Format", "Value Format"), rows);
        }
    }

    /** A topic as SHOW TOPICS lists it. */
    record Topic(String name, int partitions) {
    }

    /** {@code kafka_topics}. */
    record TopicList(String statementText, JsonNode json, List<Topic> topics) implements Entity {
        @Override
        public ResultTable table() {
            List<List<Object>> rows = new ArrayList<>();
            topics.forEach(t -> rows.add(List.of(t.name(), t.partitions())));
            return new ResultTable(List.of("Kafka Topic", "Partitions"), List.of("STRING", "INTEGER"), rows);
        }
    }

    /** A function as SHOW FUNCTIONS lists it. */
    record Function(String name, String type, String category) {
    }

    /** {@code function_names}. */
    record FunctionList(String statementText, JsonNode json, List<Function> functions) implements Entity {
        @Override
        public ResultTable table() {
            List<List<Object>> rows = new ArrayList<>();
            functions.forEach(f -> rows.add(List.of(f.name(), f.type(), f.category())));
            return ResultTable.ofStrings(List.of("Function Name", "Type", "Category"), rows);
        }
    }

    /** A column of a stream or table; {@code key} for key columns. */
    record Column(String name, String type, boolean key) {
    }

    /** {@code sourceDescription}: DESCRIBE of a stream or table. */
    record SourceDescription(String statementText, JsonNode json, String name, String type, String topic,
            List<Column> columns) implements Entity {
        @Override
        public ResultTable table() {
            List<List<Object>> rows = new ArrayList<>();
            columns.forEach(c -> rows.add(List.of(c.name(), c.type() + (c.key() ? " (key)" : ""))));
            return ResultTable.ofStrings(List.of("Field", "Type"), rows);
        }
    }

    /** A running query as SHOW QUERIES lists it. */
    record Query(String id, String state, List<String> sinks, String queryString) {
    }

    /** {@code queries}. */
    record QueryList(String statementText, JsonNode json, List<Query> queries) implements Entity {
        @Override
        public ResultTable table() {
            List<List<Object>> rows = new ArrayList<>();
            queries.forEach(q -> rows.add(List.of(q.id(), q.state(), String.join(",", q.sinks()), q.queryString())));
            return ResultTable.ofStrings(List.of("Query ID", "Status", "Sink Name", "Query String"), rows);
        }
    }

    /** {@code properties}: SHOW PROPERTIES. */
    record PropertyList(String statementText, JsonNode json, Map<String, String> properties) implements Entity {
        @Override
        public ResultTable table() {
            List<List<Object>> rows = new ArrayList<>();
            properties.forEach((k, v) -> rows.add(List.of(k, v)));
            return ResultTable.ofStrings(List.of("Property", "Value"), rows);
        }
    }

    /**
     * Any other {@code @type}. Its table is the entity's one list of objects when it has exactly one
     * (one row per object, one column per field), else one row of its scalar fields.
     */
    record Other(String statementText, JsonNode json, String type) implements Entity {
        @Override
        public ResultTable table() {
            return GenericTables.of(json);
        }
    }
}
