package io.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming endpoints against a real server: push queries over {@code /query-stream} (both
 * content types, HTTP/1.1 and HTTP/2 cleartext) ending at LIMIT, by {@code /close-query} or by the
 * client leaving; {@code /query}; PRINT; {@code /inserts-stream}; the WebSocket.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HttpStreamingIT {

    @TempDir
    static Path dir;
    static HttpApiSupport api;

    @BeforeAll
    static void start() throws Exception {
        api = new HttpApiSupport(dir.resolve("data"));
        api.ok("CREATE STREAM readings (sensor STRING KEY, temp DOUBLE, at TIMESTAMP)"
                + " WITH (kafka_topic='readings', partitions=2, value_format='JSON');");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static HttpRequest queryStream(String sql, String accept) throws Exception {
        // only rows appended from now on: each test inserts what it expects to see
        String body = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("sql", sql,
                "properties", java.util.Map.of("auto.offset.reset", "latest")));
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri("/query-stream"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return b.build();
    }

    private static BufferedReader lines(HttpResponse<InputStream> r) {
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void pushQueryStreamsRowsLiveUntilItsLimit() throws Exception {
        HttpResponse<InputStream> r = api.http1.send(queryStream(
                "SELECT sensor, temp * 10 AS t10, at FROM readings WHERE temp > 0 EMIT CHANGES"
                        + " LIMIT 3;", null), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.ksqlapi.delimited.v1",
                r.headers().firstValue("content-type").orElseThrow());
        BufferedReader in = lines(r);
        JsonNode header = HttpApiSupport.JSON.readTree(in.readLine());
        assertTrue(header.get("queryId").asText().startsWith("transient_"));
        assertEquals("[\"SENSOR\",\"T10\",\"AT\"]", header.get("columnNames").toString());
        assertEquals("[\"STRING\",\"DOUBLE\",\"TIMESTAMP\"]", header.get("columnTypes").toString());
        assertEquals(1, api.pushQueriesListed());

        // each row arrives while the query runs, before the next one is written
        api.ok("INSERT INTO readings (sensor, temp, at) VALUES ('a', 1.5, FROM_UNIXTIME(0));");
        assertEquals("[\"a\",15.0,\"1970-01-01T00:00:00.000\"]", in.readLine());
        api.ok("INSERT INTO readings (sensor, temp) VALUES ('b', -1.0);"
                + " INSERT INTO readings (sensor, temp) VALUES ('c', 2.0);");
        assertEquals("[\"c\",20.0,null]", in.readLine());
        api.ok("INSERT INTO readings (sensor, temp) VALUES ('d', 3.0);"
                + " INSERT INTO readings (sensor, temp) VALUES ('e', 4.0);");
        assertEquals("[\"d\",30.0,null]", in.readLine());
        assertNull(in.readLine(), "the response ends at the LIMIT");
        api.awaitNoPushQueries();
    }

    @Test
    void pullQueryReadsAnAggregatedTable() throws Exception {
        api.ok("CREATE TABLE per_sensor AS SELECT sensor, COUNT(*) AS n FROM readings GROUP BY"
                + " sensor;");
        api.ok("INSERT INTO readings (sensor, temp) VALUES ('p', 1.0);"
                + " INSERT INTO readings (sensor, temp) VALUES ('p', 2.0);");
        long deadline = System.currentTimeMillis() + 20_000;
        String row = null;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<InputStream> r = api.http1.send(queryStream(
                    "SELECT sensor, n FROM per_sensor WHERE sensor = 'p';", null),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            BufferedReader in = lines(r);
            JsonNode header = HttpApiSupport.JSON.readTree(in.readLine());
            assertEquals("[\"SENSOR\",\"N\"]", header.get("columnNames").toString());
            row = in.readLine();
            assertNull(row == null ? null : in.readLine(), "one row at most, then the end");
            if ("[\"p\",2]".equals(row)) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("[\"p\",2]", row, "the pull query sees the committed count");
    }

    @Test
    void jsonContentTypeIsOneArrayAndLegacyQueryHasHeaderRowsAndFinalMessage() throws Exception {
        api.ok("CREATE STREAM shapes (id INT KEY, name STRING) WITH (kafka_topic='shapes',"
                + " partitions=1, value_format='JSON');"
                + " INSERT INTO shapes (id, name) VALUES (1, 'x');"
                + " INSERT INTO shapes (id, name) VALUES (2, 'y');");
        String sql = "SELECT * FROM shapes EMIT CHANGES LIMIT 2;";
        String body = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("sql", sql,
                "properties", java.util.Map.of("auto.offset.reset", "earliest")));
        HttpResponse<String> json = api.http1.send(HttpRequest.newBuilder(api.uri("/query-stream"))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", json.headers().firstValue("content-type").orElseThrow());
        JsonNode array = HttpApiSupport.JSON.readTree(json.body());
        assertEquals(3, array.size(), json.body());
        assertEquals("[\"ID\",\"NAME\"]", array.get(0).get("columnNames").toString());
        assertEquals("[1,\"x\"]", array.get(1).toString());
        assertEquals("[2,\"y\"]", array.get(2).toString());

        String legacyBody = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("ksql", sql,
                "streamsProperties", java.util.Map.of("auto.offset.reset", "earliest")));
        HttpResponse<String> legacy = api.http1.send(HttpRequest.newBuilder(api.uri("/query"))
                .POST(HttpRequest.BodyPublishers.ofString(legacyBody)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode old = HttpApiSupport.JSON.readTree(legacy.body());
        assertEquals(4, old.size(), legacy.body());
        assertEquals("`ID` INTEGER, `NAME` STRING", old.at("/0/header/schema").asText());
        assertEquals("[1,\"x\"]", old.at("/1/row/columns").toString());
        assertEquals("Limit Reached", old.at("/3/finalMessage").asText());

        String print = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("ksql",
                "PRINT shapes FROM BEGINNING LIMIT 2;"));
        HttpResponse<String> printed = api.http1.send(HttpRequest.newBuilder(api.uri("/query"))
                .POST(HttpRequest.BodyPublishers.ofString(print)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> out = printed.body().lines().toList();
        assertEquals(4, out.size(), printed.body());
        assertEquals("Key format: KAFKA_INT", out.get(0));
        assertTrue(out.get(2).matches("rowtime: \\d{4}/\\d\\d/\\d\\d [0-9:.]+ Z, key: 1,"
                + " value: \\{\"NAME\":\"x\"}, partition: 0"), out.get(2));
    }

    @Test
    void closeQueryEndsTheStreamAndTheQuery() throws Exception {
        HttpResponse<InputStream> r = api.http1.send(queryStream(
                "SELECT * FROM readings EMIT CHANGES;", null),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = lines(r);
        String id = HttpApiSupport.JSON.readTree(in.readLine()).get("queryId").asText();
        assertEquals(1, api.pushQueriesListed());
        HttpApiSupport.Answer closed = api.post("/close-query", "{\"queryId\": \"" + id + "\"}");
        assertEquals(200, closed.status());
        assertNull(in.readLine(), "the stream ends when the query is closed");
        api.awaitNoPushQueries();
        assertEquals(400, api.post("/close-query", "{\"queryId\": \"" + id + "\"}").status());
    }

    @Test
    void clientDisconnectEndsTheQuery() throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.server.http().address().getPort())) {
            s.setSoTimeout(20_000);
            byte[] body = "{\"sql\": \"SELECT * FROM readings EMIT CHANGES;\"}"
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /query-stream HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                    + " application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = in.readLine();
            assertEquals("HTTP/1.1 200 OK", status);
            String line;
            while (!(line = in.readLine()).contains("queryId")) {
                assertTrue(line != null);
            }
            assertEquals(1, api.server.engine().pushQueries().size());
        }
        api.awaitNoPushQueries();
    }

    @Test
    void http2CleartextStreamsAQueryByUpgradeAndByPriorKnowledge() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> info = h2.send(HttpRequest.newBuilder(api.uri("/info")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, info.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, info.version(), "upgraded with Upgrade: h2c");

        HttpResponse<InputStream> r = h2.send(queryStream(
                "SELECT sensor FROM readings WHERE sensor = 'h2' EMIT CHANGES LIMIT 2;", null),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        BufferedReader in = lines(r);
        assertTrue(in.readLine().contains("\"columnNames\":[\"SENSOR\"]"));
        api.ok("INSERT INTO readings (sensor, temp) VALUES ('h2', 1.0);");
        assertEquals("[\"h2\"]", in.readLine());
        api.ok("INSERT INTO readings (sensor, temp) VALUES ('h2', 2.0);");
        assertEquals("[\"h2\"]", in.readLine());
        assertNull(in.readLine());

        // the connection preface straight away: the server answers with its SETTINGS frame
        try (Socket s = new Socket("127.0.0.1", api.server.http().address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            out.flush();
            byte[] frame = s.getInputStream().readNBytes(9);
            assertEquals(9, frame.length);
            assertEquals(4, frame[3], "a SETTINGS frame");
        }
    }

    @Test
    void manyRowsFlowOverHttp2WithFlowControl() throws Exception {
        api.ok("CREATE STREAM bulk (id INT KEY, pad STRING) WITH (kafka_topic='bulk',"
                + " partitions=1, value_format='JSON');");
        String pad = "p".repeat(200);
        StringBuilder rows = new StringBuilder("{\"target\": \"bulk\"}\n");
        int n = 3000;
        for (int i = 0; i < n; i++) {
            rows.append("{\"id\": ").append(i).append(", \"pad\": \"").append(pad).append("\"}\n");
        }
        HttpResponse<String> acks = api.http1.send(HttpRequest.newBuilder(
                api.uri("/inserts-stream")).POST(HttpRequest.BodyPublishers.ofString(
                rows.toString())).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ackLines = acks.body().lines().toList();
        assertEquals(n, ackLines.size(), acks.body().substring(0, 300));
        assertEquals("{\"status\":\"ok\",\"seq\":0}", ackLines.get(0));
        assertEquals("{\"status\":\"ok\",\"seq\":" + (n - 1) + "}", ackLines.get(n - 1));

        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        h2.send(HttpRequest.newBuilder(api.uri("/info")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String body = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("sql",
                "SELECT id, pad FROM bulk EMIT CHANGES LIMIT " + n + ";",
                "properties", java.util.Map.of("auto.offset.reset", "earliest")));
        HttpResponse<InputStream> r = h2.send(HttpRequest.newBuilder(api.uri("/query-stream"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        BufferedReader in = lines(r);
        in.readLine();
        // a slow start: the server must hold rows back, not drop them
        Thread.sleep(500);
        for (int i = 0; i < n; i++) {
            assertEquals("[" + i + ",\"" + pad + "\"]", in.readLine());
        }
        assertNull(in.readLine());
    }

    @Test
    void aClientThatDoesNotReadHoldsItsQueryBackAndLosesNoRow() throws Exception {
        api.ok("CREATE STREAM flood (id INT KEY, pad STRING) WITH (kafka_topic='flood',"
                + " partitions=1, value_format='JSON');");
        // 15 MB: more than the kernel's socket buffers (up to 4 MB to send) can absorb
        int n = 15_000;
        String pad = "f".repeat(1000);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(8192);
            s.connect(api.server.http().address());
            s.setSoTimeout(30_000);
            byte[] body = ("{\"sql\": \"SELECT id, pad FROM flood EMIT CHANGES LIMIT " + n
                    + ";\", \"properties\": {\"auto.offset.reset\": \"earliest\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /query-stream HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = in.readLine(); !line.contains("queryId"); line = in.readLine()) {
                assertTrue(line != null);
            }
            // the rows arrive while the client reads nothing
            StringBuilder rows = new StringBuilder("{\"target\": \"flood\"}\n");
            for (int i = 0; i < n; i++) {
                rows.append("{\"id\": ").append(i).append(", \"pad\": \"").append(pad)
                        .append("\"}\n");
            }
            HttpResponse<String> acks = api.http1.send(HttpRequest.newBuilder(
                    api.uri("/inserts-stream")).POST(HttpRequest.BodyPublishers.ofString(
                    rows.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(n, acks.body().lines().count());
            assertEquals(1, api.server.engine().pushQueries().size(), "held back, not done");
            int next = 0;
            for (String line; next < n && (line = in.readLine()) != null; ) {
                if (line.startsWith("[")) {
                    assertEquals("[" + next + ",\"" + pad + "\"]", line);
                    next++;
                }
            }
            assertEquals(n, next);
        }
        api.awaitNoPushQueries();
    }

    @Test
    void insertsStreamAcksRowsAndReportsABadOne() throws Exception {
        api.ok("CREATE STREAM inbox (id INT KEY, msg STRING) WITH (kafka_topic='inbox',"
                + " partitions=1, value_format='JSON');");
        HttpResponse<String> r = api.http1.send(HttpRequest.newBuilder(api.uri("/inserts-stream"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"inbox\"}\n"
                        + "{\"id\": 1, \"msg\": \"hi\"}\n{\"ID\": 2, \"MSG\": \"there\"}\n"
                        + "{\"id\": \"not a number\"}\n{\"id\": 4}\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        List<String> lines = r.body().lines().toList();
        assertEquals(3, lines.size(), r.body());
        assertEquals("{\"status\":\"ok\",\"seq\":0}", lines.get(0));
        assertEquals("{\"status\":\"ok\",\"seq\":1}", lines.get(1));
        JsonNode error = HttpApiSupport.JSON.readTree(lines.get(2));
        assertEquals("error", error.get("status").asText());
        assertEquals(2, error.get("seq").asInt());

        String body = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("sql",
                "SELECT * FROM inbox EMIT CHANGES LIMIT 2;",
                "properties", java.util.Map.of("auto.offset.reset", "earliest")));
        HttpResponse<String> rows = api.http1.send(HttpRequest.newBuilder(
                api.uri("/query-stream")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> got = rows.body().lines().toList();
        assertEquals(List.of("[1,\"hi\"]", "[2,\"there\"]"), got.subList(1, got.size()));

        HttpApiSupport.Answer unknown = api.post("/inserts-stream", "{\"target\":\"nope\"}\n");
        assertEquals(400, unknown.status());
        assertEquals("statement_error", unknown.body().get("@type").asText());
    }

    @Test
    void printStreamsTheTopicOverQueryStream() throws Exception {
        api.ok("CREATE STREAM notes (txt STRING) WITH (kafka_topic='Notes', partitions=1,"
                + " value_format='JSON'); INSERT INTO notes (txt) VALUES ('one');");
        HttpResponse<String> r = api.http1.send(queryStream(
                "PRINT 'Notes' FROM BEGINNING LIMIT 1;", null), HttpResponse.BodyHandlers.ofString());
        List<String> lines = r.body().lines().toList();
        assertEquals(4, lines.size(), r.body());
        assertTrue(lines.get(0).contains("\"columnNames\":[\"RECORD\"]"));
        assertTrue(lines.get(3).contains("value: {\\\"TXT\\\":\\\"one\\\"}"), lines.get(3));

        HttpResponse<String> missing = api.http1.send(queryStream("PRINT nothing_here;", null),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("nothing_here"));
    }

    @Test
    void webSocketStreamsAPushQuery() throws Exception {
        api.ok("CREATE STREAM ws_in (v INT) WITH (kafka_topic='ws_in', partitions=1,"
                + " value_format='JSON'); INSERT INTO ws_in (v) VALUES (7);"
                + " INSERT INTO ws_in (v) VALUES (8);");
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        String request = HttpApiSupport.JSON.writeValueAsString(java.util.Map.of("ksql",
                "SELECT v FROM ws_in EMIT CHANGES LIMIT 2;", "streamsProperties",
                java.util.Map.of("auto.offset.reset", "earliest")));
        java.net.URI uri = java.net.URI.create(api.base.replace("http://", "ws://")
                + "/ws/query?request=" + java.net.URLEncoder.encode(request, StandardCharsets.UTF_8));
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.complete(status);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(messages.poll(20, TimeUnit.SECONDS));
        }
        assertTrue(got.get(0).contains("\"columnNames\":[\"V\"]"), got.toString());
        assertEquals(List.of("[7]", "[8]"), got.subList(1, 3));
        assertEquals(1000, closed.get(20, TimeUnit.SECONDS));
        api.awaitNoPushQueries();
    }

    @Test
    void queryStreamErrorsAreStatementErrors() throws Exception {
        HttpResponse<String> r = api.http1.send(queryStream(
                "SELECT nope FROM readings EMIT CHANGES;", null), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        JsonNode error = HttpApiSupport.JSON.readTree(r.body());
        assertEquals("statement_error", error.get("@type").asText());
        assertTrue(error.get("message").asText().matches("(?s)line 1:\\d+: .*"), r.body());
    }
}
