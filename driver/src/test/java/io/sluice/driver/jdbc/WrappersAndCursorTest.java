package io.sluice.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.ResultTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrappersAndCursorTest {

    @Test
    void unwrapPrefersTheObjectThenItsDelegatesInOrder() throws Exception {
        Object self = "self";
        List<String> delegate = List.of("d");
        assertSame(self, Wrappers.unwrap(CharSequence.class, self, delegate));
        assertSame(delegate, Wrappers.unwrap(List.class, self, delegate));
        assertTrue(Wrappers.isWrapperFor(List.class, self, delegate));
        assertFalse(Wrappers.isWrapperFor(Runnable.class, self, delegate));
        SQLException e = assertThrows(SQLException.class, () -> Wrappers.unwrap(Runnable.class, self, delegate));
        assertEquals("not a wrapper of java.lang.Runnable", e.getMessage());
    }

    @Test
    void resultSetsAreForwardOnlyAndReadOnly() throws Exception {
        ResultSet rs = new SluiceResultSet(null, RowCursor.of(ResultTable.ofStrings(List.of("X"), List.of())), 0);
        assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
        assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
        assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, rs.getHoldability());
        assertEquals(ResultSet.FETCH_FORWARD, rs.getFetchDirection());
        assertEquals(0, rs.getFetchSize());
        rs.setFetchDirection(ResultSet.FETCH_FORWARD);
        SQLException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> rs.setFetchDirection(ResultSet.FETCH_REVERSE));
        assertEquals("setFetchDirection(1001): Sluice result sets are forward-only and read-only", e.getMessage());
        assertSame(rs, rs.unwrap(ResultSet.class));
        assertTrue(rs.getMetaData().isWrapperFor(java.sql.ResultSetMetaData.class));
    }

    @Test
    void statementsRefuseOtherFetchDirectionsInTheirOwnWords() throws Exception {
        java.sql.Statement st = new SluiceStatement(null, null);
        assertEquals(ResultSet.FETCH_FORWARD, st.getFetchDirection());
        assertEquals(ResultSet.TYPE_FORWARD_ONLY, st.getResultSetType());
        assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, st.getResultSetHoldability());
        st.setFetchDirection(ResultSet.FETCH_FORWARD);
        SQLException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> st.setFetchDirection(ResultSet.FETCH_UNKNOWN));
        assertEquals("result sets are forward-only", e.getMessage());
        assertSame(st, st.unwrap(SluiceStatement.class));
        assertFalse(st.isWrapperFor(ResultSet.class));
        st.clearWarnings();
        assertEquals(null, st.getWarnings());
    }
}
