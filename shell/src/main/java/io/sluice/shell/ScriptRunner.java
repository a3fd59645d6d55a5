package io.sluice.shell;

import java.io.PrintWriter;
import java.util.List;

/** Script mode: {@code -f FILE} or {@code -e STATEMENTS}, in order, stopping at the first error. */
final class ScriptRunner {

    private ScriptRunner() {
    }

    /** Returns the process exit code: 0 when every statement succeeded, 1 otherwise. */
    static int run(ShellOptions options, Session session, PrintWriter out, PrintWriter err, int width) {
        ResultPrinter printer = new ResultPrinter(out, () -> width, false);
        Executor executor = new Executor(session, out, err, printer, false, List::of, () -> { });
        Executor.Outcome outcome;
        if (options.file().isPresent()) {
            outcome = executor.runScript(options.file().get());
        } else {
            String text = options.statements().orElseThrow();
            StatementSplitter.Result split = StatementSplitter.split(text);
            // a single statement on the command line may leave out its ';'
            List<StatementSplitter.Statement> statements = split.complete() ? split.statements()
                    : StatementSplitter.split(text + ";").statements();
            outcome = Executor.Outcome.OK;
            for (StatementSplitter.Statement s : statements) {
                outcome = executor.run(s, "-e");
                if (!outcome.ok() || outcome.exit()) {
                    break;
                }
            }
        }
        out.flush();
        err.flush();
        return outcome.ok() ? 0 : 1;
    }

}
