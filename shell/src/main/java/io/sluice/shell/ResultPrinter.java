package io.sluice.shell;

import io.sluice.driver.Entity;
import io.sluice.driver.QueryStream;
import io.sluice.driver.ResultTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/** Prints statement results in the session's output format, at the terminal's current width. */
final class ResultPrinter {

    private final PrintWriter out;
    private final IntSupplier width;
    private final boolean terminal;
    private volatile boolean wrap = true;

    /**
     * @param terminal true when printing to a terminal, whose echo of ^C the footer of a stopped
     *     query then overwrites
     */
    ResultPrinter(PrintWriter out, IntSupplier width, boolean terminal) {
        this.out = out;
        this.width = width;
        this.terminal = terminal;
    }

    /** Whether cells too wide for their column wrap onto more lines (true) or are cut with "…". */
    void wrap(boolean on) {
        wrap = on;
    }

    boolean wrap() {
        return wrap;
    }

    /** Prints what {@code /ksql} answered; returns the number of rows shown. */
    int printEntities(List<Entity> entities, OutputFormat format) {
        int rows = 0;
        for (Entity e : entities) {
            if (format == OutputFormat.JSON) {
                out.println(Values.prettyJson(e.json()));
                rows += e instanceof Entity.CommandStatus ? 0 : e.table().rows().size();
                continue;
            }
            if (e instanceof Entity.SourceDescription d && format == OutputFormat.TABULAR) {
                out.println("Name: " + d.name() + "   Type: " + d.type() + "   Kafka topic: " + d.topic());
            }
            ResultTable t = e.table();
            printTable(t, format);
            rows += e instanceof Entity.CommandStatus ? 0 : t.rows().size();
        }
        out.flush();
        return rows;
    }

    void printTable(ResultTable t, OutputFormat format) {
        List<List<String>> cells = new ArrayList<>();
        t.rows().forEach(r -> cells.add(r.stream().map(Values::format).toList()));
        if (format == OutputFormat.CSV) {
            out.println(csv(t.columns()));
            cells.forEach(r -> out.println(csv(r)));
        } else if (format == OutputFormat.JSON) {
            t.rows().forEach(r -> out.println(Values.json(object(t.columns(), r))));
        } else {
            TableRenderer.fit(t.columns(), cells, width.getAsInt() - 1, wrap).render(t.columns(), cells).forEach(out::println);
        }
        out.flush();
    }

    /**
     * Prints a query's rows as they arrive until it ends or is closed; returns the row count.
     * Runtime errors from the stream propagate after the rows so far are printed.
     */
    int printStream(QueryStream stream, OutputFormat format) {
        List<String> header = stream.columnNames();
        // one column less than the terminal: a line of exactly its width wraps on some terminals
        TableRenderer layout = TableRenderer.even(header, width.getAsInt() - 1, wrap);
        if (format == OutputFormat.TABULAR) {
            out.println(layout.separator());
            layout.row(header).forEach(out::println);
            out.println(layout.separator());
        } else if (format == OutputFormat.CSV) {
            out.println(csv(header));
        }
        out.flush();
        int rows = 0;
        try {
            while (stream.hasNext()) {
                List<Object> row = stream.next();
                rows++;
                switch (format) {
                    case TABULAR -> layout.row(row.stream().map(Values::format).toList()).forEach(out::println);
                    case CSV -> out.println(csv(row.stream().map(Values::format).toList()));
                    case JSON -> out.println(Values.json(object(header, row)));
                }
                out.flush();
            }
        } finally {
            if (format == OutputFormat.TABULAR) {
                out.println((terminal ? "\r" : "") + layout.separator());
                out.flush();
            }
        }
        return rows;
    }

    private static Map<String, Object> object(List<String> columns, List<Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), i < row.size() ? row.get(i) : null);
        }
        return m;
    }

    static String csv(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String f : fields) {
            boolean needs = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
            quoted.add(needs ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return String.join(",", quoted);
    }
}
