package io.sluice.engine.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a query reports records it could not process (ksqlDB's processing log): records that
 * fail to deserialize, carry an invalid timestamp, or fail to serialize. Such a record is
 * skipped; the query goes on. Each report is counted and logged with topic, partition and
 * offset; the last few messages are kept for {@code DESCRIBE} and tests.
 *
 * <p>Thread-safe.
 */
public final class ProcessingLog {

  private static final System.Logger LOG = System.getLogger(ProcessingLog.class.getName());
  private static final int KEPT = 20;

  private volatile String queryId;
  private final AtomicLong count = new AtomicLong();
  private final Deque<String> recent = new ArrayDeque<>();

  public ProcessingLog(String queryId) {
    this.queryId = queryId;
  }

  /** Names the query in the log lines (its id is known only once it is logged). */
  public void name(String id) {
    this.queryId = id;
  }

  /** Records one skipped record or failed expression. */
  public void report(String message) {
    long n = count.incrementAndGet();
    synchronized (recent) {
      if (recent.size() == KEPT) {
        recent.removeFirst();
      }
      recent.addLast(message);
    }
    // The first ones are logged at WARNING, later ones at DEBUG so a bad topic cannot flood the log.
    LOG.log(n <= 100 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
        "query " + queryId + ": " + message);
  }

  /** How many reports there were. */
  public long count() {
    return count.get();
  }

  /** The last reports, oldest first. */
  public List<String> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
