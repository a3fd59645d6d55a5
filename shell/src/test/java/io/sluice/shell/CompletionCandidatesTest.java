package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompletionCandidatesTest {

    private final Catalog catalog = new Catalog(Set.of("ORDERS"), Set.of("TOTALS"), Set.of("orders-topic"),
            Set.of("ABS", "CONCAT"), Map.of("ORDERS", List.of("ID", "AMOUNT"), "TOTALS", List.of("CUSTOMER", "SUM")));

    private List<String> values(String before) {
        return CompletionCandidates.of(catalog, before).stream().map(CompletionCandidates.Suggestion::value).toList();
    }

    @Test
    void afterFromOnlySourcesAreOffered() {
        assertEquals(List.of("ORDERS", "TOTALS"), values("SELECT * FROM "));
        assertEquals(List.of("ORDERS", "TOTALS"), values("SELECT * FROM OR"));
        assertEquals(List.of("ORDERS", "TOTALS"), values("DESCRIBE "));
    }

    @Test
    void afterPrintTopicsAreOffered() {
        assertEquals(List.of("orders-topic"), values("PRINT "));
    }

    @Test
    void columnsOfTheNamedSourcesComeFirst() {
        List<String> v = values("SELECT * FROM orders WHERE ");
        assertEquals(List.of("ID", "AMOUNT"), v.subList(0, 2));
        assertFalse(v.contains("CUSTOMER"));
        assertTrue(v.contains("CONCAT"));
        assertTrue(v.contains("EMIT"));
    }

    @Test
    void atTheStartShellCommandsAndKeywordsAreOffered() {
        List<String> v = values("");
        assertTrue(v.contains("help"));
        assertTrue(v.contains("SELECT"));
        assertTrue(v.contains("CUSTOMER"), "no source named yet: all columns");
    }
}
