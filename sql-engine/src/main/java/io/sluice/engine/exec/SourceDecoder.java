package io.sluice.engine.exec;

import io.sluice.engine.catalog.Namespace;
import io.sluice.engine.catalog.Source;
import io.sluice.engine.catalog.SourceColumn;
import io.sluice.engine.format.SerdeException;
import io.sluice.engine.log.Header;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.types.SqlStruct;
import io.sluice.engine.types.SqlType;
import io.sluice.engine.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns records of a source's topic into rows of the source's {@link Source#rowSchema()}: key
 * columns, value columns, header columns, then ROWTIME, ROWPARTITION, ROWOFFSET (and WINDOWSTART,
 * WINDOWEND for windowed sources).
 *
 * <p>ROWTIME is the record's timestamp, or the source's {@code TIMESTAMP} column (BIGINT epoch
 * milliseconds, TIMESTAMP, or STRING parsed with {@code TIMESTAMP_FORMAT} in UTC).
 *
 * <p>Records whose key or value does not deserialize, and records whose timestamp column is
 * null, negative or unparsable, are reported to the {@link ProcessingLog} and skipped (ksqlDB's
 * default, {@code ksql.timestamp.throw.on.invalid=false}). A record with a null value (a
 * tombstone) becomes a row with null value columns.
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceDecoder {

  private static final SqlStruct HEADER_ENTRY =
      (SqlStruct) ((io.sluice.engine.types.SqlArray) io.sluice.engine.catalog.DdlAnalyzer.HEADERS_TYPE)
          .element();

  private final Source source;
  private final SourceSerdes serdes;
  private final int keyCount;
  private final int[] valueTargets;
  private final List<SourceColumn> headerColumns;
  private final int[] headerTargets;
  private final int pseudoStart;
  private final int width;
  private final TimestampColumn timestampColumn;
  /** How the keys are windowed (null: not): the window is cut off the key before decoding. */
  private final io.sluice.engine.catalog.WindowInfo window;
  private final boolean table;

  public SourceDecoder(Source source) {
    this(source, null);
  }

  /**
   * A decoder that may leave the value columns not in {@code used} (indexes of the source's
   * row schema) NULL; null to read every column.
   */
  public SourceDecoder(Source source, java.util.BitSet used) {
    this.source = source;
    SourceSerdes all = SourceSerdes.of(source);
    this.keyCount = source.keyColumns().size();
    // Value and header columns sit in the row in declaration order, after the keys.
    this.valueTargets = source.valueColumns().stream()
        .mapToInt(c -> source.rowSchema().indexOf(c.name())).toArray();
    this.headerColumns = source.headerColumns();
    this.headerTargets = headerColumns.stream()
        .mapToInt(c -> source.rowSchema().indexOf(c.name())).toArray();
    this.pseudoStart = source.userColumnCount();
    if (used == null) {
      this.serdes = all;
    } else {
      boolean[] needed = new boolean[valueTargets.length];
      String timestamp = source.timestampColumn().orElse(null);
      for (int i = 0; i < needed.length; i++) {
        needed[i] = used.get(valueTargets[i])
            || source.valueColumns().get(i).name().equals(timestamp);
      }
      this.serdes = new SourceSerdes(all.key(), all.value().pruned(needed));
    }
    this.width = source.rowSchema().size();
    this.window = source.window().orElse(null);
    this.table = source.kind() == io.sluice.grammar.ast.SourceKind.TABLE;
    Optional<String> ts = source.timestampColumn();
    this.timestampColumn = ts.map(name -> {
      int index = source.rowSchema().indexOf(name);
      return new TimestampColumn(index, source.rowSchema().column(index).type(),
          source.timestampFormat());
    }).orElse(null);
  }

  public Source source() {
    return source;
  }

  /**
   * The row of a record, or null when the record is skipped (reported to {@code log}).
   */
  public Row decode(InRecord record, ProcessingLog log) {
    if (table && record.key() == null) {
      // A table row is known by its key: Kafka Streams skips (and counts) keyless table records.
      log.report(where(record) + ": a record without a key in TABLE " + source.name()
          + " (skipped)");
      return null;
    }
    Object[] row = new Object[width];
    byte[] keyBytes = record.key();
    Row.Window bounds = null;
    if (window != null && keyBytes != null) {
      if (keyBytes.length < window.keySuffix()) {
        log.report(where(record) + ": the key has " + keyBytes.length + " bytes, too few for a "
            + window.type() + " window (" + window.keySuffix() + " bytes of window bounds)");
        return null;
      }
      bounds = new Row.Window(window.start(keyBytes), window.end(keyBytes));
      keyBytes = window.innerKey(keyBytes);
    }
    try {
      Object[] key = serdes.key().deserialize(keyBytes);
      if (key != null) {
        System.arraycopy(key, 0, row, 0, keyCount);
      }
    } catch (SerdeException e) {
      log.report(where(record) + ": cannot deserialize the key: " + e.getMessage());
      return null;
    }
    try {
      Object[] value = serdes.value().deserialize(record.value());
      if (value != null) {
        for (int i = 0; i < valueTargets.length; i++) {
          row[valueTargets[i]] = value[i];
        }
      }
    } catch (SerdeException e) {
      log.report(where(record) + ": cannot deserialize the value: " + e.getMessage());
      return null;
    }
    for (int i = 0; i < headerTargets.length; i++) {
      SourceColumn h = headerColumns.get(i);
      row[headerTargets[i]] = h.namespace() == Namespace.HEADERS ? allHeaders(record.headers())
          : lastHeader(record.headers(), h.headerKey().orElseThrow());
    }
    int next = pseudoStart;
    long timestamp = record.timestamp();
    if (timestampColumn != null) {
      long t = timestampColumn.of(row);
      if (t < 0) {
        log.report(where(record) + ": invalid timestamp in column "
            + source.timestampColumn().orElseThrow() + ": " + row[timestampColumn.index()]
            + " (the record is skipped)");
        return null;
      }
      timestamp = t;
    }
    row[next++] = timestamp;
    row[next++] = record.partition();
    row[next++] = record.offset();
    if (bounds != null && next + 1 < width) {
      row[next++] = bounds.start();
      row[next] = bounds.end();
    }
    return new Row(row, timestamp, record.headers(), record.value() == null,
        record.key() == null, bounds);
  }

  private static List<Object> allHeaders(List<Header> headers) {
    List<Object> list = new ArrayList<>(headers.size());
    for (Header h : headers) {
      list.add(Struct.of(HEADER_ENTRY, h.key(),
          h.value() == null ? null : SqlType.bytes(h.value())));
    }
    return list;
  }

  private static Object lastHeader(List<Header> headers, String key) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      Header h = headers.get(i);
      if (h.key().equals(key)) {
        return h.value() == null ? null : SqlType.bytes(h.value());
      }
    }
    return null;
  }

  static String where(InRecord r) {
    return "topic " + r.topic() + " partition " + r.partition() + " offset " + r.offset();
  }
}
