package io.sluice.engine.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlDecimal;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one SQL type's values from Jackson trees and writes them to a Jackson generator, with
 * ksqlDB's coercions. One codec per type, built once per serde ({@link #of}), so that the
 * per-record path only dispatches on prebuilt objects.
 *
 * <p>Reading, by target type (any type reads JSON {@code null}, or a missing field, as null):
 * <ul>
 *   <li>BOOLEAN: a JSON boolean only.</li>
 *   <li>INTEGER, BIGINT, DATE, TIME, TIMESTAMP: a JSON number, fractions truncated toward zero
 *       (ksqlDB reads {@code 1.9} into an INTEGER as 1), or a JSON string holding a decimal
 *       integer ({@code "12"}). A number out of the type's range is an error (ksqlDB wraps it
 *       around silently).</li>
 *   <li>DOUBLE: a JSON number, or a string {@code Double.parseDouble} reads.</li>
 *   <li>DECIMAL(p, s): a JSON number, or a string holding one, read exactly and given scale s;
 *       one that would need rounding, or has more than p - s integer digits, is an error.</li>
 *   <li>STRING: a string as is; a number or boolean as its JSON text; an object as its compact
 *       JSON text; an array as {@code [a, b, null]}, its elements read as STRING.</li>
 *   <li>BYTES: a base64 string.</li>
 *   <li>ARRAY, MAP: a JSON array, a JSON object (its field names are the STRING keys).</li>
 *   <li>STRUCT: a JSON object; each field is the JSON field of the same name, else the one whose
 *       name upper-cased is the field's name (unquoted SQL names are upper-case, so {@code "foo"}
 *       fills {@code FOO} but not {@code `Foo`}); other JSON fields are ignored.</li>
 * </ul>
 *
 * <p>Writing: the value must be of its type's Java class. DECIMAL is written as a JSON number
 * with the type's scale and no exponent, BYTES as a base64 string, DATE, TIME and TIMESTAMP as
 * numbers, STRUCT as an object with the type's field names.
 */
abstract class JsonCodec {

