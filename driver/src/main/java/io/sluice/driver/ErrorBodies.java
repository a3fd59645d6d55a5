package io.sluice.driver;

import com.fasterxml.jackson.databind.JsonNode;

/** ksqlDB's error objects ({@code @type} statement_error or generic_error) as exceptions. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static SluiceException toException(JsonNode error, String statement) {
        String message = Json.text(error, "message");
        if (message.isEmpty()) {
            message = Json.text(error, "errorMessage");
        }
        if (message.isEmpty()) {
            return new SluiceException("the server sent " + Json.abbreviate(error.toString()));
        }
        int code = error.path("error_code").asInt(error.path("errorCode").asInt(0));
        String text = error.has("statementText") ? Json.text(error, "statementText") : statement;
        return new StatementException(code, message, text, position(error));
    }

    /** An explicit position, when the server sends one as fields rather than in the message. */
    private static StatementException.Position position(JsonNode error) {
        JsonNode line = error.get("line");
        JsonNode column = error.get("column");
        if (line == null || column == null || !line.canConvertToInt() || !column.canConvertToInt()) {
            return null;
        }
        return new StatementException.Position(line.asInt(), Math.max(1, column.asInt()));
    }

    /** The exception for an HTTP error status, from the body when it is ksqlDB's error JSON. */
    static SluiceException forStatus(int status, String body, String statement) {
        if (body != null && body.trim().startsWith("{")) {
            try {
                return toException(Json.parse(body), statement);
            } catch (SluiceException notJson) {
                // fall through to the plain message
            }
        }
        return new SluiceException("HTTP " + status + (body == null || body.isBlank() ? "" : ": " + Json.abbreviate(body.trim())));
    }
}
