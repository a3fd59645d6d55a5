package io.sluice.driver.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Array;
import java.net.URL;

/**
 * The part of {@link ResultSet} that a forward-only, read-only result set refuses: updates,
 * scrolling, and LOB/stream accessors. JDBC's contract for such result sets is
 * {@link SQLFeatureNotSupportedException}, which is what tools test for.
 */
abstract class ReadOnlyResultSet extends ForwardOnly implements ResultSet {

    static SQLException refused(String method) {
        return new SQLFeatureNotSupportedException(method + ": Sluice result sets are forward-only and read-only");
    }

    @Override
    SQLException fetchDirectionRefused(int direction) {
        return refused("setFetchDirection(" + direction + ")");
    }

    @Override public boolean absolute(int a0) throws SQLException { throw refused("absolute"); }
    @Override public void afterLast() throws SQLException { throw refused("afterLast"); }
    @Override public void beforeFirst() throws SQLException { throw refused("beforeFirst"); }
    @Override public void cancelRowUpdates() throws SQLException { throw refused("cancelRowUpdates"); }
    @Override public void deleteRow() throws SQLException { throw refused("deleteRow"); }
    @Override public boolean first() throws SQLException { throw refused("first"); }
    @Override public InputStream getAsciiStream(String a0) throws SQLException { throw refused("getAsciiStream"); }
    @Override public InputStream getAsciiStream(int a0) throws SQLException { throw refused("getAsciiStream"); }
    @Override public InputStream getBinaryStream(String a0) throws SQLException { throw refused("getBinaryStream"); }
    @Override public InputStream getBinaryStream(int a0) throws SQLException { throw refused("getBinaryStream"); }
    @Override public Blob getBlob(String a0) throws SQLException { throw refused("getBlob"); }
    @Override public Blob getBlob(int a0) throws SQLException { throw refused("getBlob"); }
    @Override public Reader getCharacterStream(String a0) throws SQLException { throw refused("getCharacterStream"); }
    @Override public Reader getCharacterStream(int a0) throws SQLException { throw refused("getCharacterStream"); }
    @Override public Clob getClob(String a0) throws SQLException { throw refused("getClob"); }
    @Override public Clob getClob(int a0) throws SQLException { throw refused("getClob"); }
    @Override public String getCursorName() throws SQLException { throw refused("getCursorName"); }
    @Override public Reader getNCharacterStream(String a0) throws SQLException { throw refused("getNCharacterStream"); }
    @Override public Reader getNCharacterStream(int a0) throws SQLException { throw refused("getNCharacterStream"); }
    @Override public NClob getNClob(String a0) throws SQLException { throw refused("getNClob"); }
    @Override public NClob getNClob(int a0) throws SQLException { throw refused("getNClob"); }
    @Override public Ref getRef(String a0) throws SQLException { throw refused("getRef"); }
    @Override public Ref getRef(int a0) throws SQLException { throw refused("getRef"); }
    @Override public RowId getRowId(String a0) throws SQLException { throw refused("getRowId"); }
    @Override public RowId getRowId(int a0) throws SQLException { throw refused("getRowId"); }
    @Override public SQLXML getSQLXML(String a0) throws SQLException { throw refused("getSQLXML"); }
    @Override public SQLXML getSQLXML(int a0) throws SQLException { throw refused("getSQLXML"); }
    @Override public URL getURL(String a0) throws SQLException { throw refused("getURL"); }
    @Override public URL getURL(int a0) throws SQLException { throw refused("getURL"); }
    @Override @Deprecated public InputStream getUnicodeStream(String a0) throws SQLException { throw refused("getUnicodeStream"); }
    @Override @Deprecated public InputStream getUnicodeStream(int a0) throws SQLException { throw refused("getUnicodeStream"); }
    @Override public void insertRow() throws SQLException { throw refused("insertRow"); }
    @Override public boolean last() throws SQLException { throw refused("last"); }
    @Override public void moveToCurrentRow() throws SQLException { throw refused("moveToCurrentRow"); }
    @Override public void moveToInsertRow() throws SQLException { throw refused("moveToInsertRow"); }
    @Override public boolean previous() throws SQLException { throw refused("previous"); }
    @Override public void refreshRow() throws SQLException { throw refused("refreshRow"); }
    @Override public boolean relative(int a0) throws SQLException { throw refused("relative"); }
    @Override public boolean rowDeleted() throws SQLException { throw refused("rowDeleted"); }
    @Override public boolean rowInserted() throws SQLException { throw refused("rowInserted"); }
    @Override public boolean rowUpdated() throws SQLException { throw refused("rowUpdated"); }
    @Override public void updateArray(String a0, Array a1) throws SQLException { throw refused("updateArray"); }
    @Override public void updateArray(int a0, Array a1) throws SQLException { throw refused("updateArray"); }
    @Override public void updateAsciiStream(String a0, InputStream a1, int a2) throws SQLException { throw refused("updateAsciiStream"); }
    @Override public void updateAsciiStream(String a0, InputStream a1, long a2) throws SQLException { throw refused("updateAsciiStream"); }
    @Override public void updateAsciiStream(String a0, InputStream a1) throws SQLException { throw refused("updateAsciiStream"); }
    @Override public void updateAsciiStream(int a0, InputStream a1, int a2) throws SQLException { throw refused("updateAsciiStream"); }
    @Override public void updateAsciiStream(int a0, InputStream a1, long a2) throws SQLException { throw refused("updateAsciiStream"); }
    @Override public void updateAsciiStream(int a0, InputStream a1) throws SQLException { throw refused("updateAsciiStream"); }
    @Override public void updateBigDecimal(String a0, BigDecimal a1) throws SQLException { throw refused("updateBigDecimal"); }
    @Override public void updateBigDecimal(int a0, BigDecimal a1) throws SQLException { throw refused("updateBigDecimal"); }
    @Override public void updateBinaryStream(String a0, InputStream a1, int a2) throws SQLException { throw refused("updateBinaryStream"); }
    @Override public void updateBinaryStream(String a0, InputStream a1, long a2) throws SQLException { throw refused("updateBinaryStream"); }
    @Override public void updateBinaryStream(String a0, InputStream a1) throws SQLException { throw refused("updateBinaryStream"); }
    @Override public void updateBinaryStream(int a0, InputStream a1, int a2) throws SQLException { throw refused("updateBinaryStream"); }
    @Override public void updateBinaryStream(int a0, InputStream a1, long a2) throws SQLException { throw refused("updateBinaryStream"); }
    @Override public void updateBinaryStream(int a0, InputStream a1) throws SQLException { throw refused("updateBinaryStream"); }
    @Override public void updateBlob(String a0, InputStream a1, long a2) throws SQLException { throw refused("updateBlob"); }
    @Override public void updateBlob(String a0, InputStream a1) throws SQLException { throw refused("updateBlob"); }
    @Override public void updateBlob(String a0, Blob a1) throws SQLException { throw refused("updateBlob"); }
    @Override public void updateBlob(int a0, InputStream a1, long a2) throws SQLException { throw refused("updateBlob"); }
    @Override public void updateBlob(int a0, InputStream a1) throws SQLException { throw refused("updateBlob"); }
    @Override public void updateBlob(int a0, Blob a1) throws SQLException { throw refused("updateBlob"); }
    @Override public void updateBoolean(String a0, boolean a1) throws SQLException { throw refused("updateBoolean"); }
    @Override public void updateBoolean(int a0, boolean a1) throws SQLException { throw refused("updateBoolean"); }
    @Override public void updateByte(String a0, byte a1) throws SQLException { throw refused("updateByte"); }
    @Override public void updateByte(int a0, byte a1) throws SQLException { throw refused("updateByte"); }
    @Override public void updateBytes(String a0, byte[] a1) throws SQLException { throw refused("updateBytes"); }
    @Override public void updateBytes(int a0, byte[] a1) throws SQLException { throw refused("updateBytes"); }
    @Override public void updateCharacterStream(String a0, Reader a1, int a2) throws SQLException { throw refused("updateCharacterStream"); }
    @Override public void updateCharacterStream(String a0, Reader a1, long a2) throws SQLException { throw refused("updateCharacterStream"); }
    @Override public void updateCharacterStream(String a0, Reader a1) throws SQLException { throw refused("updateCharacterStream"); }
    @Override public void updateCharacterStream(int a0, Reader a1, int a2) throws SQLException { throw refused("updateCharacterStream"); }
    @Override public void updateCharacterStream(int a0, Reader a1, long a2) throws SQLException { throw refused("updateCharacterStream"); }
    @Override public void updateCharacterStream(int a0, Reader a1) throws SQLException { throw refused("updateCharacterStream"); }
    @Override public void updateClob(String a0, Reader a1, long a2) throws SQLException { throw refused("updateClob"); }
    @Override public void updateClob(String a0, Reader a1) throws SQLException { throw refused("updateClob"); }
    @Override public void updateClob(String a0, Clob a1) throws SQLException { throw refused("updateClob"); }
    @Override public void updateClob(int a0, Reader a1, long a2) throws SQLException { throw refused("updateClob"); }
    @Override public void updateClob(int a0, Reader a1) throws SQLException { throw refused("updateClob"); }
    @Override public void updateClob(int a0, Clob a1) throws SQLException { throw refused("updateClob"); }
    @Override public void updateDate(String a0, Date a1) throws SQLException { throw refused("updateDate"); }
    @Override public void updateDate(int a0, Date a1) throws SQLException { throw refused("updateDate"); }
    @Override public void updateDouble(String a0, double a1) throws SQLException { throw refused("updateDouble"); }
    @Override public void updateDouble(int a0, double a1) throws SQLException { throw refused("updateDouble"); }
    @Override public void updateFloat(String a0, float a1) throws SQLException { throw refused("updateFloat"); }
    @Override public void updateFloat(int a0, float a1) throws SQLException { throw refused("updateFloat"); }
    @Override public void updateInt(String a0, int a1) throws SQLException { throw refused("updateInt"); }
    @Override public void updateInt(int a0, int a1) throws SQLException { throw refused("updateInt"); }
    @Override public void updateLong(String a0, long a1) throws SQLException { throw refused("updateLong"); }
    @Override public void updateLong(int a0, long a1) throws SQLException { throw refused("updateLong"); }
    @Override public void updateNCharacterStream(String a0, Reader a1, long a2) throws SQLException { throw refused("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(String a0, Reader a1) throws SQLException { throw refused("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(int a0, Reader a1, long a2) throws SQLException { throw refused("updateNCharacterStream"); }
    @Override public void updateNCharacterStream(int a0, Reader a1) throws SQLException { throw refused("updateNCharacterStream"); }
    @Override public void updateNClob(String a0, Reader a1, long a2) throws SQLException { throw refused("updateNClob"); }
    @Override public void updateNClob(String a0, Reader a1) throws SQLException { throw refused("updateNClob"); }
    @Override public void updateNClob(String a0, NClob a1) throws SQLException { throw refused("updateNClob"); }
    @Override public void updateNClob(int a0, Reader a1, long a2) throws SQLException { throw refused("updateNClob"); }
    @Override public void updateNClob(int a0, Reader a1) throws SQLException { throw refused("updateNClob"); }
    @Override public void updateNClob(int a0, NClob a1) throws SQLException { throw refused("updateNClob"); }
    @Override public void updateNString(String a0, String a1) throws SQLException { throw refused("updateNString"); }
    @Override public void updateNString(int a0, String a1) throws SQLException { throw refused("updateNString"); }
    @Override public void updateNull(String a0) throws SQLException { throw refused("updateNull"); }
    @Override public void updateNull(int a0) throws SQLException { throw refused("updateNull"); }
    @Override public void updateObject(String a0, Object a1, int a2) throws SQLException { throw refused("updateObject"); }
    @Override public void updateObject(String a0, Object a1) throws SQLException { throw refused("updateObject"); }
    @Override public void updateObject(int a0, Object a1, int a2) throws SQLException { throw refused("updateObject"); }
    @Override public void updateObject(int a0, Object a1) throws SQLException { throw refused("updateObject"); }
    @Override public void updateRef(String a0, Ref a1) throws SQLException { throw refused("updateRef"); }
    @Override public void updateRef(int a0, Ref a1) throws SQLException { throw refused("updateRef"); }
    @Override public void updateRow() throws SQLException { throw refused("updateRow"); }
    @Override public void updateRowId(String a0, RowId a1) throws SQLException { throw refused("updateRowId"); }
    @Override public void updateRowId(int a0, RowId a1) throws SQLException { throw refused("updateRowId"); }
    @Override public void updateSQLXML(String a0, SQLXML a1) throws SQLException { throw refused("updateSQLXML"); }
    @Override public void updateSQLXML(int a0, SQLXML a1) throws SQLException { throw refused("updateSQLXML"); }
    @Override public void updateShort(String a0, short a1) throws SQLException { throw refused("updateShort"); }
    @Override public void updateShort(int a0, short a1) throws SQLException { throw refused("updateShort"); }
    @Override public void updateString(String a0, String a1) throws SQLException { throw refused("updateString"); }
    @Override public void updateString(int a0, String a1) throws SQLException { throw refused("updateString"); }
    @Override public void updateTime(String a0, Time a1) throws SQLException { throw refused("updateTime"); }
    @Override public void updateTime(int a0, Time a1) throws SQLException { throw refused("updateTime"); }
    @Override public void updateTimestamp(String a0, Timestamp a1) throws SQLException { throw refused("updateTimestamp"); }
    @Override public void updateTimestamp(int a0, Timestamp a1) throws SQLException { throw refused("updateTimestamp"); }
}
