package io.sluice.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON for the HTTP API: one mapper, and rows written as ksqlDB's REST API shows values: numbers
 * and booleans as JSON, DECIMAL as a plain number, BYTES as base64, DATE as {@code 2024-01-31},
 * TIME as {@code 10:15:30}, TIMESTAMP as {@code 2024-01-31T10:15:30.000} (UTC), ARRAY as an
 * array, MAP and STRUCT as objects.
 */
final class Json {

  /** Reads floats as BigDecimal so that DECIMAL values posted to the API keep every digit. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
      .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The value's JSON text, UTF-8, in a new buffer. */
  static ByteBuf buffer(ByteBufAllocator alloc, Object value) {
    ByteBuf buf = alloc.buffer();
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
      MAPPER.writeValue((java.io.OutputStream) out, value);
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    return buf;
  }

  /** Writes one row as a JSON array of its values, in column order. */
  static void writeRow(JsonGenerator out, List<Column> columns, List<Object> row)
      throws IOException {
    out.writeStartArray();
    for (int i = 0; i < row.size(); i++) {
      writeValue(out, i < columns.size() ? columns.get(i).type() : null, row.get(i));
    }
    out.writeEndArray();
  }

  /** Writes a runtime value of {@code type} (null type: by the value's Java class). */
  static void writeValue(JsonGenerator out, SqlType type, Object v) throws IOException {
    if (v == null) {
      out.writeNull();
      return;
    }
    if (type != null) {
      switch (type.baseType()) {
        case DATE -> {
          out.writeString(LocalDate.ofEpochDay(((Number) v).longValue()).toString());
          return;
        }
        case TIME -> {
          out.writeString(LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L)
              .toString());
          return;
        }
        case TIMESTAMP -> {
          out.writeString(TIMESTAMP.format(Instant.ofEpochMilli(((Number) v).longValue())));
          return;
        }
        case ARRAY -> {
          out.writeStartArray();
          for (Object e : (List<?>) v) {
            writeValue(out, ((SqlArray) type).element(), e);
          }
          out.writeEndArray();
          return;
        }
        case MAP -> {
          out.writeStartObject();
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            out.writeFieldName(String.valueOf(e.getKey()));
            writeValue(out, ((SqlMap) type).value(), e.getValue());
          }
          out.writeEndObject();
          return;
        }
        case STRUCT -> {
          SqlStruct struct = (SqlStruct) type;
          List<?> values = (List<?>) v;
          out.writeStartObject();
          for (int i = 0; i < struct.fields().size(); i++) {
            out.writeFieldName(struct.fields().get(i).name());
            writeValue(out, struct.fields().get(i).type(), values.get(i));
          }
          out.writeEndObject();
          return;
        }
        default -> {
          // scalars below, by class
        }
      }
    }
    if (v instanceof String s) {
      out.writeString(s);
    } else if (v instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (v instanceof Integer i) {
      out.writeNumber(i);
    } else if (v instanceof Long l) {
      out.writeNumber(l);
    } else if (v instanceof Double d) {
      out.writeNumber(d);
    } else if (v instanceof BigDecimal d) {
      out.writeNumber(d);
    } else if (v instanceof org.apache.calcite.avatica.util.ByteString b) {
      out.writeString(Base64.getEncoder().encodeToString(b.getBytes()));
    } else if (v instanceof byte[] b) {
      out.writeString(Base64.getEncoder().encodeToString(b));
    } else if (v instanceof List<?> list) {
      out.writeStartArray();
      for (Object e : list) {
        writeValue(out, null, e);
      }
      out.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeFieldName(String.valueOf(e.getKey()));
        writeValue(out, null, e.getValue());
      }
      out.writeEndObject();
    } else {
      out.writeString(v.toString());
    }
  }

  /** A field of an object as text, or null when it is missing, null or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode f = node.get(field);
    return f != null && f.isTextual() ? f.asText() : null;
  }
}
