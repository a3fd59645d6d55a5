package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.SluiceClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script mode, the driver and JDBC against a real server over its HTTP API. */
class ShellScriptIT {

    @TempDir
    static Path dir;
    static ServerFixture server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerFixture.start(dir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int script(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--server", server.url()));
        all.addAll(List.of(args));
        ShellOptions options = ShellOptions.parse(all, Map.of("HOME", dir.toString()));
        Session session = new Session(SluiceClient.connect(options.server()), options.output(),
                options.queryTimeout(), false);
        session.variables().putAll(options.defines());
        return ScriptRunner.run(options, session, new PrintWriter(out), new PrintWriter(err), 100);
    }

    @Test
    void aScriptRunsInOrderAndExitsZero() throws Exception {
        Path f = Files.writeString(dir.resolve("ok.sql"), """
                CREATE STREAM ${name} (id STRING KEY, amount INT)
                  WITH (kafka_topic='script_orders', value_format='JSON', partitions=1);
                INSERT INTO ${name} (id, amount) VALUES ('a', 1);
                INSERT INTO ${name} (id, amount) VALUES ('b', 2);
                SET 'auto.offset.reset' = 'earliest';
                SELECT id, amount FROM ${name} EMIT CHANGES LIMIT 2;
                """);
        assertEquals(0, script("-f", f.toString(), "--define", "name=script_orders"), err.toString());
        assertTrue(out.toString().contains("| a "), out.toString());
        assertTrue(out.toString().contains("2 rows in"), out.toString());
    }

    @Test
    void theFirstErrorStopsTheScriptWithItsLineAndACaret() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.sql"), """
                SHOW STREAMS;

                SELECT *
                  FORM nowhere EMIT CHANGES LIMIT 1;
                SHOW TOPICS;
                """);
        assertEquals(1, script("-f", f.toString()));
        String e = err.toString();
        assertTrue(e.startsWith(f + ":4: error"), e);
        assertTrue(e.contains("  FORM nowhere EMIT CHANGES LIMIT 1;\n  ^"), e);
        // "Partitions" heads SHOW TOPICS only (SHOW STREAMS has a "Kafka Topic" column too)
        assertTrue(!out.toString().contains("Partitions"), "SHOW TOPICS must not run: " + out);
    }

    @Test
    void pushQueriesInScriptsStopAtTheQueryTimeout() throws Exception {
        script("-e", "CREATE STREAM IF NOT EXISTS ticks (n INT) WITH (kafka_topic='ticks', value_format='JSON', "
                + "partitions=1);");
        assertEquals(0, script("--query-timeout", "2s", "-e", "SELECT * FROM ticks EMIT CHANGES;"), err.toString());
        assertTrue(out.toString().contains("Query stopped"), out.toString());
    }

    @Test
    void theDriverReportsItsProtocolAndInsertsRows() {
        SluiceClient client = SluiceClient.connect(server.url(), Duration.ofSeconds(30));
        client.execute("CREATE STREAM IF NOT EXISTS drv (id STRING KEY, v INT) WITH (kafka_topic='drv', "
                + "value_format='JSON', partitions=1);");
        assertEquals(2, client.insert("DRV", List.of(Map.of("ID", "x", "V", 1), Map.of("ID", "y", "V", 2))));
        assertTrue(client.info().version().length() > 0);
        System.out.println("HTTP version: " + client.protocol());
    }

    @Test
    void jdbcRunsDdlListingsAndPushQueriesWithLimit() throws Exception {
        String url = "jdbc:sluice://" + server.url().substring("http://".length()) + "?auto.offset.reset=earliest";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertEquals(0, s.executeUpdate("CREATE STREAM jdbc_s (id STRING KEY, n INT) WITH (kafka_topic='jdbc_s', "
                    + "value_format='JSON', partitions=1);"));
            s.executeUpdate("INSERT INTO jdbc_s (id, n) VALUES ('k', 7);");
            try (ResultSet rs = s.executeQuery("SHOW STREAMS;")) {
                boolean found = false;
                while (rs.next()) {
                    found |= rs.getString(1).equalsIgnoreCase("JDBC_S");
                }
                assertTrue(found);
            }
            try (ResultSet rs = s.executeQuery("SELECT id, n FROM jdbc_s EMIT CHANGES LIMIT 1;")) {
                assertEquals("N", rs.getMetaData().getColumnName(2).toUpperCase());
                assertEquals(java.sql.Types.INTEGER, rs.getMetaData().getColumnType(2));
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(2));
                assertTrue(!rs.next());
            }
        }
    }
}
