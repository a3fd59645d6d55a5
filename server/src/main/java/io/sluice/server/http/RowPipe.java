package io.sluice.server.http;

import io.netty.channel.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries a streaming query's output from the query's thread to one client's channel, with
 * back-pressure: the query thread {@link #put}s items into a bounded queue and blocks while it is
 * full; the channel's event loop takes them out only while the channel is writable (its
 * outbound buffer below the high-water mark; on HTTP/2, the stream's flow-control window open).
 * So a slow client slows its query down instead of filling the server's memory.
 *
 * <p>The end ({@link #end}) is written after every item put before it. {@link #cancel} (the
 * client is gone) drops what is queued and releases a blocked query thread at once.
 *
 * @param <T> the item type (a row, a PRINT line)
 */
final class RowPipe<T> {

  /** Writes items to the channel, on its event loop. */
  interface Writer<T> {
    /** Writes one item, without flushing. */
    void item(T item);

    /** Writes the end of the response and flushes; {@code failure} null for a normal end. */
    void end(Throwable failure);
  }

  private static final int CAPACITY = 512;

  private final Channel channel;
  private final Writer<T> writer;
  private final ArrayBlockingQueue<T> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean open;
  private volatile boolean cancelled;
  private volatile boolean ended;
  private volatile Throwable failure;
  private boolean finished;

  RowPipe(Channel channel, Writer<T> writer) {
    this.channel = channel;
    this.writer = writer;
  }

  /**
   * Queues an item, waiting while the queue is full; returns at once, dropping it, once the pipe
   * is cancelled. Called by the query's thread.
   */
  void put(T item) {
    try {
      while (!cancelled) {
        if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          schedule();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets items flow to the channel (after the response head has been written). */
  void open() {
    open = true;
    if (channel.eventLoop().inEventLoop()) {
      drain(); // what is queued goes out with the head's write
    } else {
      schedule();
    }
  }

  /** The query has ended: write what is queued, then the end. Any thread. */
  void end(Throwable failure) {
    this.failure = failure;
    ended = true;
    schedule();
  }

  /** The client is gone: drop everything, release the query thread. Any thread. */
  void cancel() {
    cancelled = true;
    queue.clear();
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Writability changed or items arrived: drain on the event loop. */
  void schedule() {
    if (open && scheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
  }

  private void drain() {
    scheduled.set(false);
    if (cancelled || finished) {
      return;
    }
    boolean wrote = false;
    T item;
    while (channel.isWritable() && (item = queue.poll()) != null) {
      writer.item(item);
      wrote = true;
    }
    // ended is set after the last put, so once it is seen every item is in the queue
    if (ended && queue.isEmpty()) {
      finished = true;
      writer.end(failure);
    } else if (wrote) {
      channel.flush();
    }
  }
}
