package io.sluice.engine.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.types.SqlArray;
import io.sluice.engine.types.SqlMap;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.Struct;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link JsonCodec}s of ARRAY, MAP and STRUCT: they read and write their elements, values and
 * fields with their types' codecs, and put their part of the path ({@code [2]}, {@code [*]} for a
 * map value, {@code .F}) before the path of a bad value inside.
 */
final class JsonContainerCodecs {

  private JsonContainerCodecs() {}

  static final class ArrayCodec extends JsonCodec {
    private final JsonCodec element;

    ArrayCodec(SqlArray type) {
      super(type);
      this.element = of(type.element());
    }

    @Override
    Object readValue(JsonNode node) {
      if (!node.isArray()) {
        throw mismatch(node);
      }
      List<Object> list = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        try {
          list.add(element.read(node.get(i)));
        } catch (BadValue e) {
          throw e.prepend("[" + i + "]");
        }
      }
      return list;
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      if (!(value instanceof List<?> list)) {
        throw new BadValue("expected a java.util.List for " + Scalars.display(type) + ", got "
            + value.getClass().getName());
      }
      out.writeStartArray();
      for (int i = 0; i < list.size(); i++) {
        try {
          element.write(out, list.get(i));
        } catch (BadValue e) {
          throw e.prepend("[" + i + "]");
        }
      }
      out.writeEndArray();
    }
  }

  static final class MapCodec extends JsonCodec {
    /** Map keys are data: paths name the map, not the key. */
    private static final String ANY_KEY = "[*]";

    private final JsonCodec value;

    MapCodec(SqlMap type) {
      super(type);
      this.value = of(type.value());
    }

    @Override
    Object readValue(JsonNode node) {
      if (!node.isObject()) {
        throw mismatch(node);
      }
      Map<String, Object> map = new LinkedHashMap<>(Math.max(4, node.size() * 4 / 3 + 1));
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        try {
          map.put(e.getKey(), value.read(e.getValue()));
        } catch (BadValue bad) {
          throw bad.prepend(ANY_KEY);
        }
      }
      return map;
    }

    @Override
    void writeValue(JsonGenerator out, Object map) throws IOException {
      if (!(map instanceof Map<?, ?> m)) {
        throw new BadValue("expected a java.util.Map for " + Scalars.display(type) + ", got "
            + map.getClass().getName());
      }
      out.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = e.getKey();
        if (k != null && !(k instanceof String)) {
          throw new BadValue("expected java.lang.String MAP keys, got " + k.getClass().getName());
        }
        // JSON has no null field name: ksqlDB writes a null key as the text "null".
        out.writeFieldName(k == null ? "null" : (String) k);
        try {
          value.write(out, e.getValue());
        } catch (BadValue bad) {
          throw bad.prepend(ANY_KEY);
        }
      }
      out.writeEndObject();
    }
  }

  static final class StructCodec extends JsonCodec {
    private final List<String> names;
    private final JsonCodec[] fields;

    StructCodec(SqlStruct type) {
      super(type);
      this.names = type.fieldNames();
      this.fields = type.fields().stream().map(f -> of(f.type())).toArray(JsonCodec[]::new);
    }

    @Override
    Object readValue(JsonNode node) {
      if (!node.isObject()) {
        throw mismatch(node);
      }
      Fields json = new Fields((ObjectNode) node);
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        String name = names.get(i);
        try {
          values[i] = fields[i].read(json.get(name));
        } catch (BadValue e) {
          throw e.prepend("." + name);
        }
      }
      return new Struct(names, values);
    }

    @Override
    void writeValue(JsonGenerator out, Object value) throws IOException {
      // A Struct is a List of its values; any List of the right size will do.
      if (!(value instanceof List<?> list) || list.size() != fields.length) {
        throw new BadValue("expected a " + Struct.class.getName() + " of " + fields.length
            + " fields for " + Scalars.display(type) + ", got " + value.getClass().getName());
      }
      out.writeStartObject();
      for (int i = 0; i < fields.length; i++) {
        String name = names.get(i);
        out.writeFieldName(name);
        try {
          fields[i].write(out, list.get(i));
        } catch (BadValue e) {
          throw e.prepend("." + name);
        }
      }
      out.writeEndObject();
    }
  }
}
