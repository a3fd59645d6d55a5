package io.sluice.engine.exec;

import java.util.Objects;

/** An operator with a downstream operator, forwarding barriers and watermarks unchanged. */
abstract class ForwardingOperator implements Operator {

  protected final Operator downstream;

  ForwardingOperator(Operator downstream) {
    this.downstream = Objects.requireNonNull(downstream, "downstream");
  }

  @Override
  public void onBarrier(long epoch) {
    downstream.onBarrier(epoch);
  }

  @Override
  public void onWatermark(long timestamp) {
    downstream.onWatermark(timestamp);
  }
}
