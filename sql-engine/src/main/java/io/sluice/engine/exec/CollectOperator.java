package io.sluice.engine.exec;

import java.util.function.Consumer;

/**
 * The end of a push query's chain: hands each row's values to the caller, and stops after
 * {@code limit} rows ({@code LIMIT n}; -1 for none).
 */
public final class CollectOperator implements Operator {

  private final Consumer<Row> consumer;
  private final long limit;
  private long delivered;

  public CollectOperator(Consumer<Row> consumer, long limit) {
    this.consumer = consumer;
    this.limit = limit;
  }

  @Override
  public void onRow(Row row) {
    if (done() || row.tombstone()) {
      return;
    }
    delivered++;
    consumer.accept(row);
  }

  /** Whether the LIMIT has been reached. */
  public boolean done() {
    return limit >= 0 && delivered >= limit;
  }

  @Override
  public void onBarrier(long epoch) {
    // rows are handed over as they come
  }

  @Override
  public void onWatermark(long timestamp) {
    // nothing downstream
  }
}
