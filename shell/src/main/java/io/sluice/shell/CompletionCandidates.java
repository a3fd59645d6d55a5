package io.sluice.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Tab offers at a point in the input, by the word before it: after FROM, JOIN, INTO,
 * DESCRIBE, STREAM or TABLE the server's streams and tables; after TOPIC or PRINT its topics;
 * elsewhere keywords, functions, and the columns of the sources the statement names (or of all
 * sources when it names none). Prefix filtering is the line reader's.
 */
final class CompletionCandidates {

    /** A candidate and what it is (shown beside it). */
    record Suggestion(String value, String kind) {
    }

    private static final Set<String> BEFORE_SOURCE = Set.of("FROM", "JOIN", "INTO", "DESCRIBE", "STREAM", "TABLE",
            "EXTENDED");
    private static final Set<String> BEFORE_TOPIC = Set.of("TOPIC", "PRINT");

    private CompletionCandidates() {
    }

    /**
     * @param before the whole input up to the cursor (all lines of the statement)
     */
    static List<Suggestion> of(Catalog catalog, String before) {
        List<String> words = new ArrayList<>();
        SqlLexer.tokens(before).forEach(t -> {
            if (t.kind() == SqlLexer.Kind.WORD || t.kind() == SqlLexer.Kind.QUOTED_IDENTIFIER) {
                words.add(t.text(before));
            }
        });
        boolean midWord = !before.isEmpty() && !Character.isWhitespace(before.charAt(before.length() - 1));
        if (midWord && !words.isEmpty()) {
            words.remove(words.size() - 1);
        }
        String previous = words.isEmpty() ? "" : words.get(words.size() - 1).toUpperCase(Locale.ROOT);
        List<Suggestion> out = new ArrayList<>();
        if (BEFORE_SOURCE.contains(previous)) {
            catalog.streams().forEach(s -> out.add(new Suggestion(s, "stream")));
            catalog.tables().forEach(s -> out.add(new Suggestion(s, "table")));
            return out;
        }
        if (BEFORE_TOPIC.contains(previous)) {
            catalog.topics().forEach(s -> out.add(new Suggestion(s, "topic")));
            return out;
        }
        if (words.isEmpty()) {
            Keywords.COMMANDS.forEach(c -> out.add(new Suggestion(c, "command")));
        }
        Set<String> named = new LinkedHashSet<>();
        words.forEach(w -> {
            String u = w.toUpperCase(Locale.ROOT);
            if (catalog.columns().containsKey(u)) {
                named.add(u);
            }
        });
        Set<String> columnSources = named.isEmpty() ? catalog.columns().keySet() : named;
        Set<String> columns = new LinkedHashSet<>();
        columnSources.forEach(s -> columns.addAll(catalog.columns().get(s)));
        columns.forEach(c -> out.add(new Suggestion(c, "column")));
        catalog.sources().forEach(s -> out.add(new Suggestion(s, catalog.tables().contains(s) ? "table" : "stream")));
        catalog.functions().forEach(f -> out.add(new Suggestion(f, "function")));
        Keywords.SQL.stream().distinct().forEach(k -> out.add(new Suggestion(k, "keyword")));
        return out;
    }
}
