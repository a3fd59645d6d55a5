package io.sluice.engine.format;

import java.util.List;

/**
 * A serde for no columns, in any format: the key of a keyless stream (KEY_FORMAT NONE, or a
 * format whose columns the source does not declare). It ignores the bytes, as ksqlDB does: any
 * bytes read as the empty row, null bytes as the null row, and every row is written as null
 * bytes.
 */
final class NoColumnsSerde extends AbstractSerde {

  private static final Object[] EMPTY = {};

  NoColumnsSerde(Format format, SerdeRole role) {
    super(format, role, List.of());
  }

  @Override
  public Object[] deserialize(byte[] bytes) {
    // Shared: an empty array cannot be changed.
    return bytes == null ? null : EMPTY;
  }

  @Override
  public byte[] serialize(Object[] row) {
    if (row != null) {
      checkArity(row);
    }
    return null;
  }
}
