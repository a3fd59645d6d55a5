package io.sluice.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligned text tables that fit a terminal width. Columns get their natural width while the table
 * fits; otherwise the widest columns shrink first, and a cell too wide for its column is wrapped
 * onto more lines (at spaces where it can) or, in truncate mode, cut with "…".
 */
final class TableRenderer {

    /** Narrowest a column shrinks to, so that every column stays readable. */
    static final int MIN_WIDTH = 4;

    private final int[] widths;
    private final boolean wrap;

    private TableRenderer(int[] widths, boolean wrap) {
        this.widths = widths;
        this.wrap = wrap;
    }

    /** A layout sized to the header and all rows, within {@code maxWidth} characters. */
    static TableRenderer fit(List<String> header, List<List<String>> rows, int maxWidth, boolean wrap) {
        int[] natural = new int[header.size()];
        for (int c = 0; c < natural.length; c++) {
            natural[c] = Math.max(1, header.get(c).length());
            for (List<String> row : rows) {
                natural[c] = Math.max(natural[c], longestLine(row.get(c)));
            }
        }
        return new TableRenderer(shrink(natural, maxWidth), wrap);
    }

    /**
     * A layout for rows not yet known (a push query): each column gets an equal share of the
     * width, at least its header's width when that fits.
     */
    static TableRenderer even(List<String> header, int maxWidth, boolean wrap) {
        int n = Math.max(1, header.size());
        int share = Math.max(MIN_WIDTH, (maxWidth - 1) / n - 3);
        int[] w = new int[header.size()];
        Arrays.fill(w, share);
        return new TableRenderer(shrink(w, maxWidth), wrap);
    }

    static int[] shrink(int[] natural, int maxWidth) {
        int[] w = natural.clone();
        while (total(w) > maxWidth) {
            int widest = 0;
            for (int c = 1; c < w.length; c++) {
                if (w[c] > w[widest]) {
                    widest = c;
                }
            }
            if (w[widest] <= MIN_WIDTH) {
                break;
            }
            w[widest]--;
        }
        return w;
    }

    /** Width of a rendered table with these column widths: "| a | b |". */
    static int total(int[] widths) {
        int sum = 1;
        for (int w : widths) {
            sum += w + 3;
        }
        return sum;
    }

    int[] widths() {
        return widths.clone();
    }

    String separator() {
        StringBuilder sb = new StringBuilder("+");
        for (int w : widths) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.toString();
    }

    /** The lines of one row: several when a cell wraps. */
    List<String> row(List<String> cells) {
        List<List<String>> pieces = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < widths.length; c++) {
            String cell = c < cells.size() ? cells.get(c) : "";
            List<String> p = wrap ? wrapCell(cell, widths[c]) : List.of(truncate(cell, widths[c]));
            pieces.add(p);
            height = Math.max(height, p.size());
        }
        List<String> lines = new ArrayList<>();
        for (int l = 0; l < height; l++) {
            StringBuilder sb = new StringBuilder("|");
            for (int c = 0; c < widths.length; c++) {
                String piece = l < pieces.get(c).size() ? pieces.get(c).get(l) : "";
                sb.append(' ').append(piece).append(" ".repeat(widths[c] - piece.length())).append(" |");
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /** A whole table: separator, header, separator, rows, separator. */
    List<String> render(List<String> header, List<List<String>> rows) {
        List<String> out = new ArrayList<>();
        out.add(separator());
        out.addAll(row(header));
        out.add(separator());
        rows.forEach(r -> out.addAll(row(r)));
        out.add(separator());
        return out;
    }

    static List<String> wrapCell(String cell, int width) {
        List<String> out = new ArrayList<>();
        for (String line : cell.split("\n", -1)) {
            String rest = line.replace('\t', ' ');
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    cut = width;
                }
                out.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            out.add(rest);
        }
        return out;
    }

    static String truncate(String cell, int width) {
        String flat = cell.replace('\n', ' ').replace('\t', ' ');
        return flat.length() <= width ? flat : flat.substring(0, width - 1) + "…";
    }

    private static int longestLine(String s) {
        int max = 0;
        for (String line : s.split("\n", -1)) {
            max = Math.max(max, line.length());
        }
        return max;
    }
}
