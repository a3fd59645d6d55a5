package io.sluice.engine.query;

import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.types.Column;
import java.util.List;

/**
 * A running push query ({@code SELECT ... EMIT CHANGES}): rows go to the consumer given to
 * {@link Engine#push} as they come, on the query's thread, until LIMIT, {@link #close()} or
 * failure.
 */
public final class PushQuery implements AutoCloseable {

  private final String id;
  private final List<Column> columns;
  private final QueryRunner runner;
  private final String offsetReset;

  PushQuery(String id, List<Column> columns, QueryRunner runner, String offsetReset) {
    this.id = id;
    this.columns = List.copyOf(columns);
    this.runner = runner;
    this.offsetReset = offsetReset;
  }

  public String id() {
    return id;
  }

  /** The result's columns, in order. */
  public List<Column> columns() {
    return columns;
  }

  /** Where the query started reading: {@code earliest} or {@code latest}. */
  public String offsetReset() {
    return offsetReset;
  }

  /** Whether the query has ended (LIMIT reached, closed, or failed). */
  public boolean isDone() {
    return runner.isFinished();
  }

  /** Why the query failed, or null. */
  public Throwable failure() {
    return runner.failure();
  }

  /** Runs the query one step on the caller's thread (engines in manual mode). */
  public int step() {
    return runner.step(java.time.Duration.ZERO);
  }

  /** Stops the query. Idempotent. */
  @Override
  public void close() {
    runner.close();
  }
}
