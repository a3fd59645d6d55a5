package io.sluice.engine.exec;

import io.sluice.engine.log.Header;
import java.util.List;
import java.util.Objects;

/**
 * One record on the per-record path between operators: column values in the runtime
 * representation of {@link io.sluice.engine.types.SqlType}, laid out as the operator's input
 * schema says (see the plan), plus the record's timestamp and headers.
 *
 * <p>Ownership: an operator may keep or change {@code values} it receives only when it is the
 * last user; operators that fan out (flat-map) make new arrays.
 *
 * @param values the column values, never null (a null element is a SQL NULL)
 * @param timestamp the record's event time in epoch milliseconds (ROWTIME)
 * @param headers the record's headers, carried from input to output as Kafka Streams does
 * @param tombstone whether the input record had a null value: its value columns are all NULL and
 *     a sink writes a null value again (a stream passes tombstones through, as ksqlDB does)
 * @param keyless whether the input record had a null key: a sink that keeps the input's key
 *     columns (no PARTITION BY) writes a null key again, whatever the key format
 * @param window the window of a row of windowed data (read from a windowed source, or made by
 *     a windowed aggregation), which a windowed sink writes into the key; null otherwise
 */
public record Row(Object[] values, long timestamp, List<Header> headers, boolean tombstone,
    boolean keyless, Window window) {

  /** A window {@code [start, end)} (a session's end is its last record's time). */
  public record Window(long start, long end) {}

  public Row {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(headers, "headers");
  }

  /** A row of unwindowed data. */
  public Row(Object[] values, long timestamp, List<Header> headers, boolean tombstone,
      boolean keyless) {
    this(values, timestamp, headers, tombstone, keyless, null);
  }

  /** This row with other values, same time, headers and window. */
  public Row with(Object[] newValues) {
    return new Row(newValues, timestamp, headers, tombstone, keyless, window);
  }
}
