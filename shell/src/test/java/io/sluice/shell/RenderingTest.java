package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.driver.StatementException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenderingTest {

    @Test
    void tablesAlignColumnsToTheirWidestCell() {
        List<String> lines = TableRenderer.fit(List.of("ID", "NAME"), List.of(List.of("1", "alice"), List.of("22", "bo")),
                80, true).render(List.of("ID", "NAME"), List.of(List.of("1", "alice"), List.of("22", "bo")));
        assertEquals(List.of(
                "+----+-------+",
                "| ID | NAME  |",
                "+----+-------+",
                "| 1  | alice |",
                "| 22 | bo    |",
                "+----+-------+"), lines);
    }

    @Test
    void wideColumnsWrapAtSpacesToFitTheWidth() {
        String text = "the quick brown fox jumps over the lazy dog";
        TableRenderer t = TableRenderer.fit(List.of("ID", "TEXT"), List.of(List.of("1", text)), 24, true);
        List<String> lines = t.render(List.of("ID", "TEXT"), List.of(List.of("1", text)));
        lines.forEach(l -> assertTrue(l.length() <= 24, l));
        assertEquals("| 1  | the quick brown |", lines.get(3));
        assertEquals("|    | fox jumps over  |", lines.get(4));
        assertEquals(String.join(" ", lines).replaceAll("[|+\\-]", " ").replaceAll("\\s+", " ").contains("lazy dog"), true);
    }

    @Test
    void truncateModeCutsWithAnEllipsis() {
        TableRenderer t = TableRenderer.fit(List.of("X"), List.of(List.of("abcdefghij")), 10, false);
        assertEquals("| abcde… |", t.row(List.of("abcdefghij")).get(0));
    }

    @Test
    void pushQueryLayoutSharesTheWidthEvenly() {
        TableRenderer t = TableRenderer.even(List.of("A", "B", "C"), 40, true);
        assertTrue(TableRenderer.total(t.widths()) <= 40);
        assertEquals(t.widths()[0], t.widths()[2]);
    }

    @Test
    void caretPointsAtTheErrorColumnOnTheErrorLine() {
        List<String> lines = ErrorRenderer.render("SELECT *\n  FORM orders;",
                Optional.of(new StatementException.Position(2, 3)), "line 2:3: mismatched input 'FORM'");
        assertEquals(List.of("  FORM orders;", "  ^", "line 2:3: mismatched input 'FORM'"), lines);
        assertEquals(List.of("boom"), ErrorRenderer.render("SELECT 1;", Optional.empty(), "boom"));
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\"", ResultPrinter.csv(List.of("a", "b,c", "say \"hi\"")));
    }

    @Test
    void highlightingStylesKeywordsStringsAndNumbers() {
        var s = SqlHighlighter.highlight("select 'x' from t limit 5");
        assertEquals(SqlHighlighter.KEYWORD, s.styleAt(0));
        assertEquals(SqlHighlighter.STRING, s.styleAt(7));
        assertEquals(SqlHighlighter.NUMBER, s.styleAt(24));
        assertEquals(org.jline.utils.AttributedStyle.DEFAULT, s.styleAt(16));
    }
}
