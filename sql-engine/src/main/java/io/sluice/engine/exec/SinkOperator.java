package io.sluice.engine.exec;

import io.sluice.engine.format.Serde;
import io.sluice.engine.format.SerdeException;
import io.sluice.engine.log.Header;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows to a topic: the columns at {@code keyIndexes} through the key serde, those at
 * {@code valueIndexes} through the value serde, with the row's timestamp and headers. A keyed
 * record goes to the partition a stock Kafka producer would choose for its key.
 *
 * <p>With a {@code sourceTag}, each record also gets the header {@link #SOURCE_HEADER} naming the
 * query and the input partition and offset it came from ({@code tag/partition/offset}); a
 * restarted query reads it to resume exactly after the last input whose output was written (see
 * {@link SourcePositions}). A source header arriving from upstream is replaced.
 *
 * <p>On a barrier the writer is flushed: when the barrier leaves this operator, every output of
 * the rows before it is acknowledged.
 */
public final class SinkOperator implements Operator {

  /** The header naming the query and the input record an output record came from. */
  public static final String SOURCE_HEADER = "sluice.source";

  private final String topic;
  private final Serde keySerde;
  private final Serde valueSerde;
  private final int[] keyIndexes;
  private final int[] valueIndexes;
  private final LogWriter writer;
  private final String sourceTag;
  private final byte[] tagBytes;
  private final boolean keepsInputKey;
  /** Whether rows end with their window's start and end, written into the key. */
  /** How keys carry each row's window, or null for keys without one. */
  private io.sluice.engine.catalog.WindowInfo keyWindow;
  private final TaskContext context;
  private final ProcessingLog log;
  private final TimestampColumn timestampColumn;

  /**
   * @param sourceTag the query's tag for {@link #SOURCE_HEADER}, or null to add none
   * @param keepsInputKey whether the key columns are the input's (no PARTITION BY): a record
   *     that had no key then gets none
   * @param timestampColumn the column (of the rows it receives) giving output records their
   *     time ({@code WITH (TIMESTAMP=...)}), or null to keep the row's time; a row whose column
   *     holds no valid time is reported and not written
   */
  public SinkOperator(String topic, Serde keySerde, Serde valueSerde, int[] keyIndexes,
      int[] valueIndexes, LogWriter writer, String sourceTag, TaskContext context,
      ProcessingLog log, boolean keepsInputKey, TimestampColumn timestampColumn) {
    this.topic = topic;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.keyIndexes = keyIndexes.clone();
    this.valueIndexes = valueIndexes.clone();
    this.writer = writer;
    this.sourceTag = sourceTag;
    this.tagBytes = sourceTag == null ? null : sourceTag.getBytes(StandardCharsets.UTF_8);
    this.context = context;
    this.log = log;
    this.timestampColumn = timestampColumn;
    this.keepsInputKey = keepsInputKey;
  }

  @Override
  public void onRow(Row row) {
    Object[] values = row.values();
    long timestamp = row.timestamp();
    if (timestampColumn != null) {
      timestamp = timestampColumn.of(values);
      if (timestamp < 0) {
        log.report("invalid timestamp " + values[timestampColumn.index()] + " in the output of"
            + " input partition " + context.partition() + " offset " + context.offset()
            + " (not written)");
        return;
      }
    }
    byte[] key;
    byte[] value;
    try {
      key = keyIndexes.length == 0 || row.keyless() && keepsInputKey ? null
          : keySerde.serialize(pick(values, keyIndexes));
      if (keyWindow != null && row.window() == null) {
        log.report("a row without a window for the windowed topic " + topic + " (input"
            + " partition " + context.partition() + " offset " + context.offset() + ")");
        return;
      }
      if (keyWindow != null) {
        key = keyWindow.key(key, row.window().start(), row.window().end());
      }
      value = row.tombstone() ? null : valueSerde.serialize(pick(values, valueIndexes));
    } catch (SerdeException | IllegalArgumentException e) {
      log.report("cannot serialize the output of input partition " + context.partition()
          + " offset " + context.offset() + " for topic " + topic + ": " + e.getMessage());
      return;
    }
    writer.write(new OutRecord(topic, OutRecord.ANY_PARTITION, key, value,
        Math.max(timestamp, 0), headers(row.headers())));
  }

  private List<Header> headers(List<Header> in) {
    if (sourceTag == null) {
      return in;
    }
    List<Header> out = new ArrayList<>(in.size() + 1);
    for (Header h : in) {
      if (!h.key().equals(SOURCE_HEADER)) {
        out.add(h);
      }
    }
    out.add(new Header(SOURCE_HEADER, origin(context.partition(), context.offset())));
    return out;
  }

  /**
   * Makes this sink write windowed keys (see {@link io.sluice.engine.catalog.WindowInfo} for the
   * layout): each row it receives has its {@link Row#window()}.
   */
  public SinkOperator windowed(io.sluice.engine.catalog.WindowInfo window) {
    this.keyWindow = java.util.Objects.requireNonNull(window, "window");
    return this;
  }

  /** {@code tag/partition/offset} in UTF-8, without building a String per record. */
  private byte[] origin(int partition, long offset) {
    String numbers = "/" + partition + "/" + offset;
    byte[] out = new byte[tagBytes.length + numbers.length()];
    System.arraycopy(tagBytes, 0, out, 0, tagBytes.length);
    for (int i = 0; i < numbers.length(); i++) {
      out[tagBytes.length + i] = (byte) numbers.charAt(i);
    }
    return out;
  }

  private static Object[] pick(Object[] values, int[] indexes) {
    Object[] out = new Object[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      out[i] = values[indexes[i]];
    }
    return out;
  }

  @Override
  public void onBarrier(long epoch) {
    writer.flush();
  }

  @Override
  public void onWatermark(long timestamp) {
    // nothing downstream
  }
}
