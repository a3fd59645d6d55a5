package io.sluice.shell;

import java.util.Locale;

/** How results print: aligned tables, one JSON value per entity or row, or CSV. */
enum OutputFormat {
    TABULAR, JSON, CSV;

    static OutputFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output format '" + s + "': use tabular, json or csv");
        }
    }
}
