package io.sluice.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.ResultTable;
import java.math.BigDecimal;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcResultSetTest {

    @Test
    void resultSetConvertsJsonValuesAndDescribesColumns() throws Exception {
        ResultTable table = new ResultTable(List.of("ID", "AMOUNT", "AT", "TAGS"),
                List.of("STRING", "DECIMAL(10, 2)", "TIMESTAMP", "ARRAY<INTEGER>"),
                List.of(Arrays.asList("a", new BigDecimal("12.50"), "2024-05-01T10:00:00.000", List.of(1, 2)),
                        Arrays.asList("b", null, null, null)));
        ResultSet rs = new SluiceResultSet(null, RowCursor.of(table), 0);
        assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(2));
        assertEquals(10, rs.getMetaData().getPrecision(2));
        assertEquals(2, rs.getMetaData().getScale(2));
        assertTrue(rs.next());
        assertEquals("a", rs.getString("id"));
        assertEquals(12.5, rs.getDouble(2));
        assertEquals(java.sql.Timestamp.valueOf("2024-05-01 10:00:00"), rs.getTimestamp("AT"));
        assertEquals(List.of(1, 2), Arrays.asList((Object[]) rs.getArray(4).getArray()));
        assertTrue(rs.next());
        assertNull(rs.getBigDecimal(2));
        assertTrue(rs.wasNull());
        assertEquals(0, rs.getInt(2));
        assertFalse(rs.next());
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 3));
    }

    @Test
    void maxRowsCutsTheResult() throws Exception {
        ResultTable table = ResultTable.ofStrings(List.of("X"), List.of(List.of("1"), List.of("2"), List.of("3")));
        ResultSet rs = new SluiceResultSet(null, RowCursor.of(table), 2);
        assertTrue(rs.next());
        assertTrue(rs.next());
        assertFalse(rs.next());
    }

    @Test
    void theDriverIsRegisteredForSluiceUrls() throws Exception {
        Driver d = DriverManager.getDriver("jdbc:sluice://127.0.0.1:8088");
        assertInstanceOf(SluiceDriver.class, d);
        assertFalse(d.acceptsURL("jdbc:postgresql://x"));
    }
}
