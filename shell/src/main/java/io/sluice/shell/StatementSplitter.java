package io.sluice.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts input into statements at {@code ;} outside strings, quoted identifiers and comments. Each
 * statement keeps the line it started on, so errors can name the script line. Shell commands
 * (help, exit, history, server, version) are complete without a {@code ;} when they stand alone
 * on a line, as in ksqlDB's CLI.
 */
final class StatementSplitter {

    /** A statement with its {@code ;}, and its 1-based first line in the input. */
    record Statement(String text, int line) {
    }

    /** Complete statements, and the text after the last one that is not yet complete. */
    record Result(List<Statement> statements, String rest) {
        boolean complete() {
            return rest.isBlank() || onlyComments(rest);
        }
    }

    private static final List<String> BARE_COMMANDS = List.of("help", "exit", "quit", "history", "server", "version",
            "clear");

    private StatementSplitter() {
    }

    static Result split(String input) {
        List<Statement> out = new ArrayList<>();
        int start = 0;
        for (SqlLexer.Token t : SqlLexer.tokens(input)) {
            if (t.kind() == SqlLexer.Kind.SEMICOLON) {
                addStatement(out, input, start, t.end());
                start = t.end();
            } else if (t.kind() == SqlLexer.Kind.SPACE && input.substring(t.start(), t.end()).contains("\n")) {
                String pending = input.substring(start, t.start());
                if (isBareCommand(pending)) {
                    addStatement(out, input, start, t.start());
                    start = t.start();
                }
            }
        }
        String rest = input.substring(start);
        if (isBareCommand(rest)) {
            addStatement(out, input, start, input.length());
            rest = "";
        }
        return new Result(out, rest);
    }

    /** True for a shell command that needs no {@code ;}, e.g. {@code exit} or {@code server http://h:1}. */
    static boolean isBareCommand(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.contains("\n") || t.endsWith(";")) {
            return false;
        }
        String first = t.split("\\s+")[0].toLowerCase(Locale.ROOT);
        return BARE_COMMANDS.contains(first) && (!first.equals("server") || t.split("\\s+").length <= 2)
                && (first.equals("server") || t.split("\\s+").length == 1);
    }

    private static void addStatement(List<Statement> out, String input, int from, int to) {
        String text = input.substring(from, to);
        if (text.strip().equals(";") || text.isBlank() || onlyComments(text)) {
            return;
        }
        int lead = 0;
        // the statement starts at its first character that is neither blank nor comment
        for (SqlLexer.Token t : SqlLexer.tokens(text)) {
            if (t.kind() != SqlLexer.Kind.SPACE && t.kind() != SqlLexer.Kind.LINE_COMMENT
                    && t.kind() != SqlLexer.Kind.BLOCK_COMMENT) {
                lead = t.start();
                break;
            }
        }
        out.add(new Statement(text.substring(lead).strip(), lineOf(input, from + lead)));
    }

    private static boolean onlyComments(String text) {
        return SqlLexer.tokens(text).stream().allMatch(t -> t.kind() == SqlLexer.Kind.SPACE
                || ((t.kind() == SqlLexer.Kind.LINE_COMMENT || t.kind() == SqlLexer.Kind.BLOCK_COMMENT) && !t.open()));
    }

    private static int lineOf(String input, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (input.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
