package io.sluice.driver.jdbc;

import io.sluice.driver.ResultTable;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ksqlDB ARRAY value as {@link Array}; its result set has JDBC's INDEX and VALUE columns. */
final class ListArray implements Array {

    private final String elementType;
    private final List<?> values;

    ListArray(String elementType, List<?> values) {
        this.elementType = elementType;
        this.values = values;
    }

    @Override
    public String getBaseTypeName() {
        return elementType;
    }

    @Override
    public int getBaseType() {
        return SqlTypes.jdbcType(elementType);
    }

    @Override
    public Object getArray() {
        return values.toArray();
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return slice(index, count).toArray();
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return getResultSet(1, values.size());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        List<?> slice = slice(index, count);
        for (int i = 0; i < slice.size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(index + i);
            row.add(slice.get(i));
            rows.add(row);
        }
        ResultTable table = new ResultTable(List.of("INDEX", "VALUE"), List.of("BIGINT", elementType), rows);
        return new SluiceResultSet(null, RowCursor.of(table), 0);
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getResultSet(index, count);
    }

    @Override
    public void free() {
        // holds no resources
    }

    private List<?> slice(long index, int count) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > values.size()) {
            throw new SQLException("elements " + index + ".." + (index - 1 + count) + " are out of 1.." + values.size());
        }
        return values.subList((int) index - 1, (int) index - 1 + count);
    }
}
