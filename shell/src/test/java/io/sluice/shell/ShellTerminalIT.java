package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.SluiceClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a real terminal against a real server: completion of the server's
 * names, a push query printing rows as they arrive, Ctrl-C stopping it, and a caret error.
 */
class ShellTerminalIT {

    @TempDir
    static Path dir;
    static ServerFixture server;

    @BeforeAll
    static void startServer() throws Exception {
        Assumptions.assumeTrue(TmuxTerminal.available(), "tmux is not installed");
        server = ServerFixture.start(dir);
        SluiceClient.connect(server.url()).execute("CREATE STREAM live (id STRING KEY, n INT) "
                + "WITH (kafka_topic='live', value_format='JSON', partitions=1);");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private TmuxTerminal start() throws Exception {
        return TmuxTerminal.startInteractive(dir, server.url());
    }

    @Test
    void tabCompletesTheServersStreams() throws Exception {
        try (TmuxTerminal t = start()) {
            Thread.sleep(2000); // the catalog loads in the background after the banner
            t.type("DESCRIBE LI");
            t.press("Tab");
            t.waitFor("DESCRIBE LIVE", 10);
            t.type(";");
            t.press("Enter");
            t.waitFor("row", 10);
        }
    }

    @Test
    void aPushQueryShowsRowsAsTheyArriveUntilCtrlC() throws Exception {
        SluiceClient client = SluiceClient.connect(server.url());
        try (TmuxTerminal t = start()) {
            t.type("SELECT id, n FROM live EMIT CHANGES;");
            t.press("Enter");
            t.waitFor("| ID", 20);
            client.execute("INSERT INTO live (id, n) VALUES ('first', 1);");
            t.waitFor("first", 20);
            client.execute("INSERT INTO live (id, n) VALUES ('second', 2);");
            t.waitFor("second", 20);
            t.press("C-c");
            String s = t.waitFor("Query stopped", 20);
            assertTrue(s.strip().endsWith(InteractiveShell.PROMPT.strip()), s);
            t.type("SHOW STREAMS;");
            t.press("Enter");
            t.waitFor("LIVE", 10);
        }
    }

    @Test
    void aSyntaxErrorShowsACaretUnderItsPosition() throws Exception {
        try (TmuxTerminal t = start()) {
            t.type("SELECT * FORM live;");
            t.press("Enter");
            String s = t.waitFor("^", 10);
            assertTrue(s.contains("SELECT * FORM live;\n         ^"), s);
        }
    }
}
