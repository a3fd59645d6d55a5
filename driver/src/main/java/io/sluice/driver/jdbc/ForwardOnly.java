package io.sluice.driver.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * The one kind of cursor Sluice serves: results stream from the server once, in order, and cannot
 * be changed. Connections, statements and result sets all report these values, so they are kept
 * here to stay in agreement. Holdability is "over commit" because every statement commits on its
 * own: there is no commit for a cursor to be closed by.
 *
 * <p>As a base class it is the part that {@link java.sql.Statement} and {@link ResultSet} declare
 * alike (fetch direction and size, warnings, {@link java.sql.Wrapper}), for the statement and the
 * result set.
 */
abstract class ForwardOnly {

    static final int TYPE = ResultSet.TYPE_FORWARD_ONLY;
    static final int CONCURRENCY = ResultSet.CONCUR_READ_ONLY;
    static final int HOLDABILITY = ResultSet.HOLD_CURSORS_OVER_COMMIT;

    /** Whether a statement may be asked for result sets of this type and concurrency. */
    static boolean serves(int type, int concurrency) {
        return type == TYPE && concurrency == CONCURRENCY;
    }

    /** The exception {@link #setFetchDirection} throws for any direction but forward, worded by the subclass. */
    abstract SQLException fetchDirectionRefused(int direction);

    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw fetchDirectionRefused(direction);
        }
    }

    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    /** Ignored: rows arrive as the server sends them; there is nothing to batch. */
    public void setFetchSize(int rows) {
    }

    /** 0, JDBC's "no hint". */
    public int getFetchSize() {
        return 0;
    }

    /** Always null: the server sends no warnings, with statements or with rows. */
    public SQLWarning getWarnings() {
        return null;
    }

    /** Nothing to clear: no warnings are kept. */
    public void clearWarnings() {
    }

    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(iface, this);
    }

    public boolean isWrapperFor(Class<?> iface) {
        return Wrappers.isWrapperFor(iface, this);
    }
}
