package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;

/**
 * The interactive shell on a real terminal, for what needs no server: keyword completion, the
 * continuation prompt, Ctrl-C at the prompt, bracketed paste, and history across restarts with
 * Ctrl-R. The server address is a loopback port nothing listens on.
 */
class ShellTerminalTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() {
        Assumptions.assumeTrue(TmuxTerminal.available(), "tmux is not installed");
    }

    private TmuxTerminal start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // a port nothing listens on: these tests need the shell, not a server
        return TmuxTerminal.startInteractive(dir, "http://127.0.0.1:" + port);
    }

    @Test
    void tabCompletesKeywordsAndEnterWaitsForTheSemicolon() throws Exception {
        try (TmuxTerminal t = start()) {
            t.type("SEL");
            t.press("Tab");
            t.waitFor("sluice> SELECT", 10);
            t.type("1");
            t.press("Enter");
            t.waitFor(InteractiveShell.CONTINUATION.stripTrailing(), 10);
            t.press("C-c");
            Thread.sleep(300);
            t.type("SET 'k' = 'v';");
            t.press("Enter");
            String s = t.waitFor("Property 'k' set to 'v'", 10);
            assertFalse(s.contains("[shell exited]"), "Ctrl-C at the prompt keeps the shell:\n" + s);
        }
    }

    @Test
    void bracketedPasteRunsNothingUntilEnter() throws Exception {
        try (TmuxTerminal t = start()) {
            t.paste("SET 'a' = '1';\nSET 'b' = '2';");
            Thread.sleep(500);
            assertFalse(t.screen().contains("Property 'a' set"), t.screen());
            t.press("Enter");
            t.waitFor("Property 'b' set to '2'", 10);
            assertTrue(t.screen().contains("Property 'a' set to '1'"));
        }
    }

    @Test
    void historySurvivesARestartAndCtrlRFindsIt() throws Exception {
        try (TmuxTerminal t = start()) {
            t.type("DEFINE remembered = 'yes';");
            t.press("Enter");
            t.type("SHOW VARIABLES;");
            t.press("Enter");
            t.waitFor("remembered", 10);
            t.type("exit");
            t.press("Enter");
            t.waitFor("[shell exited]", 10);
        }
        try (TmuxTerminal t = start()) {
            t.press("C-r");
            t.type("rememb");
            t.waitFor("DEFINE remembered = 'yes';", 10);
            t.press("Enter");
            Thread.sleep(300);
            t.type("history");
            t.press("Enter");
            String s = t.waitFor("SHOW VARIABLES;", 10);
            assertTrue(s.contains("1  DEFINE remembered = 'yes';"), s);
        }
    }
}
