package io.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.query.EngineException;
import io.sluice.engine.query.Session;
import io.sluice.engine.query.StatementResult;
import io.sluice.grammar.ParsedStatement;
import io.sluice.grammar.ast.Print;
import io.sluice.grammar.ast.Query;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ksql} with {@code {"ksql": "...", "streamsProperties": {...}, "sessionVariables":
 * {...}}}: runs the statements in order in a session made for the request (the properties as if
 * SET, the variables as if DEFINEd) and answers a JSON array with one entity per statement. The
 * first statement that fails ends the request with HTTP 400 and a {@code statement_error} whose
 * {@code entities} are the results of the statements before it (those stay done). Push queries and
 * PRINT belong to {@code /query-stream} and are refused with code 40002.
 */
final class KsqlExchange extends Exchange {

  private static final Logger LOG = LoggerFactory.getLogger(KsqlExchange.class);

  KsqlExchange(ApiContext api, ChannelHandlerContext ctx, HttpRequest request) {
    super(api, ctx, request, api.maxBodyBytes());
  }

  @Override
  void onBody(byte[] bytes) {
    Request r;
    try {
      r = Request.parse(bytes, "ksql");
    } catch (IllegalArgumentException e) {
      respond(ApiError.badRequest(e.getMessage()));
      return;
    }
    try {
      api.workers().execute(() -> run(r));
    } catch (RejectedExecutionException e) {
      respond(ApiError.generic(HttpResponseStatus.SERVICE_UNAVAILABLE, 50300,
          "The server is shutting down"));
    }
  }

  private void run(Request r) {
    Session session = r.session();
    Entities entities = new Entities(api.engine());
    ArrayNode done = Json.MAPPER.createArrayNode();
    String current = r.sql();
    try {
      List<ParsedStatement> statements = api.engine().parse(r.sql(), session);
      for (ParsedStatement p : statements) {
        current = p.text();
        if (p.statement() instanceof Query || p.statement() instanceof Print) {
          ApiError e = ApiError.statement(p.text(), "The following statement types should be"
              + " issued to the query endpoint '/query-stream' (or '/query'): SELECT ... EMIT"
              + " CHANGES, PRINT", ApiError.QUERY_ENDPOINT);
          e.body().set("entities", done);
          respond(e);
          return;
        }
        StatementResult result = api.engine().execute(p, session);
        done.add(entities.of(p, result));
      }
      respond(HttpResponseStatus.OK, done);
    } catch (EngineException e) {
      ApiError error = ApiError.statement(e);
      error.body().set("entities", done);
      respond(error);
    } catch (RuntimeException e) {
      LOG.warn("statement failed: {}", current, e);
      ApiError error = ApiError.statement(current, "Statement failed: " + e, ApiError.SERVER_ERROR);
      error.body().set("entities", done);
      respond(error);
    }
  }

  /**
   * A statement request's fields.
   *
   * @param sql the statements
   * @param properties session properties (values as text)
   * @param variables session variables
   */
  record Request(String sql, Map<String, String> properties, Map<String, String> variables) {

    /**
     * Reads {@code {"<sqlField>": "...", "streamsProperties"|"properties": {...},
     * "sessionVariables": {...}}}.
     *
     * @throws IllegalArgumentException for malformed JSON or a missing statement, saying which
     */
    static Request parse(byte[] body, String sqlField) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("Malformed JSON in the request body: "
            + e.getOriginalMessage() + (e.getLocation() == null ? "" : " at line "
                + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("Unreadable request body: " + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("The request body must be a JSON object with a \""
            + sqlField + "\" field");
      }
      String sql = Json.text(root, sqlField);
      if (sql == null) {
        throw new IllegalArgumentException("The request needs a \"" + sqlField + "\" field with"
            + " the statement text");
      }
      Map<String, String> props = strings(root.get("streamsProperties"));
      props.putAll(strings(root.get("properties")));
      return new Request(sql, props, strings(root.get("sessionVariables")));
    }

    private static Map<String, String> strings(JsonNode node) {
      Map<String, String> m = new java.util.TreeMap<>();
      if (node != null && node.isObject()) {
        node.properties().forEach(e -> {
          JsonNode v = e.getValue();
          if (!v.isNull()) {
            m.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
          }
        });
      }
      return m;
    }

    Session session() {
      Session s = new Session(properties);
      s.variables().putAll(variables);
      return s;
    }
  }
}
