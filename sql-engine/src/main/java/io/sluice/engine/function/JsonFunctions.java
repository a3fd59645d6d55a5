package io.sluice.engine.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.types.Struct;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;

/**
 * ksqlDB's JSON functions over JSON text. Text that is not JSON (or not of the kind a function
 * needs) gives null, or false for the predicates. Numbers keep their written form ({@code 1.50}
 * stays {@code 1.50}).
 */
@FunctionCategory(FunctionCategory.JSON)
public final class JsonFunctions {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Floats parse to BigDecimal with their trailing zeros, so numbers keep their text. */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private JsonFunctions() {}

  /** The parsed text, or null if it is null or not JSON. */
  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      return n == null || n.isMissingNode() ? null : n;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Udf(name = "EXTRACTJSONFIELD", description = "The value at a JSONPath ($.a.b, $.a[0], "
      + "$['a']) in json: a string's text, other values as JSON; null if absent")
  public static String extractJsonField(String json, String path) {
    JsonNode n = parse(json);
    if (n == null || path == null) {
      return null;
    }
    for (Object step : JsonPath.steps(path)) {
      if (step instanceof Integer i) {
        n = n.isArray() && i >= 0 ? n.get(i) : null;
      } else {
        n = n.isObject() ? n.get((String) step) : null;
      }
      if (n == null) {
        return null;
      }
    }
    return n.isNull() ? null : n.isTextual() ? n.asText() : write(n);
  }

  @Udf(name = "IS_JSON_STRING", description = "Whether json is valid JSON text; false for null")
  public static Boolean isJsonString(String json) {
    return parse(json) != null;
  }

  @Udf(name = "JSON_ARRAY_LENGTH", description = "The number of elements of the JSON array "
      + "jsonArray; null if it is not one")
  public static Integer jsonArrayLength(String jsonArray) {
    JsonNode n = parse(jsonArray);
    return n != null && n.isArray() ? n.size() : null;
  }

  @Udf(name = "JSON_ARRAY_CONTAINS", description = "Whether the JSON array jsonArray has an "
      + "element equal to val (same JSON kind and value); false if it is not an array")
  public static Boolean jsonArrayContains(String jsonArray, @Sql("T") Object val) {
    JsonNode n = parse(jsonArray);
    if (n == null || !n.isArray()) {
      return false;
    }
    for (JsonNode e : n) {
      if (matches(e, val)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(JsonNode e, Object val) {
    if (val == null) {
      return e.isNull();
    } else if (val instanceof String s) {
      return e.isTextual() && e.asText().equals(s);
    } else if (val instanceof Boolean b) {
      return e.isBoolean() && e.asBoolean() == b;
    } else if (val instanceof Integer || val instanceof Long) {
      return e.isIntegralNumber() && e.canConvertToLong() && e.asLong() == ((Number) val)
          .longValue();
    } else if (val instanceof Double d) {
      return e.isFloatingPointNumber() && e.asDouble() == d;
    } else if (val instanceof BigDecimal d) {
      return e.isNumber() && e.decimalValue().compareTo(d) == 0;
    }
    return false;
  }

  @Udf(name = "JSON_KEYS", returns = "ARRAY<STRING>",
      description = "The keys of the JSON object json; null if it is not one")
  public static List<String> jsonKeys(String json) {
    JsonNode n = parse(json);
    if (n == null || !n.isObject()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Udf(name = "JSON_RECORDS", returns = "MAP<STRING, STRING>", description = "The entries of "
      + "the JSON object json, values as text (strings unquoted); null if it is not one")
  public static Map<String, String> jsonRecords(String json) {
    JsonNode n = parse(json);
    if (n == null || !n.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isTextual() ? v.asText() : write(v));
    }
    return out;
  }

  @Udf(name = "JSON_CONCAT", description = "The JSON texts merged: objects into one object (a "
      + "later key wins), otherwise one array of the arrays' elements and the other values; "
      + "null if any is not JSON")
  public static String jsonConcat(String... jsons) {
    if (jsons == null || jsons.length == 0) {
      return null;
    }
    List<JsonNode> nodes = new ArrayList<>();
    boolean allObjects = true;
    for (String j : jsons) {
      JsonNode n = parse(j);
      if (n == null) {
        return null;
      }
      nodes.add(n);
      allObjects &= n.isObject();
    }
    if (allObjects) {
      ObjectNode out = NODES.objectNode();
      nodes.forEach(n -> out.setAll((ObjectNode) n));
      return write(out);
    }
    ArrayNode out = NODES.arrayNode();
    for (JsonNode n : nodes) {
      if (n.isArray()) {
        out.addAll((ArrayNode) n);
      } else {
        out.add(n);
      }
    }
    return write(out);
  }

  // ---------------------------------------------------------------------------------------------
  // TO_JSON_STRING

  @Udf(name = "TO_JSON_STRING", description = "input as JSON text (null as null; a STRUCT as "
      + "an object; BYTES as base64; DECIMAL as a number)")
  public static String toJsonString(@Sql("T") Object input) {
    return write(node(input));
  }

  @Udf(name = "TO_JSON_STRING", description = "A DATE as a JSON string yyyy-MM-dd")
  public static String dateToJsonString(@Sql("DATE") Integer input) {
    return write(input == null ? NODES.nullNode()
        : NODES.textNode(LocalDate.ofEpochDay(input).toString()));
  }

  @Udf(name = "TO_JSON_STRING", description = "A TIME as a JSON string HH:mm:ss.SSS")
  public static String timeToJsonString(@Sql("TIME") Integer input) {
    return write(input == null ? NODES.nullNode()
        : NODES.textNode(TIME.format(LocalTime.ofNanoOfDay(input * 1_000_000L))));
  }

  @Udf(name = "TO_JSON_STRING", description = "A TIMESTAMP as a JSON string "
      + "yyyy-MM-ddTHH:mm:ss.SSS (UTC)")
  public static String timestampToJsonString(@Sql("TIMESTAMP") Long input) {
    return write(input == null ? NODES.nullNode()
        : NODES.textNode(TIMESTAMP.format(Instant.ofEpochMilli(input))));
  }

  private static JsonNode node(Object v) {
    if (v == null) {
      return NODES.nullNode();
    } else if (v instanceof Struct s) {
      ObjectNode o = NODES.objectNode();
      for (int i = 0; i < s.size(); i++) {
        o.set(s.fieldNames().get(i), node(s.get(i)));
      }
      return o;
    } else if (v instanceof List<?> l) {
      ArrayNode a = NODES.arrayNode();
      l.forEach(e -> a.add(node(e)));
      return a;
    } else if (v instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      m.forEach((k, e) -> o.set(String.valueOf(k), node(e)));
      return o;
    } else if (v instanceof BigDecimal d) {
      return NODES.numberNode(d);
    } else if (v instanceof ByteString b) {
      return NODES.textNode(Base64.getEncoder().encodeToString(b.getBytes()));
    }
    return MAPPER.valueToTree(v);
  }
}
