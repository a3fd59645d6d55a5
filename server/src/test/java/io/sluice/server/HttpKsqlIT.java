package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ksql} and the server endpoints against a real server: statements in order with
 * ksqlDB's entities, errors with their position, and bad requests answered as JSON errors
 * without disturbing other clients.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpKsqlIT {

    @TempDir
    static Path dir;
    static HttpApiSupport api;

    @BeforeAll
    static void start() throws Exception {
        api = new HttpApiSupport(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void statementsRunInOrderAndAnswerKsqlDbEntities() throws Exception {
        JsonNode r = api.ok("""
                CREATE STREAM orders (id INT KEY, item STRING, amount DOUBLE)
                  WITH (kafka_topic='orders', partitions=2, value_format='JSON');
                INSERT INTO orders (id, item, amount) VALUES (1, 'pen', 2.5);
                SHOW STREAMS;
                DESCRIBE orders;
                CREATE STREAM big AS SELECT id, UCASE(item) AS item FROM orders WHERE amount > 1;
                SHOW QUERIES;
                """);
        assertEquals(6, r.size(), r.toString());
        assertEquals("currentStatus", r.get(0).get("@type").asText());
        assertEquals("SUCCESS", r.get(0).at("/commandStatus/status").asText());
        assertTrue(r.get(0).get("statementText").asText().startsWith("CREATE STREAM orders"));
        assertEquals("currentStatus", r.get(1).get("@type").asText());

        JsonNode streams = r.get(2);
        assertEquals("streams", streams.get("@type").asText());
        JsonNode orders = null;
        for (JsonNode st : streams.get("streams")) {
            if (st.get("name").asText().equals("ORDERS")) {
                orders = st;
            }
        }
        assertTrue(orders != null, streams.toString());
        assertEquals("STREAM", orders.get("type").asText());
        assertEquals("ORDERS", orders.get("name").asText());
        assertEquals("orders", orders.get("topic").asText());
        assertEquals("KAFKA", orders.get("keyFormat").asText());
        assertEquals("JSON", orders.get("valueFormat").asText());
        assertFalse(orders.get("isWindowed").asBoolean());

        JsonNode description = r.get(3).get("sourceDescription");
        assertEquals("sourceDescription", r.get(3).get("@type").asText());
        assertEquals("ORDERS", description.get("name").asText());
        assertEquals(2, description.get("partitions").asInt());
        assertEquals("ID", description.at("/fields/0/name").asText());
        assertEquals("KEY", description.at("/fields/0/type").asText());
        assertEquals("DOUBLE", description.at("/fields/2/schema/type").asText());

        String queryId = r.get(4).at("/commandStatus/queryId").asText();
        assertTrue(queryId.startsWith("CSAS_BIG"), r.get(4).toString());
        JsonNode queries = r.get(5).get("queries");
        assertEquals("queries", r.get(5).get("@type").asText());
        assertEquals(queryId, queries.get(0).get("id").asText());
        assertEquals("BIG", queries.get(0).at("/sinks/0").asText());
        assertEquals("PERSISTENT", queries.get(0).get("queryType").asText());
        assertEquals("RUNNING", queries.get(0).get("state").asText());

        JsonNode explain = api.ok("EXPLAIN " + queryId + ";").get(0);
        assertEquals("queryDescription", explain.get("@type").asText());
        assertEquals(queryId, explain.at("/queryDescription/id").asText());
        assertEquals("ORDERS", explain.at("/queryDescription/sources/0").asText());
        assertFalse(explain.at("/queryDescription/executionPlan").asText().isBlank());

        JsonNode describeBig = api.ok("DESCRIBE orders;").get(0).get("sourceDescription");
        assertEquals(queryId, describeBig.at("/readQueries/0/id").asText());

        JsonNode terminated = api.ok("TERMINATE " + queryId + ";").get(0);
        assertEquals("SUCCESS", terminated.at("/commandStatus/status").asText());
        assertEquals(0, api.ok("SHOW QUERIES;").get(0).get("queries").size());

        JsonNode listings = api.ok("SHOW TOPICS; SHOW FUNCTIONS; DESCRIBE FUNCTION UCASE;"
                + " SHOW PROPERTIES;");
        assertEquals("kafka_topics", listings.get(0).get("@type").asText());
        assertTrue(listings.get(0).get("topics").toString().contains("\"orders\""));
        assertEquals("function_names", listings.get(1).get("@type").asText());
        assertEquals("describe_function", listings.get(2).get("@type").asText());
        assertEquals("UCASE", listings.get(2).get("name").asText());
        assertEquals("properties", listings.get(3).get("@type").asText());
    }

    @Test
    void sessionPropertiesAndVariablesComeFromTheRequest() throws Exception {
        String body = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of(
                "ksql", "CREATE STREAM ${name} (v STRING) WITH (kafka_topic='vars', partitions=1,"
                        + " value_format='JSON'); SHOW PROPERTIES;",
                "streamsProperties", java.util.Map.of("auto.offset.reset", "earliest"),
                "sessionVariables", java.util.Map.of("name", "from_vars")));
        HttpApiSupport.Answer a = api.post("/ksql", body);
        assertEquals(200, a.status(), a.body().toString());
        assertTrue(a.body().get(1).get("properties").toString().contains("earliest"));
        assertTrue(api.server.engine().source("FROM_VARS").isPresent());
    }

    @Test
    void aRejectedStatementIsAStatementErrorWithLineAndColumn() throws Exception {
        HttpApiSupport.Answer a = api.ksql("SHOW STREAMS;\nDESCRIBE no_such_stream;");
        assertEquals(400, a.status());
        assertEquals("statement_error", a.body().get("@type").asText());
        assertEquals(40001, a.body().get("error_code").asInt());
        assertTrue(a.body().get("message").asText().matches("(?s)line 2:\\d+: .*NO_SUCH_STREAM.*"),
                a.body().toString());
        assertEquals("DESCRIBE no_such_stream", a.body().get("statementText").asText());
        assertEquals("streams", a.body().at("/entities/0/@type").asText());

        HttpApiSupport.Answer syntax = api.ksql("SHOW STREAMS;\n  SELEC x FROM y;");
        assertEquals(400, syntax.status());
        assertTrue(syntax.body().get("message").asText().startsWith("line 2:"),
                syntax.body().toString());

        HttpApiSupport.Answer push = api.ksql("SELECT * FROM orders EMIT CHANGES;");
        assertEquals(400, push.status());
        assertEquals(40002, push.body().get("error_code").asInt());
    }

    @Test
    void theLauncherServesHttpOnTheGivenPortAndSaysWhereWhenReady() throws Exception {
        int kafka = ServerProcess.freePort();
        int http = ServerProcess.freePort();
        try (ServerProcess p = ServerProcess.start(dir.resolve("child"), kafka,
                java.util.List.of("--http-port", Integer.toString(http)))) {
            assertTrue(p.log().contains("Sluice ready") && p.log().contains("http://127.0.0.1:"
                    + http), p.log());
            HttpResponse<String> info = api.http1.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + http + "/info")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, info.statusCode());
            assertTrue(info.body().contains("KsqlServerInfo"));
            p.stopCleanly();
        }
    }

    @Test
    void infoHealthcheckAndStatus() throws Exception {
        HttpApiSupport.Answer info = api.get("/info");
        assertEquals(200, info.status());
        JsonNode server = info.body().get("KsqlServerInfo");
        assertEquals(api.server.broker().clusterId(), server.get("kafkaClusterId").asText());
        assertEquals("RUNNING", server.get("serverStatus").asText());
        assertTrue(server.has("version") && server.has("ksqlServiceId"));

        HttpApiSupport.Answer health = api.get("/healthcheck");
        assertEquals(200, health.status());
        assertTrue(health.body().get("isHealthy").asBoolean());
        assertTrue(health.body().at("/details/kafka/isHealthy").asBoolean());

        HttpApiSupport.Answer status = api.get("/status");
        assertEquals(200, status.status());
        assertTrue(status.body().has("commandStatuses"));
    }

    @Test
    void badRequestsGetJsonErrorsWhileAnotherClientKeepsStreaming() throws Exception {
        api.ok("CREATE STREAM IF NOT EXISTS ticks (n INT) WITH (kafka_topic='ticks',"
                + " partitions=1, value_format='JSON');");
        HttpResponse<InputStream> stream = api.http1.send(HttpRequest.newBuilder(
                api.uri("/query-stream")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sql\": \"SELECT n FROM ticks EMIT CHANGES LIMIT 2;\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader rows = new BufferedReader(new InputStreamReader(stream.body(),
                StandardCharsets.UTF_8));
        assertTrue(rows.readLine().contains("\"queryId\""));

        HttpApiSupport.Answer big = api.post("/ksql", "{\"ksql\": \""
                + "x".repeat(2 << 20) + "\"}");
        assertEquals(413, big.status());
        assertEquals("generic_error", big.body().get("@type").asText());
        assertEquals(41300, big.body().get("error_code").asInt());

        HttpApiSupport.Answer malformed = api.post("/ksql", "{\"ksql\": \"SHOW STREAMS;\"");
        assertEquals(400, malformed.status());
        assertEquals(40000, malformed.body().get("error_code").asInt());
        assertTrue(malformed.body().get("message").asText().contains("Malformed JSON"));

        HttpApiSupport.Answer missing = api.post("/ksql", "{\"sql\": \"SHOW STREAMS;\"}");
        assertEquals(400, missing.status());

        HttpApiSupport.Answer unknown = api.post("/nothing-here", "{}");
        assertEquals(404, unknown.status());
        assertEquals(40400, unknown.body().get("error_code").asInt());

        HttpApiSupport.Answer method = api.get("/ksql");
        assertEquals(405, method.status());
        assertEquals(40500, method.body().get("error_code").asInt());

        // garbage on a raw connection: a JSON 400, then the connection closes
        try (Socket s = new Socket("127.0.0.1", api.server.http().address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("BLAH / HTTP/1.1\r\nContent-Length: nope\r\n\r\n".getBytes(
                    StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 4"), reply);
            assertTrue(reply.contains("\"@type\":\"generic_error\""), reply);
        }

        // the streaming client was not disturbed
        api.ok("INSERT INTO ticks (n) VALUES (1); INSERT INTO ticks (n) VALUES (2);");
        assertEquals("[1]", rows.readLine());
        assertEquals("[2]", rows.readLine());
        assertEquals(null, rows.readLine());
        assertEquals(200, api.get("/info").status());
    }
}