  /**
   * Reads floating-point numbers as exact BigDecimals with their trailing zeros (a DECIMAL keeps
   * every digit, a STRING gets the number's text); never quotes source text in error messages,
   * so that logs do not leak data; writes decimals without exponent, and characters outside the
   * Basic Multilingual Plane as UTF-8 rather than as escaped surrogate pairs.
   */
  static final JsonMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
          .recyclerPool(new RecyclerSlots()).build())
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  final SqlType type;

  JsonCodec(SqlType type) {
    this.type = type;
  }

  /** The codec of a type. MAP keys must be STRING (checked when the serde is built). */
  static JsonCodec of(SqlType type) {
    return switch (type.baseType()) {
      case BOOLEAN -> new BooleanCodec(type);
      case INTEGER, DATE, TIME, BIGINT, TIMESTAMP -> new IntegralCodec(type);
      case DOUBLE -> new DoubleCodec(type);
      case DECIMAL -> new DecimalCodec((SqlDecimal) type);
      case STRING -> new StringCodec(type);
      case BYTES -> new BytesCodec(type);
      case ARRAY -> new JsonContainerCodecs.ArrayCodec((SqlArray) type);
      case MAP -> new JsonContainerCodecs.MapCodec((SqlMap) type);
      case STRUCT -> new JsonContainerCodecs.StructCodec((SqlStruct) type);
    };
  }

  /**
   * The value of a JSON node: null for none, JSON {@code null} or a missing node.
   *
   * @throws BadValue when the node is no value of the type
   */
  final Object read(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return readValue(node);
  }

  /** Reads a node that is not null. */
  abstract Object readValue(JsonNode node);

  /** {@link #readToken}'s answer when the token needs the general path. */
  static final Object NO_FAST_PATH = new Object();

  /**
   * The value of the parser's current token when it is a scalar this codec takes as it is (the
   * per-record fast path: no tree), else {@link #NO_FAST_PATH}; then the caller reads the value
   * as a tree and calls {@link #read}. Must give what {@link #read} would give.
   */
  Object readToken(JsonParser p) throws IOException {
    return NO_FAST_PATH;
  }

  /**
   * Writes a value, null as JSON {@code null}.
   *
   * @throws BadValue when the value is not of the type's Java class
   */
  final void write(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else {
      writeValue(out, value);
    }
  }

  /** Writes a value that is not null. */
  abstract void writeValue(JsonGenerator out, Object value) throws IOException;

  final BadValue mismatch(JsonNode node) {
    return new BadValue("can't convert " + kind(node) + " to " + Scalars.display(type));
  }

  /** What kind of JSON value a node is, for messages: {@code "a JSON string"}. */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a JSON array";
      case OBJECT -> "a JSON object";
      case STRING -> "a JSON string";
      case NUMBER -> "a JSON number";
      case BOOLEAN -> "a JSON boolean";
      default -> "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The fields of one JSON object, looked up as ksqlDB matches them to SQL names: by the name as
   * written, else by the name upper-cased. The upper-cased index is built only when an exact
   * lookup misses; when two JSON fields upper-case to the same name, the later one wins.
   */
  static final class Fields {
    private final ObjectNode object;
    private Map<String, JsonNode> upperCased;

    Fields(ObjectNode object) {
      this.object = object;
    }

    /** The node for the SQL name {@code name}, or null when the object has no such field. */
    JsonNode get(String name) {
      JsonNode node = object.get(name);
      if (node != null) {
        return node;
      }
      if (upperCased == null) {
        upperCased = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
          upperCased.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue());
        }
      }
      return upperCased.get(name);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static final class BooleanCodec extends JsonCodec {
    BooleanCodec(SqlType type) {
      super(type);
    }

    @Override
    Object readToken(JsonParser p) {
      JsonToken t = p.currentToken();
      return t == JsonToken.VALUE_TRUE ? Boolean.TRUE
          : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : NO_FAST_PATH;
    }

    @Override
    Object readValue(JsonNode node) {
      if (node.isBoolean()) {
        return node.booleanValue();
      }
      throw mismatch(node);
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      Scalars.checkClass(value, type);
      out.writeBoolean((Boolean) value);
    }
  }

  /** INTEGER, DATE and TIME (Integer); BIGINT and TIMESTAMP (Long). */
  private static final class IntegralCodec extends JsonCodec {
    private final boolean isLong;

    IntegralCodec(SqlType type) {
      super(type);
      this.isLong = type.javaType() == Long.class;
    }

    @Override
    Object readToken(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return NO_FAST_PATH;
      }
      JsonParser.NumberType n = p.getNumberType();
      if (n == JsonParser.NumberType.INT) {
        return isLong ? (Object) (long) p.getIntValue() : (Object) p.getIntValue();
      }
      return isLong && n == JsonParser.NumberType.LONG ? (Object) p.getLongValue() : NO_FAST_PATH;
    }

    @Override
    Object readValue(JsonNode node) {
      if (node.isTextual()) {
        return Scalars.parseNumber(node.textValue(), type);
      }
      if (!node.isNumber()) {
        throw mismatch(node);
      }
      if (node.isIntegralNumber() && (isLong ? node.canConvertToLong() : node.canConvertToInt())) {
        return isLong ? (Object) node.longValue() : (Object) node.intValue();
      }
      // A fraction, or a number too large: truncate toward zero, then insist on the range.
      BigDecimal truncated = node.decimalValue().setScale(0, RoundingMode.DOWN);
      try {
        return isLong ? (Object) truncated.longValueExact() : (Object) truncated.intValueExact();
      } catch (ArithmeticException e) {
        throw new BadValue("the number is out of range for " + Scalars.display(type));
      }
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      Scalars.checkClass(value, type);
      if (isLong) {
        out.writeNumber((Long) value);
      } else {
        out.writeNumber((Integer) value);
      }
    }
  }

  private static final class DoubleCodec extends JsonCodec {
    DoubleCodec(SqlType type) {
      super(type);
    }

    @Override
    Object readToken(JsonParser p) throws IOException {
      JsonToken t = p.currentToken();
      return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
          ? (Object) p.getValueAsDouble() : NO_FAST_PATH;
    }

    @Override
    Object readValue(JsonNode node) {
      if (node.isNumber()) {
        return node.doubleValue();
      }
      if (node.isTextual()) {
        return Scalars.parseNumber(node.textValue(), type);
      }
      throw mismatch(node);
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      Scalars.checkClass(value, type);
      out.writeNumber((Double) value);
    }
  }

  private static final class DecimalCodec extends JsonCodec {
    private final SqlDecimal decimal;

    DecimalCodec(SqlDecimal type) {
      super(type);
      this.decimal = type;
    }

    @Override
    Object readValue(JsonNode node) {
      if (node.isNumber()) {
        return Scalars.fit(node.decimalValue(), decimal);
      }
      if (node.isTextual()) {
        // ksqlDB takes decimals written as strings too: {"f2": "2"} reads as 2.0 in DECIMAL(2, 1)
        return Scalars.parseNumber(node.textValue(), type);
      }
      throw mismatch(node);
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      Scalars.checkClass(value, type);
      out.writeNumber(Scalars.fit((BigDecimal) value, decimal));
    }
  }

  private static final class StringCodec extends JsonCodec {
    StringCodec(SqlType type) {
      super(type);
    }

    @Override
    Object readToken(JsonParser p) throws IOException {
      return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : NO_FAST_PATH;
    }

    @Override
    Object readValue(JsonNode node) {
      if (node.isTextual()) {
        return node.textValue();
      }
      if (node.isObject()) {
        try {
          return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
          throw new BadValue("can't write a JSON object as text: " + e.getOriginalMessage());
        }
      }
      if (node.isArray()) {
        // ksqlDB's rendering, not JSON: elements read as STRING, joined by ", ", nulls as null.
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(read(node.get(i)));
        }
        return sb.append(']').toString();
      }
      return node.asText();
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      Scalars.checkClass(value, type);
      out.writeString((String) value);
    }
  }

  private static final class BytesCodec extends JsonCodec {
    BytesCodec(SqlType type) {
      super(type);
    }

    @Override
    Object readValue(JsonNode node) {
      if (node.isTextual()) {
        return Scalars.base64(node.textValue());
      }
      throw mismatch(node);
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      out.writeString(Scalars.format(value, type));
    }
  }
}
