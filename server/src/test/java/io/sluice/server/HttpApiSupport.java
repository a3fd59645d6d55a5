package io.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A Sluice server in this JVM (broker, engine and HTTP API on free loopback ports) and helpers to
 * call its HTTP API with the JDK's HTTP client.
 */
final class HttpApiSupport implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final SluiceServer server;
    final String base;
    final HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    HttpApiSupport(Path dataDir) throws IOException, InterruptedException {
        server = SluiceServer.start(ServerOptions.from(Map.of("data.dir", dataDir.toString(),
                "kafka.port", "0", "http.port", "0")));
        base = server.http().url();
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** Posts statements to /ksql; the status and the parsed body. */
    Answer ksql(String sql) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("ksql", sql, "streamsProperties", Map.of()));
        return post("/ksql", body);
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http1.send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http1.send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    /** Runs statements that must succeed; the entities. */
    JsonNode ok(String sql) throws IOException, InterruptedException {
        Answer a = ksql(sql);
        if (a.status() != 200) {
            throw new AssertionError("/ksql answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    /** The ids of the push queries SHOW QUERIES lists. */
    long pushQueriesListed() throws IOException, InterruptedException {
        JsonNode queries = ok("SHOW QUERIES;").get(0).get("queries");
        long n = 0;
        for (JsonNode q : queries) {
            if (q.get("queryType").asText().equals("PUSH")) {
                n++;
            }
        }
        return n;
    }

    /** Waits until no push query runs (engine and SHOW QUERIES), failing after 20 s. */
    void awaitNoPushQueries() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (server.engine().pushQueries().isEmpty() && pushQueriesListed() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("push queries still running: " + server.engine().pushQueries());
    }

    record Answer(int status, JsonNode body) {}

    @Override
    public void close() throws IOException {
        server.close();
    }
}
