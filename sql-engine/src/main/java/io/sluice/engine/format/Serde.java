package io.sluice.engine.format;

import io.sluice.engine.types.Column;
import java.util.List;

/**
 * Reads and writes one part (key or value) of records in one format, for a fixed list of columns:
 * bytes to a row of column values and back. Rows are {@code Object[]}, one element per column in
 * {@link #columns()} order, each in the runtime representation of {@link
 * io.sluice.engine.types.SqlType} (Integer, Long, Double, BigDecimal with the column's scale,
 * String, ByteString, ...). Build one with {@link SerdeFactory#create}.
 *
 * <p>Serdes are immutable and thread-safe; they keep no per-record state.
 *
 * <p>Nulls: null bytes are a null row and a null row is null bytes, in every format (for values
 * a tombstone, for keys a null key). A serde with no columns ignores the bytes it reads.
 * Formats that write a single column bare (KAFKA, DELIMITED, and JSON for keys or with {@code
 * WRAP_SINGLE_VALUE=false}) treat the row of one null column as ksqlDB does: KAFKA and unwrapped
 * JSON write null bytes, DELIMITED an empty text.
 */
public interface Serde {

  /** The format. */
  Format format();

  /** Whether this serde reads keys or values. */
  SerdeRole role();

  /** The columns of the rows it reads and writes, in order. */
  List<Column> columns();

  /**
   * The row the bytes hold.
   *
   * @param bytes a record's key or value; null for none
   * @return one value per column, a new array the caller owns (only the empty row of a serde
   *     without columns is shared); null when {@code bytes} is null
   *     (a tombstone or a null key), and for JSON when the bytes are the JSON {@code null} and
   *     the row is an object (several columns, or one wrapped)
   * @throws SerdeException when the bytes are not a row of these columns in this format
   */
  Object[] deserialize(byte[] bytes);

  /**
   * The bytes for a row.
   *
   * @param row one value per column in the runtime representation; null for none. Not changed.
   * @return the bytes, null for a null row (see the class comment for rows of null columns)
   * @throws SerdeException when a column's value is not of its column's Java class, or a DECIMAL
   *     does not fit its column's precision and scale
   * @throws IllegalArgumentException when the row does not have one value per column
   */
  byte[] serialize(Object[] row);

  /**
   * A serde like this one that may leave the columns not {@code needed} unread: they
   * deserialize as NULL (a query that never reads a column need not pay for parsing it). The
   * default returns this serde, which reads every column. Serialization is unchanged.
   *
   * @param needed one flag per column
   */
  default Serde pruned(boolean[] needed) {
    return this;
  }
}
