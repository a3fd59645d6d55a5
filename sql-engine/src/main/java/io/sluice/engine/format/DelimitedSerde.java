package io.sluice.engine.format;

import io.sluice.engine.types.Column;
import io.sluice.engine.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The DELIMITED format: UTF-8 text, one field per column in order, separated by the delimiter
 * (a comma by default) and quoted as {@link Csv} says. Scalar columns only.
 *
 * <p>An empty field is a null column, as in ksqlDB (so an empty STRING reads back as null). A
 * field's text is read as {@link Scalars#parse} says (BOOLEAN is {@code false} for any text but
 * "true"; DECIMAL is fitted to its column's scale exactly; BYTES are base64) and written as
 * {@link Scalars#format} says.
 *
 * <p>A record with a different number of fields than there are columns is an error, and so is
 * an empty text, which holds no record: ksqlDB writes a single null column as an empty text and
 * then cannot read it back, and Sluice does the same so that the bytes agree.
 */
final class DelimitedSerde extends AbstractSerde {

  private final char delimiter;
  private final SqlType[] types;

  DelimitedSerde(List<Column> columns, SerdeRole role, char delimiter) {
    super(Format.DELIMITED, role, columns);
    this.delimiter = delimiter;
    this.types = columns.stream().map(Column::type).toArray(SqlType[]::new);
  }

  @Override
  public Object[] deserialize(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    List<String> fields;
    try {
      fields = Csv.firstRecord(new String(bytes, StandardCharsets.UTF_8), delimiter);
    } catch (BadValue e) {
      throw recordError("deserialize", e.problem(), e);
    }
    if (fields.isEmpty()) {
      throw recordError("deserialize", "no fields in the record (empty text)", null);
    }
    if (fields.size() != types.length) {
      throw recordError("deserialize", "expected " + types.length + " field"
          + (types.length == 1 ? "" : "s") + " for the columns " + Scalars.display(columns, role)
          + ", got " + fields.size(), null);
    }
    Object[] row = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      String field = fields.get(i);
      if (!field.isEmpty()) {
        try {
          row[i] = Scalars.parse(field, types[i]);
        } catch (BadValue e) {
          throw columnError("deserialize", i, null, e);
        }
      }
    }
    return row;
  }

  @Override
  public byte[] serialize(Object[] row) {
    if (row == null) {
      return null;
    }
    checkArity(row);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < types.length; i++) {
      String text;
      try {
        text = row[i] == null ? null : Scalars.format(row[i], types[i]);
      } catch (BadValue e) {
        throw columnError("serialize", i, null, e);
      }
      Csv.appendField(out, text, i == 0, delimiter);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
