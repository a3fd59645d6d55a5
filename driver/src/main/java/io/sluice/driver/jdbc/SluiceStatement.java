package io.sluice.driver.jdbc;

import io.sluice.driver.Entity;
import io.sluice.driver.QueryStream;
import io.sluice.driver.SluiceException;
import io.sluice.driver.SqlText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one statement at a time. SELECT (push or pull) gives a streaming result set; SHOW, LIST and
 * DESCRIBE give their listing as a result set; other statements give update count 0 (the API
 * reports no counts). A query timeout closes a push query's stream when it runs out, which ends
 * iteration normally, since a push query without LIMIT has no other end.
 */
final class SluiceStatement extends ForwardOnly implements Statement {

    private final SluiceConnection connection;
    private final ScheduledExecutorService timer;
    private SluiceResultSet current;
    private ScheduledFuture<?> timeout;
    private int updateCount = -1;
    private int maxRows;
    private int queryTimeoutSeconds;
    private boolean closed;
    private boolean closeOnCompletion;

    SluiceStatement(SluiceConnection connection, ScheduledExecutorService timer) {
        this.connection = connection;
        this.timer = timer;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        open();
        closeCurrent();
        try {
            if (SqlText.isQuery(sql)) {
                QueryStream stream = connection.client().query(sql, connection.properties());
                if (queryTimeoutSeconds > 0) {
                    timeout = timer.schedule(stream::close, queryTimeoutSeconds, TimeUnit.SECONDS);
                }
                current = new SluiceResultSet(this, RowCursor.of(stream), maxRows);
                return true;
            }
            List<Entity> entities = connection.client().execute(sql, connection.properties(), java.util.Map.of());
            Entity listing = entities.stream().filter(e -> !(e instanceof Entity.CommandStatus)).findFirst().orElse(null);
            if (listing != null) {
                current = new SluiceResultSet(this, RowCursor.of(listing.table()), maxRows);
                return true;
            }
            updateCount = 0;
            return false;
        } catch (SluiceException e) {
            throw SluiceConnection.sqlException(e);
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("the statement returned no rows: " + sql);
        }
        return current;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        if (SqlText.isQuery(sql)) {
            throw new SQLException("executeUpdate cannot run a query; use executeQuery: " + sql);
        }
        execute(sql);
        closeCurrent();
        updateCount = 0;
        return 0;
    }

    @Override
    public ResultSet getResultSet() {
        return current;
    }

    @Override
    public int getUpdateCount() {
        return current != null ? -1 : updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        closeCurrent();
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    /** Stops a running query from another thread; its result set then ends. */
    @Override
    public void cancel() {
        SluiceResultSet rs = current;
        if (rs != null) {
            rs.close();
        }
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closeCurrent();
            closed = true;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getMaxRows() {
        return maxRows;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        if (max < 0) {
            throw new SQLException("max rows must be >= 0: " + max);
        }
        maxRows = max;
    }

    @Override
    public int getQueryTimeout() {
        return queryTimeoutSeconds;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        if (seconds < 0) {
            throw new SQLException("query timeout must be >= 0: " + seconds);
        }
        queryTimeoutSeconds = seconds;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public void closeOnCompletion() {
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() {
        return closeOnCompletion;
    }

    @Override
    public int getMaxFieldSize() {
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) {
        // values are never cut
    }

    @Override
    public void setEscapeProcessing(boolean enable) {
        // ksqlDB SQL has no JDBC escapes; statements are sent as written
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw new SQLFeatureNotSupportedException("positioned updates: result sets are read-only");
    }

    @Override
    public int getResultSetConcurrency() {
        return ForwardOnly.CONCURRENCY;
    }

    @Override
    public int getResultSetType() {
        return ForwardOnly.TYPE;
    }

    @Override
    public int getResultSetHoldability() {
        return ForwardOnly.HOLDABILITY;
    }

    @Override
    public boolean isPoolable() {
        return false;
    }

    @Override
    public void setPoolable(boolean poolable) {
        // statements hold no server-side state worth pooling
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw new SQLFeatureNotSupportedException("batches: send statements separated by ';' to execute()");
    }

    @Override
    public void clearBatch() throws SQLException {
        throw new SQLFeatureNotSupportedException("batches");
    }

    @Override
    public int[] executeBatch() throws SQLException {
        throw new SQLFeatureNotSupportedException("batches");
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw new SQLFeatureNotSupportedException("generated keys: streams have no generated keys");
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    SQLException fetchDirectionRefused(int direction) {
        return new SQLFeatureNotSupportedException("result sets are forward-only");
    }

    private void open() throws SQLException {
        if (closed) {
            throw new SQLException("the statement is closed");
        }
    }

    private void closeCurrent() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        if (current != null) {
            current.close();
            current = null;
        }
        updateCount = -1;
    }
}
