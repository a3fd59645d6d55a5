package io.sluice.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * A client of Sluice's ksqlDB-compatible HTTP API. Thread-safe; one instance shares one HTTP
 * client (HTTP/2 over cleartext when the server upgrades, HTTP/1.1 otherwise). Creating it does not
 * contact the server; every call does and raises {@link SluiceException} when it cannot.
 */
public final class SluiceClient implements AutoCloseable {

    static final String KSQL_JSON = "application/vnd.ksql.v1+json";
    static final String DELIMITED = "application/vnd.ksqlapi.delimited.v1";

    private final URI server;
    private final HttpClient http;
    private final Duration requestTimeout;

    private SluiceClient(URI server, Duration requestTimeout) {
        this.server = server;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A client of the server at {@code url}, e.g. {@code http://127.0.0.1:8088}. */
    public static SluiceClient connect(String url) {
        return connect(url, Duration.ofMinutes(5));
    }

    /**
     * A client whose non-streaming requests wait at most {@code requestTimeout} for the server's
     * answer (statements such as CREATE ... AS SELECT can take a while).
     */
    public static SluiceClient connect(String url, Duration requestTimeout) {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http://host:port server address: " + url);
        }
        return new SluiceClient(uri, requestTimeout);
    }

    public URI server() {
        return server;
    }

    /** {@code GET /info}. */
    public ServerInfo info() {
        JsonNode body = Json.parse(send(get("/info"), "").body());
        JsonNode i = body.has("KsqlServerInfo") ? body.get("KsqlServerInfo") : body;
        return new ServerInfo(Json.text(i, "version"), Json.text(i, "kafkaClusterId"),
                Json.text(i, "ksqlServiceId"), Json.text(i, "serverStatus"));
    }

    /** {@code GET /healthcheck}: true when the server answers and says it is healthy. */
    public boolean healthy() {
        try {
            HttpResponse<String> r = http.send(get("/healthcheck"), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && Json.parse(r.body()).path("isHealthy").asBoolean(true);
        } catch (IOException | SluiceException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs statements other than SELECT on {@code POST /ksql}. */
    public List<Entity> execute(String sql) {
        return execute(sql, Map.of(), Map.of());
    }

    /**
     * Runs one or more {@code ;}-separated statements on {@code POST /ksql}.
     *
     * @param properties sent as {@code streamsProperties} (e.g. auto.offset.reset)
     * @param variables sent as {@code sessionVariables} for {@code ${name}} substitution
     * @throws StatementException when the server refuses a statement
     */
    public List<Entity> execute(String sql, Map<String, ?> properties, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ksql", sql);
        body.put("streamsProperties", properties);
        if (!variables.isEmpty()) {
            body.put("sessionVariables", variables);
        }
        HttpResponse<String> r = send(post("/ksql", Json.write(body), KSQL_JSON), sql);
        return EntityParser.parseAll(Json.parse(r.body()));
    }

    /** Starts a push or pull query on {@code POST /query-stream}; see {@link QueryStream}. */
    public QueryStream query(String sql) {
        return query(sql, Map.of());
    }

    /**
     * Starts a query and returns once the server sent the header.
     *
     * @param properties sent as {@code properties} (e.g. auto.offset.reset)
     * @throws StatementException when the server refuses the query
     */
    public QueryStream query(String sql, Map<String, ?> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sql", sql);
        body.put("properties", properties);
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/query-stream"))
                .header("Content-Type", "application/json")
                .header("Accept", DELIMITED)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        QueryStream.LineChannel lines = new QueryStream.LineChannel();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, info -> {
            status.complete(info.statusCode());
            return BodySubscribers.fromLineSubscriber(new LineSubscriber(lines), s -> null, StandardCharsets.UTF_8, null);
        });
        response.whenComplete((r, e) -> {
            if (e != null) {
                status.completeExceptionally(e);
                lines.onEnd(e);
            }
        });
        int code = await(status);
        if (code >= 400) {
            throw ErrorBodies.forStatus(code, drain(lines), sql);
        }
        return new QueryStream(lines, this::closeQuery);
    }

    /** {@code POST /close-query}: stops a push query the server still runs. */
    public void closeQuery(String queryId) {
        // short: it runs when a user stops a query, who should not wait long for a server that is away
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/close-query")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("queryId", queryId)))).build();
        send(request, "");
    }

    /**
     * Inserts rows into a stream on {@code POST /inserts-stream}, one JSON object per row (column
     * name to value), and returns the number the server acknowledged.
     *
     * @throws StatementException for the first row the server refused
     */
    public int insert(String target, List<Map<String, ?>> rows) {
        StringBuilder body = new StringBuilder(Json.write(Map.of("target", target))).append('\n');
        rows.forEach(r -> body.append(Json.write(r)).append('\n'));
        HttpResponse<String> r = send(post("/inserts-stream", body.toString(), DELIMITED), "");
        int acked = 0;
        for (String line : r.body().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode ack = Json.parse(line);
            if (!"ok".equals(Json.text(ack, "status"))) {
                throw ErrorBodies.toException(ack, "INSERT INTO " + target);
            }
            acked++;
        }
        return acked;
    }

    /** The HTTP version the last connection settled on, by asking {@code /healthcheck}. */
    public HttpClient.Version protocol() {
        return send(get("/healthcheck"), "").version();
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads end once it is unreachable
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
    }

    private HttpRequest post(String path, String body, String accept) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request, String statement) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new SluiceException("cannot reach the server at " + server + " (" + e + ")", e);
        } catch (IOException e) {
            throw new SluiceException("request to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("interrupted while waiting for " + request.uri(), e);
        }
        if (r.statusCode() >= 400) {
            throw ErrorBodies.forStatus(r.statusCode(), r.body(), statement);
        }
        return r;
    }

    private int await(CompletableFuture<Integer> status) {
        try {
            return status.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("interrupted while starting the query", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String what = cause instanceof ConnectException ? "cannot reach the server at " + server : "the query failed";
            throw new SluiceException(what + " (" + cause + ")", cause);
        }
    }

    private static String drain(QueryStream.LineChannel lines) {
        List<String> out = new ArrayList<>();
        for (QueryStream.LineChannel.Item i; !(i = lines.take(Long.MAX_VALUE, null)).end(); ) {
            out.add(i.line());
        }
        return String.join("\n", out);
    }

    /**
     * Feeds body lines into the channel as fast as they arrive; a push query's rate is the server's
     * to bound, and the reader must see every row that arrived before it cancels.
     */
    private static final class LineSubscriber implements Flow.Subscriber<String> {
        private final QueryStream.LineChannel lines;

        LineSubscriber(QueryStream.LineChannel lines) {
            this.lines = lines;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            lines.setCanceller(s::cancel);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.onLine(line);
        }

        @Override
        public void onError(Throwable t) {
            lines.onEnd(t);
        }

        @Override
        public void onComplete() {
            lines.onEnd(null);
        }
    }
}
