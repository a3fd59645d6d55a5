package io.sluice.engine.query;

import java.util.concurrent.CompletableFuture;

/**
 * A query whose output streams to one client while it runs: a push query ({@link PushQuery}) or
 * a PRINT of a topic ({@link TopicPrint}). Output goes to the consumer given when it was started,
 * on the query's own thread; that consumer may block to slow the query down (back-pressure), but
 * must return promptly once the client is gone.
 */
public interface StreamingQuery extends AutoCloseable {

  /** The query's id, unique in this engine ({@code transient_N}, {@code print_N}). */
  String id();

  /** The statement as written. */
  String statementText();

  /**
   * Completes once the query has ended by itself (LIMIT reached, failed) or was closed; its
   * resources are released by then. Callbacks must not block.
   */
  CompletableFuture<Void> ended();

  /** Whether the query has ended. */
  default boolean isDone() {
    return ended().isDone();
  }

  /** Why the query failed, or null when it did not. */
  Throwable failure();

  /** Stops the query and waits for its thread. Idempotent; call it off I/O threads. */
  @Override
  void close();
}
