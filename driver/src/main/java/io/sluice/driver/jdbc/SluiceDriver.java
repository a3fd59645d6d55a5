package io.sluice.driver.jdbc;

import io.sluice.driver.SluiceClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * JDBC driver for {@code jdbc:sluice://host:port[?property=value&...]}. The query-string
 * properties and the {@code connect} properties (which win) are sent with every statement, e.g.
 * {@code auto.offset.reset=earliest}. Connecting checks that the server answers.
 */
public final class SluiceDriver implements Driver {

    public static final String PREFIX = "jdbc:sluice://";

    static {
        try {
            DriverManager.registerDriver(new SluiceDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String rest = url.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String hostPort = q < 0 ? rest : rest.substring(0, q);
        if (hostPort.isEmpty() || hostPort.contains("/")) {
            throw new SQLException("expected jdbc:sluice://host:port, got " + url);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    properties.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        if (info != null) {
            info.stringPropertyNames().forEach(k -> properties.put(k, info.getProperty(k)));
        }
        SluiceClient client = SluiceClient.connect("http://" + hostPort);
        if (!client.healthy()) {
            throw new SQLException("no Sluice server answers at http://" + hostPort, "08001");
        }
        return new SluiceConnection(client, properties);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        DriverPropertyInfo offset = new DriverPropertyInfo("auto.offset.reset",
                info == null ? null : info.getProperty("auto.offset.reset"));
        offset.description = "where push queries start reading: earliest or latest";
        offset.choices = new String[] {"earliest", "latest"};
        return new DriverPropertyInfo[] {offset};
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public boolean jdbcCompliant() {
        // no transactions, no DatabaseMetaData: not a full JDBC implementation
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the driver does not log through java.util.logging");
    }
}
