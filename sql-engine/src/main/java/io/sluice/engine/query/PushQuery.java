package io.sluice.engine.query;

import io.sluice.engine.exec.QueryRunner;
import io.sluice.engine.types.Column;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A running push query ({@code SELECT ... EMIT CHANGES}): rows go to the consumer given to
 * {@link Engine#push} as they come, on the query's thread, until LIMIT, {@link #close()} or
 * failure. The engine lists it (SHOW QUERIES) until it has ended.
 */
public final class PushQuery implements StreamingQuery {

  private final String id;
  private final String statementText;
  private final List<Column> columns;
  private final QueryRunner runner;
  private final String offsetReset;
  private final CompletableFuture<Void> ended;

  PushQuery(String id, String statementText, List<Column> columns, QueryRunner runner,
      String offsetReset) {
    this.id = id;
    this.statementText = statementText;
    this.columns = List.copyOf(columns);
    this.runner = runner;
    this.offsetReset = offsetReset;
    this.ended = runner.ended().thenApply(state -> null);
  }
  /** Its runner (package-private: the engine starts it). */
  QueryRunner runner() {
    return runner;
  }


  @Override
  public String id() {
    return id;
  }

  @Override
  public String statementText() {
    return statementText;
  }

  /** The result's columns, in order. */
  public List<Column> columns() {
    return columns;
  }

  /** Where the query started reading: {@code earliest} or {@code latest}. */
  public String offsetReset() {
    return offsetReset;
  }

  /** RUNNING, FINISHED, FAILED or CLOSED (CREATED before it starts). */
  public String state() {
    return runner.state().name();
  }

  /** Whether the query has ended (LIMIT reached, closed, or failed). */
  @Override
  public boolean isDone() {
    return runner.isFinished();
  }

  @Override
  public CompletableFuture<Void> ended() {
    return ended;
  }

  /** Why the query failed, or null. */
  @Override
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
