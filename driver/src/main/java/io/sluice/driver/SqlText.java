package io.sluice.driver;

import java.util.Locale;

/** What a statement is, by its first word: SELECT runs on /query-stream, the rest on /ksql. */
public final class SqlText {

    private SqlText() {
    }

    /** The first word of a statement in upper case, skipping blanks and comments; "" if none. */
    public static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** True for statements that return rows on {@code /query-stream}: push and pull queries. */
    public static boolean isQuery(String sql) {
        return firstKeyword(sql).equals("SELECT");
    }
}
