package io.sluice.driver.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** Column names and ksqlDB types of a result; every column is nullable and read-only. */
final class SluiceResultSetMetaData implements ResultSetMetaData {

    private final List<String> names;
    private final List<String> types;

    SluiceResultSetMetaData(List<String> names, List<String> types) {
        this.names = names;
        this.types = types;
    }

    List<String> names() {
        return names;
    }

    /** The 0-based index of a column by name, ignoring case as ksqlDB's identifiers do; -1 if none. */
    int indexOf(String label) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    private String type(int column) throws SQLException {
        if (column < 1 || column > types.size()) {
            throw new SQLException("column " + column + " is out of 1.." + types.size());
        }
        return types.get(column - 1);
    }

    @Override
    public int getColumnCount() {
        return names.size();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        type(column);
        return names.get(column - 1);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return getColumnLabel(column);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return SqlTypes.jdbcType(type(column));
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return type(column);
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return SqlTypes.javaClass(type(column));
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        String t = type(column);
        int open = t.indexOf('(');
        return open < 0 ? 0 : Integer.parseInt(t.substring(open + 1, t.indexOf(',', open) < 0 ? t.indexOf(')') : t.indexOf(',')).trim());
    }

    @Override
    public int getScale(int column) throws SQLException {
        String t = type(column);
        int comma = t.indexOf(',');
        return t.startsWith("DECIMAL") && comma > 0 ? Integer.parseInt(t.substring(comma + 1, t.indexOf(')')).trim()) : 0;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        type(column);
        return 40;
    }

    @Override
    public boolean isAutoIncrement(int column) {
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return SqlTypes.base(type(column)).equals("STRING");
    }

    @Override
    public boolean isSearchable(int column) {
        return true;
    }

    @Override
    public boolean isCurrency(int column) {
        return false;
    }

    @Override
    public int isNullable(int column) {
        return columnNullable;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return switch (SqlTypes.base(type(column))) {
            case "INT", "INTEGER", "BIGINT", "DOUBLE", "DECIMAL" -> true;
            default -> false;
        };
    }

    @Override
    public String getSchemaName(int column) {
        return "";
    }

    @Override
    public String getTableName(int column) {
        return "";
    }

    @Override
    public String getCatalogName(int column) {
        return "";
    }

    @Override
    public boolean isReadOnly(int column) {
        return true;
    }

    @Override
    public boolean isWritable(int column) {
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(iface, this);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return Wrappers.isWrapperFor(iface, this);
    }
}
