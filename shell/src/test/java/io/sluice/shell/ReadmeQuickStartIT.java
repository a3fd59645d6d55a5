package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.SluiceClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, exactly as written there, runs in the shell against a server. */
class ReadmeQuickStartIT {

    @TempDir
    Path dir;

    @Test
    void theQuickStartRunsAsWritten() throws Exception {
        Path readme = Path.of("..", "README.md");
        Matcher m = Pattern.compile("## Quick start.*?```sql\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(readme));
        assertTrue(m.find(), "README.md has a Quick start with an sql block");
        Path script = Files.writeString(dir.resolve("quickstart.sql"), m.group(1));
        try (ServerFixture server = ServerFixture.start(dir)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            ShellOptions options = ShellOptions.parse(
                    List.of("--server", server.url(), "-f", script.toString()), Map.of("HOME", dir.toString()));
            Session session = new Session(SluiceClient.connect(options.server()), options.output(),
                    options.queryTimeout(), false);
            int exit = ScriptRunner.run(options, session, new PrintWriter(out), new PrintWriter(err), 100);
            assertEquals(0, exit, err + "\n" + out);
            String text = out.toString();
            assertTrue(text.contains("pear") && text.contains("plum"), text);
            assertTrue(text.contains("PEAR") && text.contains("PLUM"), "big_orders' rows:\n" + text);
            assertTrue(text.contains("CTAS_ORDERS_PER_ITEM"), "the aggregation runs:\n" + text);
        }
    }
}
