package io.sluice.engine.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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

  /**
   * @param bare whether the single column is written without an envelope
   */
  JsonSerde(List<Column> columns, SerdeRole role, boolean bare) {
    super(Format.JSON, role, columns);
    if (bare && columns.size() != 1) {
      throw new IllegalArgumentException("only a single column can be written bare");
    }
    this.bare = bare;
    this.names = columns.stream().map(Column::name).toArray(String[]::new);
    this.codecs = columns.stream().map(c -> JsonCodec.of(c.type())).toArray(JsonCodec[]::new);
  }

  @Override
  public Object[] deserialize(byte[] bytes) {
    if (bytes == null) {
      return null;
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
    ByteArrayBuilder buffer = new ByteArrayBuilder(128);
    int column = bare ? 0 : -1;
    try (JsonGenerator out = JsonCodec.MAPPER.createGenerator(buffer, JsonEncoding.UTF8)) {
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
    } catch (BadValue e) {
      throw columnError("serialize", column, "$" + (bare ? "" : "." + names[column]) + e.path(),
          e);
    } catch (IOException e) {
      // Writing to memory: only the generator's own checks can fail (nesting depth).
      throw recordError("serialize", e.getMessage(), e);
    }
    return buffer.toByteArray();
  }
}
