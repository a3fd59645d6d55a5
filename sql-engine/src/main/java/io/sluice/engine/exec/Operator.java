package io.sluice.engine.exec;

/**
 * A continuous operator: consumes one stream of messages (rows, barriers, watermarks) and pushes
 * what it produces to its downstream operator. Static information about an operator (its
 * schemas, expressions) lives in the plan; an {@code Operator} is only behaviour.
 *
 * <p>Messages, in the order a task delivers them:
 * <ul>
 *   <li>{@link #onRow}: one data record;</li>
 *   <li>{@link #onBarrier}: everything before it has been delivered; an operator finishes the
 *       work for those rows (a sink flushes) and then forwards the barrier. After a barrier
 *       reached the end of the chain, the input positions of the rows before it may be
 *       committed;</li>
 *   <li>{@link #onWatermark}: no later row of this input will have a timestamp below it (stream
 *       time for windows; stateless operators forward it).</li>
 * </ul>
 *
 * <p>Thread-safety: an operator instance belongs to one task and is called by one thread at a
 * time.
 */
public interface Operator {

  /** Processes one row. Errors in one row's expressions are reported and never thrown. */
  void onRow(Row row);

  /** Finishes the rows delivered so far, then forwards the barrier. */
  void onBarrier(long epoch);

  /** Forwards (or acts on) stream time. */
  void onWatermark(long timestamp);
}
