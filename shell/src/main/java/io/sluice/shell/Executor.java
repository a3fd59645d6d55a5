package io.sluice.shell;

import io.sluice.driver.Entity;
import io.sluice.driver.QueryStream;
import io.sluice.driver.SluiceClient;
import io.sluice.driver.SluiceException;
import io.sluice.driver.SqlText;
import io.sluice.driver.StatementException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs statements for the shell and the script runner: shell commands locally, SELECT on
 * {@code /query-stream} (rows printed as they arrive), everything else on {@code /ksql}. Prints
 * results, a row count and the elapsed time, or the error with a caret under its position.
 */
final class Executor {

    /** How a statement went; {@code exit} when the user asked to leave. */
    record Outcome(boolean ok, boolean exit) {
        static final Outcome OK = new Outcome(true, false);
        static final Outcome FAILED = new Outcome(false, false);
        static final Outcome EXIT = new Outcome(true, true);
    }

    private static final Pattern CLI_WRAP = Pattern.compile("(?is)SET\\s+CLI\\s+WRAP\\s+(ON|OFF)\\s*;?");
    private static final Pattern SET = Pattern.compile("(?is)SET\\s+'?([^'=\\s]+)'?\\s*=\\s*'?(.*?)'?\\s*;?");
    private static final Pattern UNSET = Pattern.compile("(?is)UNSET\\s+'?([^'\\s;]+)'?\\s*;?");
    private static final Pattern DEFINE = Pattern.compile("(?is)DEFINE\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*'(.*)'\\s*;?");
    private static final Pattern UNDEFINE = Pattern.compile("(?is)UNDEFINE\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*;?");
    private static final Pattern OUTPUT = Pattern.compile("(?is)OUTPUT(?:\\s+(\\w+))?\\s*;?");
    private static final Pattern RUN_SCRIPT = Pattern.compile("(?is)RUN\\s+SCRIPT\\s+'(.*)'\\s*;?");
    private static final Pattern SHOW_VARIABLES = Pattern.compile("(?is)SHOW\\s+VARIABLES\\s*;?");
    private static final Pattern SERVER = Pattern.compile("(?is)server(?:\\s+(\\S+))?\\s*;?");

