package io.sluice.engine.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.engine.types.Column;
import java.io.IOException;
import java.util.List;

/**
 * The JSON format (see {@link JsonCodec} for how each type is read and written).
 *
 * <p>The row is a JSON object with one field per column, named as the column, except when it is
 * written bare: a single key column always (ksqlDB's keys), a single value column when {@code
 * WRAP_SINGLE_VALUE=false}. Reading an object, columns match fields by name as written, else by
 * name upper-cased; unknown fields are ignored and missing ones read as null.
 *
 * <p>Bytes that are the JSON {@code null} read as a null row when the row is an object (like a
 * tombstone, as in ksqlDB) and as a row of one null column when it is bare. A row whose bare
 * column is null is written as null bytes, as ksqlDB does.
 */
final class JsonSerde extends AbstractSerde {

  private final boolean bare;
  private final String[] names;
  private final JsonCodec[] codecs;
  /** Columns to read; null for all. The others are skipped unparsed. */
  private final boolean[] needed;
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> fieldCache =
      new java.util.concurrent.ConcurrentHashMap<>();
  /**
   * A generator per thread, reused record after record (making one per record was a fifth of
   * the JSON sink's time): root values are written without a separator into a buffer reset
   * before each record.
   */
  private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

  private static final class Output {
    final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    final JsonGenerator generator;

    Output() {
      try {
        generator = JsonCodec.MAPPER.createGenerator(buffer, JsonEncoding.UTF8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      generator.setRootValueSeparator(null);
    }
  }

  /** Races are harmless: each element is one immutable slot, replaced whole. */
  private final Slot[] positions = new Slot[64];

  /**
   * @param bare whether the single column is written without an envelope
   */
  JsonSerde(List<Column> columns, SerdeRole role, boolean bare) {
    this(columns, role, bare, null);
  }

  private JsonSerde(List<Column> columns, SerdeRole role, boolean bare, boolean[] needed) {
    super(Format.JSON, role, columns);
    this.needed = needed == null ? null : needed.clone();
    if (bare && columns.size() != 1) {
      throw new IllegalArgumentException("only a single column can be written bare");
    }
    this.bare = bare;
    this.names = columns.stream().map(Column::name).toArray(String[]::new);
    this.codecs = columns.stream().map(c -> JsonCodec.of(c.type())).toArray(JsonCodec[]::new);
  }

  @Override
  public Serde pruned(boolean[] needed) {
    if (bare || needed.length != codecs.length) {
      return this;
    }
    return new JsonSerde(columns, role, false, needed);
  }

  @Override
  public Object[] deserialize(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (!bare) {
      Object[] row = readObject(bytes);
      if (row != null) {
        return row;
      }
    }
    JsonNode root = parse(bytes);
    if (bare) {
      try {
        return new Object[] {codecs[0].read(root)};
      } catch (BadValue e) {
        throw columnError("deserialize", 0, "$" + e.path(), e);
      }
    }
    if (root.isNull()) {
      return null;
    }
    if (!root.isObject()) {
      throw recordError("deserialize", "expected a JSON object holding the columns "
          + Scalars.display(columns, role) + ", got " + JsonCodec.kind(root), null);
    }
    JsonCodec.Fields fields = new JsonCodec.Fields((ObjectNode) root);
    Object[] row = new Object[codecs.length];
    for (int i = 0; i < codecs.length; i++) {
      try {
        row[i] = codecs[i].read(fields.get(names[i]));
      } catch (BadValue e) {
        throw columnError("deserialize", i, "$." + names[i] + e.path(), e);
      }
    }
    return row;
  }

  /**
   * The per-record fast path: a JSON object read field by field, each field's value as a small
   * tree read by its column's codec; no tree of the whole object. Returns null (the caller then
   * takes the tree path, which also words the errors) when the bytes are not one well-formed
   * object.
   */
  private Object[] readObject(byte[] bytes) {
    Object[] row = new Object[codecs.length];
    // 2: matched by the name as written; 1: by the name upper-cased (loses to 2).
    byte[] matched = new byte[codecs.length];
    try (JsonParser parser = JsonCodec.MAPPER.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String field;
      int position = 0;
      while ((field = parser.nextFieldName()) != null) {
        parser.nextToken();
        int index = fieldIndex(field, position++);
        if (index < 0) {
          parser.skipChildren();
          continue;
        }
        byte quality = (byte) (index >= EXACT ? 2 : 1);
        index = index >= EXACT ? index - EXACT : index;
        if (matched[index] > quality || needed != null && !needed[index]) {
          parser.skipChildren();
          continue;
        }
        Object fast = parser.currentToken() == JsonToken.VALUE_NULL ? null
            : codecs[index].readToken(parser);
        if (fast == JsonCodec.NO_FAST_PATH) {
          JsonNode value = JsonCodec.MAPPER.readTree(parser);
          try {
            fast = codecs[index].read(value);
          } catch (BadValue e) {
            throw columnError("deserialize", index, "$." + names[index] + e.path(), e);
          }
        }
        row[index] = fast;
        matched[index] = quality;
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    return row;
  }

  /** Offset added to a column index found by the field's name as written. */
  private static final int EXACT = 1 << 20;

  /**
   * The column of a field: index + {@link #EXACT} when the name matches as written, the index
   * when it matches upper-cased, -1 for none. Cached per field name (up to a bound, so that
   * records with ever new field names cannot grow it without limit).
   */
  private int fieldIndex(String field, int position) {
    // Records of a topic mostly repeat one field order, and Jackson hands out the same String
    // instance for a name each time: an identity check per position avoids the map.
    Slot[] slots = positions;
    if (position < slots.length) {
      Slot slot = slots[position];
      if (slot != null && slot.name == field) {
        return slot.index;
      }
    }
    int index = lookup(field);
    if (position < slots.length) {
      slots[position] = new Slot(field, index);
    }
    return index;
  }

  /** A field name seen at a position and its column (see {@link #fieldIndex}). */
  private record Slot(String name, int index) {}

  private int lookup(String field) {
    Integer cached = fieldCache.get(field);
    if (cached != null) {
      return cached;
    }
    int found = -1;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(field)) {
        found = i + EXACT;
        break;
      }
    }
    if (found < 0) {
      String upper = field.toUpperCase(java.util.Locale.ROOT);
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(upper)) {
          found = i;
          break;
        }
      }
    }
    if (fieldCache.size() < 1024) {
      fieldCache.put(field, found);
    }
    return found;
  }

