package io.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        StatementSplitter.Result r = StatementSplitter.split("""
                -- a comment; not a statement end
                CREATE STREAM s (id STRING KEY, note STRING)
                  WITH (kafka_topic='t;1', value_format='JSON');
                /* block ; comment */ SELECT 'it''s;' AS x, `weird;col` FROM s
                EMIT CHANGES LIMIT 1;
                """);
        assertEquals(2, r.statements().size());
        assertEquals(2, r.statements().get(0).line());
        assertTrue(r.statements().get(0).text().endsWith("value_format='JSON');"));
        assertEquals(4, r.statements().get(1).line());
        assertTrue(r.statements().get(1).text().startsWith("SELECT 'it''s;'"));
        assertTrue(r.complete());
    }

    @Test
    void inputWithoutTheFinalSemicolonIsIncomplete() {
        assertFalse(StatementSplitter.split("SELECT * FROM s").complete());
        assertFalse(StatementSplitter.split("SELECT 'abc;").complete(), "the ; is inside an open string");
        assertFalse(StatementSplitter.split("SHOW STREAMS /* ; ").complete(), "the ; is inside an open comment");
        assertTrue(StatementSplitter.split("SHOW STREAMS; -- done").complete());
    }

    @Test
    void bareShellCommandsNeedNoSemicolon() {
        StatementSplitter.Result r = StatementSplitter.split("help\nserver http://127.0.0.1:9\nexit");
        assertEquals(List.of("help", "server http://127.0.0.1:9", "exit"),
                r.statements().stream().map(StatementSplitter.Statement::text).toList());
        assertEquals(List.of(1, 2, 3), r.statements().stream().map(StatementSplitter.Statement::line).toList());
        assertFalse(StatementSplitter.isBareCommand("help me"));
        assertFalse(StatementSplitter.split("SELECT help\nFROM s").complete());
    }
}