    private final Session session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ResultPrinter printer;
    private final boolean interactive;
    private final Supplier<List<String>> history;
    private final Runnable catalogChanged;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-query-timeout");
        t.setDaemon(true);
        return t;
    });
    private volatile QueryStream running;
    private volatile boolean stopped;

    /**
     * @param history the history's lines, for the {@code history} command
     * @param catalogChanged called after statements that may change names (completion refresh)
     */
    Executor(Session session, PrintWriter out, PrintWriter err, ResultPrinter printer, boolean interactive,
            Supplier<List<String>> history, Runnable catalogChanged) {
        this.session = session;
        this.out = out;
        this.err = err;
        this.printer = printer;
        this.interactive = interactive;
        this.history = history;
        this.catalogChanged = catalogChanged;
    }

    /** Stops the push query being printed, if any (Ctrl-C). */
    void interrupt() {
        QueryStream q = running;
        if (q != null) {
            stopped = true;
            q.close();
        }
    }

    /**
     * Runs one statement.
     *
     * @param source file name for error lines in scripts; null when typed
     */
    Outcome run(StatementSplitter.Statement statement, String source) {
        String text = statement.text().strip();
        Optional<Outcome> local = local(text, source);
        if (local.isPresent()) {
            return local.get();
        }
        String sql = session.substitute(text);
        long start = System.nanoTime();
        try {
            int rows;
            String note = "";
            if (SqlText.isQuery(sql)) {
                if (!interactive && isUnboundedPush(sql) && session.queryTimeout().isZero()) {
                    return fail(source, statement, "a push query in a script needs a LIMIT or --query-timeout: " + sql);
                }
                QueryStream q = session.client().query(sql, session.properties());
                stopped = false;
                running = q;
                ScheduledFuture<?> timeout = session.queryTimeout().isZero() ? null
                        : timer.schedule(this::interrupt, session.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    rows = printer.printStream(q, session.format());
                } finally {
                    running = null;
                    if (timeout != null) {
                        timeout.cancel(false);
                    }
                    q.close();
                }
                note = stopped ? "Query stopped; " : "";
            } else {
                List<Entity> entities = session.client().execute(sql, session.properties(), java.util.Map.of());
                rows = printer.printEntities(entities, session.format());
                if (changesCatalog(sql)) {
                    catalogChanged.run();
                }
            }
            // JSON and CSV output stay machine-readable: the summary goes to the error stream
            PrintWriter summary = session.format() == OutputFormat.TABULAR ? out : err;
            double secs = (System.nanoTime() - start) / 1e9;
            summary.printf(Locale.ROOT, "%s%d row%s in %.3f s%n", note, rows, rows == 1 ? "" : "s", secs);
            summary.flush();
            return Outcome.OK;
        } catch (StatementException e) {
            return fail(source, statement, sql, e);
        } catch (SluiceException e) {
            return fail(source, statement, e.getMessage());
        }
    }

    static boolean isPush(String sql) {
        List<String> words = words(sql);
        int emit = words.indexOf("EMIT");
        return emit >= 0 && emit + 1 < words.size() && words.get(emit + 1).equals("CHANGES");
    }

    /** A push query (EMIT CHANGES) without LIMIT: it runs until stopped. */
    static boolean isUnboundedPush(String sql) {
        return isPush(sql) && !words(sql).contains("LIMIT");
    }

    private static boolean changesCatalog(String sql) {
        String k = SqlText.firstKeyword(sql);
        return k.equals("CREATE") || k.equals("DROP") || k.equals("ALTER");
    }

    private static List<String> words(String sql) {
        return SqlLexer.tokens(sql).stream().filter(t -> t.kind() == SqlLexer.Kind.WORD)
                .map(t -> t.text(sql).toUpperCase(Locale.ROOT)).toList();
    }

    private Optional<Outcome> local(String text, String source) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll(";$", "").strip();
        Matcher m;
        switch (lower) {
            case "exit", "quit" -> {
                return Optional.of(Outcome.EXIT);
            }
            case "help" -> {
                out.println(Help.TEXT);
                out.flush();
                return Optional.of(Outcome.OK);
            }
            case "history" -> {
                List<String> h = history.get();
                for (int i = 0; i < h.size(); i++) {
                    out.printf("%5d  %s%n", i + 1, h.get(i));
                }
                out.flush();
                return Optional.of(Outcome.OK);
            }
            case "version" -> {
                out.println("sluice shell " + Main.version());
                try {
                    out.println("server " + session.client().server() + ": " + session.client().info().version());
                } catch (SluiceException e) {
                    out.println("server " + session.client().server() + ": " + e.getMessage());
                }
                out.flush();
                return Optional.of(Outcome.OK);
            }
            case "clear" -> {
                out.print("\033[H\033[2J");
                out.flush();
                return Optional.of(Outcome.OK);
            }
            default -> {
                // the commands with arguments below
            }
        }
        if ((m = SERVER.matcher(text)).matches() && lower.startsWith("server")) {
            if (m.group(1) != null) {
                try {
                    session.switchServer(SluiceClient.connect(m.group(1)));
                    catalogChanged.run();
                } catch (IllegalArgumentException e) {
                    return Optional.of(fail(source, null, e.getMessage()));
                }
            }
            out.println("server " + session.client().server());
        } else if ((m = CLI_WRAP.matcher(text)).matches()) {
            printer.wrap(m.group(1).equalsIgnoreCase("ON"));
            out.println("Wide cells " + (printer.wrap() ? "wrap onto more lines" : "are cut to the column width"));
        } else if ((m = SET.matcher(text)).matches()) {
            session.properties().put(m.group(1), m.group(2));
            out.println("Property '" + m.group(1) + "' set to '" + m.group(2) + "'");
        } else if ((m = UNSET.matcher(text)).matches()) {
            String old = session.properties().remove(m.group(1));
            out.println(old == null ? "Property '" + m.group(1) + "' was not set" : "Property '" + m.group(1) + "' unset");
        } else if ((m = DEFINE.matcher(text)).matches()) {
            session.variables().put(m.group(1), m.group(2).replace("''", "'"));
        } else if ((m = UNDEFINE.matcher(text)).matches()) {
            session.variables().remove(m.group(1));
        } else if (SHOW_VARIABLES.matcher(text).matches()) {
            printer.printTable(io.sluice.driver.ResultTable.ofStrings(List.of("Variable Name", "Value"),
                    session.variables().entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList()),
                    session.format());
        } else if ((m = OUTPUT.matcher(text)).matches()) {
            if (m.group(1) != null) {
                try {
                    session.format(OutputFormat.parse(m.group(1)));
                } catch (IllegalArgumentException e) {
                    return Optional.of(fail(source, null, e.getMessage()));
                }
            }
            out.println("Output format: " + session.format().name());
        } else if ((m = RUN_SCRIPT.matcher(text)).matches()) {
            return Optional.of(runScript(Path.of(m.group(1))));
        } else {
            return Optional.empty();
        }
        out.flush();
        return Optional.of(Outcome.OK);
    }

    /** Runs a file's statements in order and stops at the first that fails. */
    Outcome runScript(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            return fail(null, null, "cannot read " + file + ": " + e);
        }
        StatementSplitter.Result split = StatementSplitter.split(content);
        if (!split.complete()) {
            int at = content.length() - split.rest().stripLeading().length();
            int line = (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            return fail(file.toString(), new StatementSplitter.Statement(split.rest().strip(), line),
                    "the last statement has no ';' (or a string or comment is not closed)");
        }
        for (StatementSplitter.Statement s : split.statements()) {
            Outcome o = run(s, file.toString());
            if (!o.ok() || o.exit()) {
                return o;
            }
        }
        return Outcome.OK;
    }

    private Outcome fail(String source, StatementSplitter.Statement st, String sql, StatementException e) {
        int line = st.line() + e.position().map(p -> p.line() - 1).orElse(0);
        if (source != null) {
            err.println(source + ":" + line + ": error");
        }
        ErrorRenderer.render(sql, e.position(), e.getMessage()).forEach(err::println);
        err.flush();
        return Outcome.FAILED;
    }

    private Outcome fail(String source, StatementSplitter.Statement st, String message) {
        err.println((source != null && st != null ? source + ":" + st.line() + ": " : "") + message);
        err.flush();
        return Outcome.FAILED;
    }
}
