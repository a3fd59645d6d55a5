package io.sluice.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens for statement splitting, highlighting and completion. It never
 * fails: an unterminated string or comment runs to the end of the text and is marked open, which
 * is how the shell knows a statement continues on the next line.
 */
final class SqlLexer {

    enum Kind { WORD, STRING, QUOTED_IDENTIFIER, NUMBER, LINE_COMMENT, BLOCK_COMMENT, SEMICOLON, SYMBOL, SPACE }

    /** A token; {@code open} when its closing quote or comment end is missing. */
    record Token(Kind kind, int start, int end, boolean open) {
        String text(CharSequence sql) {
            return sql.subSequence(start, end).toString();
        }
    }

    private SqlLexer() {
    }

    static List<Token> tokens(CharSequence sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.SPACE, start, i, false));
            } else if (c == '\'' || c == '"' || c == '`') {
                // a doubled quote inside is an escaped quote, as in SQL
                i++;
                boolean closed = false;
                while (i < n) {
                    if (sql.charAt(i) == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    i++;
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER, start, i, !closed));
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                out.add(new Token(Kind.LINE_COMMENT, start, i, false));
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int endAt = indexOf(sql, "*/", i + 2);
                i = endAt < 0 ? n : endAt + 2;
                out.add(new Token(Kind.BLOCK_COMMENT, start, i, endAt < 0));
            } else if (c == ';') {
                out.add(new Token(Kind.SEMICOLON, i, ++i, false));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                        || sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, start, i, false));
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c == '@') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || "_$@{}".indexOf(sql.charAt(i)) >= 0)) {
                    i++;
                }
                out.add(new Token(Kind.WORD, start, i, false));
            } else {
                out.add(new Token(Kind.SYMBOL, start, ++i, false));
            }
        }
        return out;
    }

    private static int indexOf(CharSequence s, String what, int from) {
        return s.toString().indexOf(what, from);
    }
}
