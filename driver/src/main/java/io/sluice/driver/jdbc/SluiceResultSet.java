package io.sluice.driver.jdbc;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only result set over a {@link RowCursor}. Values arrive as JSON; the getters
 * convert them the way ksqlDB's JSON spells its types (DECIMAL as number, TIMESTAMP as ISO text or
 * epoch milliseconds, BYTES as base64).
 */
final class SluiceResultSet extends ReadOnlyResultSet {

    private final Statement statement;
    private final RowCursor cursor;
    private final SluiceResultSetMetaData metaData;
    private final int maxRows;
    private List<Object> row;
    private int rowNumber;
    private boolean wasNull;
    private boolean closed;
    private boolean afterLast;

    SluiceResultSet(Statement statement, RowCursor cursor, int maxRows) {
        this.statement = statement;
        this.cursor = cursor;
        this.maxRows = maxRows;
        this.metaData = new SluiceResultSetMetaData(cursor.columns(), cursor.types());
    }

    @Override
    public boolean next() throws SQLException {
        open();
        if (afterLast || (maxRows > 0 && rowNumber >= maxRows)) {
            row = null;
            afterLast = true;
            return false;
        }
        try {
            row = cursor.next();
        } catch (RuntimeException e) {
            throw new SQLException(e.getMessage(), e);
        }
        if (row == null) {
            afterLast = true;
            return false;
        }
        rowNumber++;
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cursor.close();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public ResultSetMetaData getMetaData() {
        return metaData;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        int i = metaData.indexOf(label);
        if (i < 0) {
            throw new SQLException("no column " + label + " in " + metaData.names());
        }
        return i + 1;
    }

    @Override
    public Object getObject(int column) throws SQLException {
        open();
        if (row == null) {
            throw new SQLException("no current row: call next() first");
        }
        if (column < 1 || column > row.size()) {
            throw new SQLException("column " + column + " is out of 1.." + row.size());
        }
        Object v = row.get(column - 1);
        wasNull = v == null;
        return v;
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        Object v = getObject(column);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        Object converted = switch (type.getSimpleName()) {
            case "String" -> getString(column);
            case "Integer" -> getInt(column);
            case "Long" -> getLong(column);
            case "Double" -> getDouble(column);
            case "BigDecimal" -> getBigDecimal(column);
            case "Boolean" -> getBoolean(column);
            case "LocalDate" -> getDate(column).toLocalDate();
            case "LocalTime" -> getTime(column).toLocalTime();
            case "LocalDateTime" -> getTimestamp(column).toLocalDateTime();
            default -> throw new SQLException("cannot convert " + v.getClass().getSimpleName() + " to " + type.getName());
        };
        return type.cast(converted);
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        return getObject(column);
    }

    @Override
    public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
        return getObject(label);
    }

    @Override
    public String getString(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? null : v instanceof String s ? s : v.toString();
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        Object v = getObject(column);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString().toLowerCase(Locale.ROOT));
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return (byte) getLong(column);
    }

    @Override
    public short getShort(int column) throws SQLException {
        return (short) getLong(column);
    }

    @Override
    public int getInt(int column) throws SQLException {
        return (int) getLong(column);
    }

    @Override
    public long getLong(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? 0 : v instanceof Number n ? n.longValue() : parse(v, () -> Long.parseLong(v.toString()));
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return (float) getDouble(column);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? 0 : v instanceof Number n ? n.doubleValue() : parse(v, () -> Double.parseDouble(v.toString()));
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? null : v instanceof BigDecimal d ? d : parse(v, () -> new BigDecimal(v.toString()));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : parse(s, () -> Base64.getDecoder().decode(s));
    }

    @Override
    public Date getDate(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? null : v instanceof Number n ? Date.valueOf(LocalDate.ofEpochDay(n.longValue()))
                : parse(v, () -> Date.valueOf(LocalDate.parse(v.toString())));
    }

    @Override
    public Time getTime(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? null : v instanceof Number n ? new Time(n.longValue())
                : parse(v, () -> Time.valueOf(LocalTime.parse(v.toString())));
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        Object v = getObject(column);
        return v == null ? null : v instanceof Number n ? new Timestamp(n.longValue())
                : parse(v, () -> Timestamp.valueOf(LocalDateTime.parse(v.toString().replace(' ', 'T'))));
    }

    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        return getDate(column);
    }

    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        return getTime(column);
    }

    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        return getTimestamp(column);
    }

    @Override
    public Array getArray(int column) throws SQLException {
        Object v = getObject(column);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new SQLException("column " + column + " is not an array: " + v);
        }
        String type = metaData.getColumnTypeName(column);
        int lt = type.indexOf('<');
        return new ListArray(lt < 0 ? "STRING" : type.substring(lt + 1, type.lastIndexOf('>')), list);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    // the by-label getters delegate to the by-index ones

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
        return getBigDecimal(findColumn(label), scale);
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    @Override
    public boolean isBeforeFirst() {
        return rowNumber == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() {
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() {
        return rowNumber == 1 && row != null;
    }

    @Override
    public boolean isLast() throws SQLException {
        throw refused("isLast (a stream does not know its last row in advance)");
    }

    @Override
    public int getRow() {
        return row == null ? 0 : rowNumber;
    }

    @Override
    public int getType() {
        return ForwardOnly.TYPE;
    }

    @Override
    public int getConcurrency() {
        return ForwardOnly.CONCURRENCY;
    }

    @Override
    public int getHoldability() {
        return ForwardOnly.HOLDABILITY;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    private void open() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed");
        }
    }

    private interface Conversion<T> {
        T get();
    }

    private static <T> T parse(Object v, Conversion<T> conversion) throws SQLException {
        try {
            return conversion.get();
        } catch (RuntimeException e) {
            throw new SQLException("cannot convert '" + v + "': " + e.getMessage(), e);
        }
    }
}
