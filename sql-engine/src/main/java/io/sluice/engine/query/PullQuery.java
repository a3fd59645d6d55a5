package io.sluice.engine.query;

import io.sluice.engine.types.Column;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A pull query ({@code SELECT ... FROM table [WHERE ...]} without EMIT): reads the table's
 * materialized state as of its last commit, hands each matching row to the caller on the query's
 * own thread, and ends.
 */
public final class PullQuery implements StreamingQuery {

  private final String id;
  private final String statementText;
  private final List<Column> columns;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile Throwable failure;
  private volatile boolean cancelled;
  private Thread thread;

  PullQuery(String id, String statementText, List<Column> columns) {
    this.id = id;
    this.statementText = statementText;
    this.columns = List.copyOf(columns);
  }

  /** Runs {@code body} on the query's thread; it should stop early when {@link #cancelled}. */
  void start(Runnable body) {
    thread = new Thread(() -> {
      try {
        body.run();
      } catch (RuntimeException | Error e) {
        failure = e;
      } finally {
        ended.complete(null);
      }
    }, "sluice-pull-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  boolean cancelled() {
    return cancelled;
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

  @Override
  public CompletableFuture<Void> ended() {
    return ended;
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() {
    cancelled = true;
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
