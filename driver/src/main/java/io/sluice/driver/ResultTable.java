package io.sluice.driver;

import java.util.List;

/**
 * Any result as columns and rows: the shape the shell renders and JDBC result sets expose.
 *
 * @param columns column names
 * @param types SQL type names of the columns in ksqlDB's spelling (STRING, BIGINT, ...)
 * @param rows each row holds one value per column: String, Integer, Long, Double, BigDecimal,
 *     Boolean, List, Map or null
 */
public record ResultTable(List<String> columns, List<String> types, List<List<Object>> rows) {

    public ResultTable {
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException("columns and types differ in length");
        }
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }

    /** A table whose columns are all strings. */
    public static ResultTable ofStrings(List<String> columns, List<List<Object>> rows) {
        return new ResultTable(columns, columns.stream().map(c -> "STRING").toList(), rows);
    }
}
