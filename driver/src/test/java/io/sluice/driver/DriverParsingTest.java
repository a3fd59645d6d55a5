package io.sluice.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverParsingTest {

    @Test
    void entitiesAreTypedByTheirAtType() {
        List<Entity> entities = EntityParser.parseAll(Json.parse("""
                [{"@type":"streams","statementText":"SHOW STREAMS;","streams":[{"type":"STREAM","name":"ORDERS",
                  "topic":"orders","keyFormat":"KAFKA","valueFormat":"JSON"}]},
                 {"@type":"sourceDescription","sourceDescription":{"name":"ORDERS","type":"STREAM","topic":"orders",
                  "fields":[{"name":"ID","schema":{"type":"STRING"},"type":"KEY"},
                            {"name":"TAGS","schema":{"type":"ARRAY","memberSchema":{"type":"INTEGER"}}}]}},
                 {"@type":"currentStatus","commandId":"stream/X/create","commandStatus":{"status":"SUCCESS","message":"Stream created"}},
                 {"@type":"type_list","types":[{"name":"ADDRESS","schema":"STRUCT"}]}]"""));
        Entity.SourceList streams = assertInstanceOf(Entity.SourceList.class, entities.get(0));
        assertEquals("ORDERS", streams.sources().get(0).name());
        assertEquals(List.of("Stream Name", "Kafka Topic", "Key Format", "Value Format"), streams.table().columns());
        Entity.SourceDescription d = assertInstanceOf(Entity.SourceDescription.class, entities.get(1));
        assertEquals(List.of(new Entity.Column("ID", "STRING", true), new Entity.Column("TAGS", "ARRAY<INTEGER>", false)),
                d.columns());
        assertEquals("Stream created", ((Entity.CommandStatus) entities.get(2)).message());
        ResultTable other = entities.get(3).table();
        assertEquals(List.of("name", "schema"), other.columns());
        assertEquals(List.of(List.of("ADDRESS", "STRUCT")), other.rows());
    }

    @Test
    void errorsCarryThePositionFromTheMessageOrFields() {
        SluiceException e = ErrorBodies.forStatus(400, """
                {"@type":"statement_error","error_code":40001,"message":"line 2:5: mismatched input 'FORM'",
                 "statementText":"SELECT *\\n    FORM x;"}""", "");
        StatementException se = assertInstanceOf(StatementException.class, e);
        assertEquals(40001, se.errorCode());
        assertEquals(new StatementException.Position(2, 5), se.position().orElseThrow());
        assertEquals("SELECT *\n    FORM x;", se.statementText());
        assertFalse(ErrorBodies.forStatus(500, "oops", "") instanceof StatementException);
    }

    @Test
    void queryStreamReadsHeaderRowsAndFinalMessage() {
        QueryStream.LineChannel lines = new QueryStream.LineChannel();
        lines.onLine("{\"queryId\":\"q1\",\"columnNames\":[\"ID\",\"AMOUNT\"],\"columnTypes\":[\"STRING\",\"DECIMAL(4, 2)\"]}");
        lines.onLine("[\"a\",1.50]");
        lines.onLine("");
        lines.onLine("[\"b\",null]");
        lines.onLine("{\"finalMessage\":\"Limit Reached\"}");
        lines.onEnd(null);
        List<String> closed = new ArrayList<>();
        QueryStream stream = new QueryStream(lines, closed::add);
        assertEquals("q1", stream.queryId());
        assertEquals(List.of("STRING", "DECIMAL(4, 2)"), stream.columnTypes());
        List<List<Object>> rows = new ArrayList<>();
        stream.forEachRemaining(rows::add);
        assertEquals(2, rows.size());
        assertEquals(new java.math.BigDecimal("1.50"), rows.get(0).get(1));
        assertEquals("Limit Reached", stream.finalMessage().orElseThrow());
        stream.close();
        assertTrue(closed.isEmpty(), "an ended query needs no /close-query");
    }

    @Test
    void closingALiveStreamWakesTheReaderAndClosesTheQuery() throws Exception {
        QueryStream.LineChannel lines = new QueryStream.LineChannel();
        lines.onLine("{\"queryId\":\"q2\",\"columnNames\":[\"X\"],\"columnTypes\":[\"INTEGER\"]}");
        List<String> closed = new ArrayList<>();
        QueryStream stream = new QueryStream(lines, closed::add);
        Thread closer = new Thread(() -> {
            sleep(200);
            stream.close();
        });
        closer.start();
        assertFalse(stream.hasNext());
        closer.join();
        assertEquals(List.of("q2"), closed);
    }

    @Test
    void anErrorLineInTheStreamIsAStatementError() {
        QueryStream.LineChannel lines = new QueryStream.LineChannel();
        lines.onLine("{\"queryId\":\"q3\",\"columnNames\":[\"X\"],\"columnTypes\":[\"INTEGER\"]}");
        lines.onLine("{\"@type\":\"generic_error\",\"error_code\":50000,\"message\":\"deserialization failed\"}");
        QueryStream stream = new QueryStream(lines, id -> { });
        assertThrows(StatementException.class, stream::hasNext);
    }

    @Test
    void firstKeywordSkipsCommentsAndBlanks() {
        assertEquals("SELECT", SqlText.firstKeyword("-- hi\n /* x */ select * from s;"));
        assertTrue(SqlText.isQuery("  SELECT 1;"));
        assertFalse(SqlText.isQuery("SHOW STREAMS;"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
