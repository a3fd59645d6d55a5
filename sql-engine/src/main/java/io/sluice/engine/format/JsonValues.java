package io.sluice.engine.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.engine.types.SqlType;

/**
 * JSON trees to runtime values (the representation {@link SqlType} documents) with the JSON
 * format's coercions, for values that arrive as JSON outside a record (rows posted to the HTTP
 * API's {@code /inserts-stream}).
 */
public final class JsonValues {

  private JsonValues() {}

  /**
   * The value of {@code node} as {@code type}: null for a missing node or JSON null.
   *
   * @throws IllegalArgumentException when the node is no value of the type, with what is wrong
   */
  public static Object read(SqlType type, JsonNode node) {
    try {
      return JsonCodec.of(type).read(node);
    } catch (BadValue e) {
      throw new IllegalArgumentException(e.path().isEmpty() ? e.getMessage()
          : e.path() + ": " + e.getMessage());
    }
  }
}
