package io.sluice.driver.jdbc;

import io.sluice.driver.SluiceClient;
import io.sluice.driver.SluiceException;
import io.sluice.driver.StatementException;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A JDBC connection: a {@link SluiceClient} plus the properties sent with every statement (from
 * the URL's query string and the {@code connect} properties). Always in auto-commit mode: every
 * statement takes effect on its own, as in ksqlDB.
 */
final class SluiceConnection implements Connection {

    private final SluiceClient client;
    private final Map<String, String> properties;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-jdbc-timeout");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    SluiceConnection(SluiceClient client, Map<String, String> properties) {
        this.client = client;
        this.properties = Map.copyOf(properties);
    }

    SluiceClient client() {
        return client;
    }

    Map<String, String> properties() {
        return properties;
    }

    /** A driver error as JDBC's: refused statements become syntax errors with the position in the message. */
    static SQLException sqlException(SluiceException e) {
        if (e instanceof StatementException se) {
            return new SQLSyntaxErrorException(se.getMessage(), "42000", se.errorCode(), se);
        }
        return new SQLException(e.getMessage(), "08000", e);
    }

    @Override
    public Statement createStatement() throws SQLException {
        if (closed) {
            throw new SQLException("the connection is closed");
        }
        return new SluiceStatement(this, timer);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return createStatement(type, concurrency, ForwardOnly.HOLDABILITY);
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        if (!ForwardOnly.serves(type, concurrency)) {
            throw new SQLFeatureNotSupportedException("only forward-only, read-only result sets");
        }
        return createStatement();
    }

    @Override
    public boolean isValid(int timeoutSeconds) {
        return !closed && client.healthy();
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        client.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void abort(Executor executor) {
        close();
    }

    @Override
    public boolean getAutoCommit() {
        return true;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        if (!autoCommit) {
            throw new SQLFeatureNotSupportedException("transactions: every statement commits on its own");
        }
    }

    @Override
    public void commit() throws SQLException {
        throw new SQLException("commit in auto-commit mode");
    }

    @Override
    public void rollback() throws SQLException {
        throw new SQLException("rollback in auto-commit mode");
    }

    @Override
    public int getTransactionIsolation() {
        return TRANSACTION_NONE;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        if (level != TRANSACTION_NONE) {
            throw new SQLFeatureNotSupportedException("transactions");
        }
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        // a hint JDBC lets drivers ignore
    }

    @Override
    public String nativeSQL(String sql) {
        return sql;
    }

    @Override
    public String getCatalog() {
        return null;
    }

    @Override
    public void setCatalog(String catalog) {
        // ksqlDB has no catalogs; JDBC says to ignore
    }

    @Override
    public String getSchema() {
        return null;
    }

    @Override
    public void setSchema(String schema) {
        // ksqlDB has no schemas; JDBC says to ignore
    }

    @Override
    public int getHoldability() {
        return ForwardOnly.HOLDABILITY;
    }

    @Override
    public void setHoldability(int holdability) {
        // there are no commits for cursors to outlive
    }

    @Override
    public Map<String, Class<?>> getTypeMap() {
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) {
        // no user-defined types to map
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {
        // no warnings are kept
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        throw new SQLClientInfoException("no client info properties", Map.of());
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        throw new SQLClientInfoException("no client info properties", Map.of());
    }

    @Override
    public String getClientInfo(String name) {
        return null;
    }

    @Override
    public Properties getClientInfo() {
        return new Properties();
    }

    @Override
    public int getNetworkTimeout() {
        return 0;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("network timeouts: use Statement.setQueryTimeout");
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        throw new SQLFeatureNotSupportedException("database metadata: run SHOW STREAMS, SHOW TABLES or DESCRIBE");
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        throw new SQLFeatureNotSupportedException("prepared statements: use Statement with DEFINE variables");
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int a, int b) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int a, int b, int c) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int keys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columns) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columns) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw new SQLFeatureNotSupportedException("stored procedures");
    }

    @Override
    public CallableStatement prepareCall(String sql, int a, int b) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int a, int b, int c) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw new SQLFeatureNotSupportedException("transactions");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return setSavepoint();
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        setSavepoint();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        setSavepoint();
    }

    @Override
    public Clob createClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("LOBs");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw new SQLFeatureNotSupportedException("LOBs");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("LOBs");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLXML");
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) {
        return new ListArray(typeName, java.util.List.of(elements));
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw new SQLFeatureNotSupportedException("Struct values: pass STRUCT literals in the SQL text");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(iface, this, client);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return Wrappers.isWrapperFor(iface, this, client);
    }
}