  private JsonNode parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JsonCodec.MAPPER.readTree(bytes);
    } catch (IOException e) {
      // Not chained: Jackson's message quotes the offending token, and causes get logged.
      throw recordError("deserialize", invalid(e, bytes.length), null);
    }
    if (root == null || root.isMissingNode()) {
      throw recordError("deserialize", "no JSON value in the bytes (empty or blank)", null);
    }
    return root;
  }

  /**
   * Why the bytes are not JSON, with where, but without Jackson's own wording, which quotes the
   * offending token (record data).
   */
  private static String invalid(IOException e, int length) {
    if (e instanceof StreamConstraintsException) {
      return "the JSON exceeds a limit: " + e.getMessage(); // sizes and depths, no data
    }
    if (!(e instanceof JsonProcessingException p) || p.getLocation() == null) {
      return "not valid JSON";
    }
    JsonLocation at = p.getLocation();
    String where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return e instanceof JsonEOFException || at.getByteOffset() >= length
        ? "not valid JSON: the input ends inside a value" + where
        : "not valid JSON: unexpected content" + where;
  }

  @Override
  public byte[] serialize(Object[] row) {
    if (row == null) {
      return null;
    }
    checkArity(row);
    if (bare && row[0] == null) {
      return null;
    }
    Output output = OUTPUT.get();
    ByteArrayBuilder buffer = output.buffer;
    JsonGenerator out = output.generator;
    buffer.reset();
    int column = bare ? 0 : -1;
    try {
      if (bare) {
        codecs[0].write(out, row[0]);
      } else {
        out.writeStartObject();
        for (column = 0; column < codecs.length; column++) {
          out.writeFieldName(names[column]);
          codecs[column].write(out, row[column]);
        }
        out.writeEndObject();
      }
      out.flush();
    } catch (BadValue e) {
      OUTPUT.remove(); // the generator is inside an unfinished object: never reuse it
      throw columnError("serialize", column, "$" + (bare ? "" : "." + names[column]) + e.path(),
          e);
    } catch (IOException e) {
      // Writing to memory: only the generator's own checks can fail (nesting depth).
      OUTPUT.remove();
      throw recordError("serialize", e.getMessage(), e);
    }
    return buffer.toByteArray();
  }
}
