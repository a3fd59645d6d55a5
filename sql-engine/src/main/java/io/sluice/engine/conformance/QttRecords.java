package io.sluice.engine.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.sluice.engine.format.Format;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How ksqlDB's query-validation tests write a record's key or value in a case file, per format:
 * JSON as the JSON itself; KAFKA as the JSON scalar of the column's type (BYTES base64); DELIMITED
 * and NONE as a JSON string of the text. And how they compare expected with actual.
 */
public final class QttRecords {

  /** Exact numbers: a case's {@code 10.10} stays 10.10. */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private QttRecords() {}

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes a case's key or value stands for. */
  public static byte[] encode(Format format, List<Column> columns, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    switch (format) {
      case JSON:
        try {
          return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      case KAFKA:
        if (columns.size() == 1) {
          return kafka(columns.get(0).type(), node);
        }
        return text(node).getBytes(StandardCharsets.UTF_8);
      default:
        return text(node).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static byte[] kafka(SqlType type, JsonNode node) {
    return switch (type.baseType()) {
      case INTEGER -> ByteBuffer.allocate(4).putInt(node.asInt()).array();
      case BIGINT -> ByteBuffer.allocate(8).putLong(node.asLong()).array();
      case DOUBLE -> ByteBuffer.allocate(8).putDouble(node.asDouble()).array();
      case BYTES -> Base64.getDecoder().decode(node.asText());
      default -> text(node).getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** The JSON a case would write for these bytes. */
  public static JsonNode decode(Format format, List<Column> columns, byte[] bytes) {
    if (bytes == null) {
      return NullNode.instance;
    }
    switch (format) {
      case JSON:
        try {
          return MAPPER.readTree(bytes);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      case KAFKA:
        if (columns.size() != 1) {
          return NullNode.instance;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return switch (columns.get(0).type().baseType()) {
          case INTEGER -> IntNode.valueOf(b.getInt());
          case BIGINT -> LongNode.valueOf(b.getLong());
          case DOUBLE -> DoubleNode.valueOf(b.getDouble());
          case BYTES -> TextNode.valueOf(Base64.getEncoder().encodeToString(bytes));
          default -> TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        };
      case NONE:
        return NullNode.instance;
      default:
        return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /**
   * Whether actual matches expected as ksqlDB's test runner compares: numbers by value (within
   * 1e-6 when either is not exact), object fields by name as written or upper-cased.
   */
  public static boolean matches(JsonNode expected, JsonNode actual) {
    boolean expectedNull = expected == null || expected.isNull();
    boolean actualNull = actual == null || actual.isNull();
    if (expectedNull || actualNull) {
      return expectedNull && actualNull;
    }
    if (expected.isNumber() && actual.isNumber()) {
      BigDecimal e = expected.decimalValue();
      BigDecimal a = actual.decimalValue();
      return e.compareTo(a) == 0
          || e.subtract(a).abs().compareTo(new BigDecimal("0.000001")) <= 0;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matches(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isObject() && actual.isObject()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        JsonNode a = actual.get(e.getKey());
        if (a == null) {
          a = actual.get(e.getKey().toUpperCase(Locale.ROOT));
        }
        if (a == null || !matches(e.getValue(), a)) {
          return false;
        }
      }
      return true;
    }
    return expected.getNodeType() == actual.getNodeType() && expected.equals(actual);
  }
}
