package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.SluiceClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script-mode exit codes and error lines for what fails before or without a server: shell
 * commands alone, an unbounded push query, an unclosed statement, a server that is not there.
 * Runs against a loopback port that nothing listens on.
 */
class ScriptModeTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of("--server", "http://127.0.0.1:" + closedPort()));
        all.addAll(List.of(args));
        ShellOptions options = ShellOptions.parse(all, Map.of("HOME", dir.toString()));
        Session session = new Session(SluiceClient.connect(options.server()), options.output(),
                options.queryTimeout(), false);
        session.variables().putAll(options.defines());
        return ScriptRunner.run(options, session, new PrintWriter(out), new PrintWriter(err), 80);
    }

    @Test
    void shellCommandsAloneSucceed() throws IOException {
        Path f = Files.writeString(dir.resolve("ok.sql"), """
                SET 'auto.offset.reset' = 'earliest';
                DEFINE topic = 'orders';
                OUTPUT JSON;
                """);
        assertEquals(0, run("-f", f.toString()));
        assertTrue(out.toString().contains("Property 'auto.offset.reset' set to 'earliest'"), out.toString());
    }

    @Test
    void cliWrapSwitchesBetweenWrappingAndCutting() throws IOException {
        String words = "word ".repeat(30).strip();
        assertEquals(0, run("-e", "SET CLI WRAP OFF; DEFINE v = '" + words + "'; SHOW VARIABLES;"));
        assertTrue(out.toString().contains("Wide cells are cut to the column width"), out.toString());
        assertTrue(out.toString().contains("word wor…"), out.toString());
        out.toString().lines().forEach(l -> assertTrue(l.length() < 80, l));
    }

    @Test
    void anUnboundedPushQueryStopsTheScriptWithItsLine() throws IOException {
        Path f = Files.writeString(dir.resolve("push.sql"), "SET 'a' = 'b';\n\nSELECT * FROM s EMIT CHANGES;\nSET 'c'='d';\n");
        assertEquals(1, run("-f", f.toString()));
        assertTrue(err.toString().startsWith(f + ":3: a push query in a script needs a LIMIT or --query-timeout"),
                err.toString());
        assertTrue(!out.toString().contains("'c'"), "statements after the error do not run");
    }

    @Test
    void anUnterminatedLastStatementIsAnError() throws IOException {
        Path f = Files.writeString(dir.resolve("open.sql"), "SET 'a'='b';\nSHOW STREAMS\n");
        assertEquals(1, run("-f", f.toString()));
        assertTrue(err.toString().contains(":2: the last statement has no ';'"), err.toString());
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheStatement() throws IOException {
        assertEquals(1, run("-e", "SHOW STREAMS"));
        assertTrue(err.toString().contains("-e:1: cannot reach the server"), err.toString());
    }

    @Test
    void badOptionsExitWithTwo() throws Exception {
        assertEquals(2, Main.run(new String[] {"--output", "xml", "-e", "x"}, Map.of()));
        assertEquals(2, Main.run(new String[] {"--bogus"}, Map.of()));
    }

    @Test
    void variablesAreSubstituted() {
        Session s = new Session(SluiceClient.connect("http://127.0.0.1:1"), OutputFormat.TABULAR,
                java.time.Duration.ZERO, true);
        s.variables().put("t", "orders");
        assertEquals("SELECT * FROM orders WHERE x = '${nope}';", s.substitute("SELECT * FROM ${t} WHERE x = '${nope}';"));
        assertEquals("earliest", s.properties().get(Session.OFFSET_RESET));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
