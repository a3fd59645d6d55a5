package io.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.query.EngineException;

/**
 * An error as ksqlDB's REST API reports it: {@code {"@type": "statement_error" |
 * "generic_error", "error_code": 40001, "message": ..., "statementText": ...}} with the HTTP
 * status that goes with it. Error codes are ksqlDB's: the HTTP status times 100, plus a detail.
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
record ApiError(HttpResponseStatus status, ObjectNode body) {

  static final int BAD_REQUEST = 40000;
  static final int BAD_STATEMENT = 40001;
  static final int QUERY_ENDPOINT = 40002;
  static final int NOT_FOUND = 40400;
  static final int METHOD_NOT_ALLOWED = 40500;
  static final int NOT_ACCEPTABLE = 40600;
  static final int TOO_LARGE = 41300;
  static final int UNSUPPORTED_MEDIA = 41500;
  static final int SERVER_ERROR = 50000;

  /** A generic error: {@code status} and code {@code status * 100}-based as ksqlDB numbers them. */
  static ApiError generic(HttpResponseStatus status, int code, String message) {
    ObjectNode body = Json.object();
    body.put("@type", "generic_error");
    body.put("error_code", code);
    body.put("message", message);
    return new ApiError(status, body);
  }

  static ApiError badRequest(String message) {
    return generic(HttpResponseStatus.BAD_REQUEST, BAD_REQUEST, message);
  }

  /**
   * A rejected statement (HTTP 400, code 40001). The message carries the position as
   * {@code line L:C: ...} when the engine knows it and did not say it already.
   */
  static ApiError statement(EngineException e) {
    return statement(e.statementText(), message(e), BAD_STATEMENT);
  }

  static ApiError statement(String statementText, String message, int code) {
    ObjectNode body = Json.object();
    body.put("@type", "statement_error");
    body.put("error_code", code);
    body.put("message", message);
    body.put("statementText", statementText);
    body.putArray("entities");
    return new ApiError(HttpResponseStatus.BAD_REQUEST, body);
  }

  /** The engine's message with {@code line L:C: } in front when it has a position not shown. */
  static String message(EngineException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e.line().isPresent() && !m.startsWith("line ") && !m.contains("line " + e.line().get()
        + ":")) {
      m = "line " + e.line().get() + ":" + e.column().orElse(0) + ": " + m;
    }
    return m;
  }
}
