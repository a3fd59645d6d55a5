package io.sluice.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The ksqlDB dialect's keywords, for completion and highlighting, and the shell's own commands. */
final class Keywords {

    private Keywords() {
    }

    static final List<String> SQL = List.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "EMIT", "CHANGES",
            "FINAL", "LIMIT", "AS", "AND", "OR", "NOT", "NULL", "IS", "IN", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN",
            "ELSE", "END", "CAST", "JOIN", "LEFT", "RIGHT", "FULL", "OUTER", "INNER", "ON", "WITHIN", "WINDOW",
            "TUMBLING", "HOPPING", "SESSION", "SIZE", "ADVANCE", "GRACE", "PERIOD", "RETENTION", "PARTITION",
            "CREATE", "OR", "REPLACE", "STREAM", "TABLE", "STREAMS", "TABLES", "TOPIC", "TOPICS", "QUERIES", "QUERY",
            "FUNCTIONS", "FUNCTION", "PROPERTIES", "VARIABLES", "TYPES", "WITH", "DROP", "DELETE", "IF", "EXISTS",
            "INSERT", "INTO", "VALUES", "SHOW", "LIST", "DESCRIBE", "EXTENDED", "EXPLAIN", "TERMINATE", "ALL", "PRINT",
            "PRIMARY", "KEY", "HEADERS", "HEADER", "ALTER", "ADD", "COLUMN", "TRUE", "FALSE", "DISTINCT",
            "BOOLEAN", "INT", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "STRING", "VARCHAR", "BYTES", "DATE", "TIME",
            "TIMESTAMP", "ARRAY", "MAP", "STRUCT", "SECONDS", "MINUTES", "HOURS", "DAYS", "MILLISECONDS",
            "SET", "UNSET", "DEFINE", "UNDEFINE", "OUTPUT", "RUN", "SCRIPT", "JSON", "TABULAR", "CSV",
            "KAFKA_TOPIC", "VALUE_FORMAT", "KEY_FORMAT", "FORMAT", "PARTITIONS", "REPLICAS", "TIMESTAMP_FORMAT",
            "WRAP_SINGLE_VALUE");

    private static final Set<String> UPPER = new TreeSet<>(SQL);

    static boolean isKeyword(String word) {
        return UPPER.contains(word.toUpperCase(Locale.ROOT));
    }

    static final List<String> COMMANDS = List.of("help", "history", "server", "version", "exit", "clear");
}
