package io.sluice.shell;

import io.sluice.driver.ServerInfo;
import io.sluice.driver.SluiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell on the process's terminal: line editing, history (Ctrl-R), completion
 * and highlighting from jline; statements run as soon as the input ends with {@code ;}. Ctrl-C
 * stops a running query, or clears the input at the prompt; Ctrl-D or {@code exit} leaves.
 */
final class InteractiveShell {

    static final String PROMPT = "sluice> ";
    static final String CONTINUATION = "     > ";

    private final ShellOptions options;
    private final Session session;
    private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.EMPTY);

    InteractiveShell(ShellOptions options, Session session) {
        this.options = options;
        this.session = session;
    }

    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("sluice").system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("sluice")
                    .parser(new SqlParser())
                    .completer(new SqlCompleter(catalog::get))
                    .highlighter(new SqlHighlighter())
                    .variable(LineReader.HISTORY_FILE, options.historyFile())
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                    .variable(LineReader.HISTORY_SIZE, 1000)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.BRACKETED_PASTE, true)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .build();
            PrintWriter out = terminal.writer();
            ResultPrinter printer = new ResultPrinter(out, () -> terminal.getWidth() > 0 ? terminal.getWidth() : 120,
                    true);
            Executor executor = new Executor(session, out, out, printer, true, () -> history(reader.getHistory()),
                    this::refreshCatalog);
            terminal.handle(Terminal.Signal.INT, signal -> executor.interrupt());
            banner(out);
            refreshCatalog();
            while (true) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (runAll(executor, input)) {
                    break;
                }
            }
            reader.getHistory().save();
            out.println("Bye.");
            out.flush();
        }
        return 0;
    }

    /** Runs every statement in the input; true when one of them asked to exit. */
    private static boolean runAll(Executor executor, String input) {
        for (StatementSplitter.Statement s : StatementSplitter.split(input).statements()) {
            if (executor.run(s, null).exit()) {
                return true;
            }
        }
        return false;
    }

    private void banner(PrintWriter out) {
        out.println("Sluice shell " + Main.version() + ". Type 'help' for commands, Ctrl-D or 'exit' to leave.");
        try {
            ServerInfo info = session.client().info();
            out.println("Server " + session.client().server() + " (Sluice " + info.version()
                    + (info.status().isEmpty() ? "" : ", " + info.status()) + ")");
        } catch (SluiceException e) {
            out.println("Server " + session.client().server() + " is not answering: " + e.getMessage());
        }
        String reset = session.properties().get(Session.OFFSET_RESET);
        if (reset != null) {
            out.println("Queries read from the " + reset + " offset ('" + Session.OFFSET_RESET + "' = '" + reset
                    + "'); SET '" + Session.OFFSET_RESET + "' = 'latest'; for new records only.");
        }
        out.flush();
    }

    /** Reloads the names for completion in the background, so the prompt never waits for it. */
    private void refreshCatalog() {
        Thread t = new Thread(() -> {
            try {
                catalog.set(Catalog.load(session.client()));
            } catch (SluiceException e) {
                // the server is away or refuses a listing: complete with what is known
            }
        }, "sluice-catalog");
        t.setDaemon(true);
        t.start();
    }

    private static List<String> history(History history) {
        List<String> lines = new ArrayList<>();
        history.forEach(e -> lines.add(e.line()));
        return lines;
    }
}
