package io.sluice.engine.query;

import io.sluice.engine.types.Column;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pull query ({@code SELECT ... FROM table [WHERE ...]} without EMIT): reads the table's
 * materialized state as of its last commit, hands each matching row to the caller on a
 * pull-query thread (pooled), and ends.
 */
public final class PullQuery implements StreamingQuery {

  private final String id;
  private final String statementText;
  private final List<Column> columns;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private volatile Throwable failure;
  private volatile boolean cancelled;
  private volatile Thread running;

  PullQuery(String id, String statementText, List<Column> columns) {
    this.id = id;
    this.statementText = statementText;
    this.columns = List.copyOf(columns);
  }

  /**
   * Threads for pull queries, kept a minute after use: a pull query by key takes well under a
   * millisecond, less than starting a thread (which, on a busy core, waits for the new thread to
   * be scheduled).
   */
  private static final ExecutorService THREADS = Executors.newCachedThreadPool(new ThreadFactory() {
    private final AtomicLong next = new AtomicLong();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "sluice-pull-" + next.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private Runnable body;
  private volatile boolean started;

  /** Sets what the query does; {@code body} should stop early when {@link #cancelled}. */
  void prepare(Runnable body) {
    this.body = body;
  }

  /** Runs the query on a pull-query thread. */
  public void start() {
    started = true;
    THREADS.execute(this::runHere);
  }

  /**
   * Runs the query on the calling thread (which the row consumer may block) and returns when it
   * ended: for a caller already on a thread of its own, one hand-off less per query.
   */
  public void runHere() {
    started = true;
    if (cancelled) {
      ended.complete(null);
      return;
    }
    running = Thread.currentThread();
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      running = null;
      ended.complete(null);
    }
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
    if (!started) {
      ended.complete(null); // prepared, never run
      return;
    }
    if (running != Thread.currentThread()) {
      try {
        ended.get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // still running after 10 s, or never started: it stops at its next cancelled() check
      }
    }
  }
}
