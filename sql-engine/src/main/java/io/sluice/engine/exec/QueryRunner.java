package io.sluice.engine.exec;

import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogException;
import io.sluice.engine.log.LogReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one query: reads its input partitions and pushes each record through the operator chain
 * of the record's partition (one task per input partition). Every {@code barrierIntervalMs}
 * (and when the input runs dry) it sends a barrier through every task that received records
 * since the last one, then reports the positions reached to a {@link Progress} listener: sinks
 * flush on a barrier, so a checkpoint costs one round trip per interval, not per batch.
 *
 * <p>Two ways to drive it: {@link #start()} runs it on its own thread until {@link #close()} or
 * until {@link #isFinished()}; {@link #step(Duration)} processes what is there on the caller's
 * thread (the deterministic test mode, where one thread steps every query in turn).
 *
 * <p>Errors: a {@link LogException} (the log not answering) is retried with back-off; any other
 * failure stops the query in state FAILED with the error kept ({@link #failure()}).
 */
public final class QueryRunner implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(QueryRunner.class.getName());

  /** Told after each barrier which positions the query's output fully reflects. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = positions -> { };

    /** @param positions per input partition, the offset of the next record to read */
    void reached(Map<Integer, Long> positions);
  }

  /** The query's state. */
  public enum State { CREATED, RUNNING, FINISHED, FAILED, CLOSED }

  private final String id;
  private final String topic;
  private final LogReader reader;
  private final SourceDecoder decoder;
  private final ProcessingLog log;
  private final Map<Integer, Task> tasks = new HashMap<>();
  private final Map<Integer, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
  private final Progress progress;
  private final Supplier<Boolean> finished;
  private volatile State state = State.CREATED;
  private volatile Throwable failure;
  private volatile boolean stopping;
  private Thread thread;
  private long epoch;
  private final long barrierIntervalMs;
  private long lastBarrier = System.nanoTime();
  private final Map<Integer, Task> touched = new HashMap<>();
  private final CompletableFuture<State> ended = new CompletableFuture<>();

  private record Task(TaskContext context, Operator head) {}

  /**
   * @param chain makes the operator chain of one task, given the task's context
   * @param start each input partition's first offset (or LogReader.EARLIEST/LATEST)
   * @param finished whether the query is done (a push query's LIMIT reached), checked after
   *     each record
   * @param barrierIntervalMs the most time between barriers while records flow; 0 for a barrier
   *     after every batch (the test mode)
   */
  public QueryRunner(String id, LogReader reader, SourceDecoder decoder, ProcessingLog log,
      Function<TaskContext, Operator> chain, Map<Integer, Long> start, Progress progress,
      Supplier<Boolean> finished, long barrierIntervalMs) {
    this.barrierIntervalMs = barrierIntervalMs;
    this.id = Objects.requireNonNull(id, "id");
    this.topic = decoder.source().topic();
    this.reader = reader;
    this.decoder = decoder;
    this.log = log;
    this.progress = progress;
    this.finished = finished;
    Map<TopicPartition, Long> assign = new HashMap<>();
    for (Map.Entry<Integer, Long> e : start.entrySet()) {
      TaskContext context = new TaskContext();
      tasks.put(e.getKey(), new Task(context, chain.apply(context)));
      assign.put(new TopicPartition(topic, e.getKey()), e.getValue());
    }
    reader.assign(assign);
    for (Integer p : start.keySet()) {
      positions.put(p, reader.position(new TopicPartition(topic, p)));
    }
  }

  public String id() {
    return id;
  }

  public State state() {
    return state;
  }

  /** Why the query failed, when it did. */
  public Throwable failure() {
    return failure;
  }

  public ProcessingLog processingLog() {
    return log;
  }

  /** Whether the query has nothing more to do (LIMIT reached) or failed or was closed. */
  public boolean isFinished() {
    return state == State.FINISHED || state == State.FAILED || state == State.CLOSED;
  }

  /**
   * Completes with the final state once the query has ended (FINISHED at its LIMIT, FAILED, or
   * CLOSED) and its reader is released; callbacks run on the query's thread or the closing one,
   * so they must not block.
   */
  public CompletableFuture<State> ended() {
    return ended;
  }

  /** The next offset to read per input partition (a copy). */
  public Map<Integer, Long> positions() {
    return Map.copyOf(positions);
  }

  /**
   * Processes the records available now (waiting at most {@code timeout} for some) and returns
   * how many were read. For the caller-driven mode; not with {@link #start()}.
   */
  public synchronized int step(Duration timeout) {
    if (isFinished()) {
      return 0;
    }
    state = State.RUNNING;
    List<InRecord> records = reader.poll(timeout);
    // A poll returns runs of records of one partition: the maps are updated once per run (they
    // were a measurable share of a cheap query's time when updated per record).
    int partition = -1;
    long next = -1;
    Task task = null;
    try {
      for (InRecord r : records) {
        if (r.partition() != partition) {
          if (next >= 0) {
            positions.put(partition, next);
          }
          next = -1; // until a record of the new partition is done
          partition = r.partition();
          task = tasks.get(partition);
          touched.put(partition, task);
        }
        task.context().at(partition, r.offset());
        Row row = decoder.decode(r, log);
        if (row != null) {
          task.head().onRow(row);
        }
        next = r.offset() + 1;
        if (finished.get()) {
          break;
        }
      }
    } finally {
      if (next >= 0) {
        positions.put(partition, next);
      }
    }
    long now = System.nanoTime();
    if (!touched.isEmpty() && (records.isEmpty() || finished.get()
        || now - lastBarrier >= barrierIntervalMs * 1_000_000L)) {
      barrier();
      lastBarrier = now;
    }
    if (finished.get()) {
      state = State.FINISHED;
    }
    return records.size();
  }

  /** Sends a barrier through the tasks that had records since the last, then reports progress. */
  private void barrier() {
    long barrier = ++epoch;
    for (Task task : touched.values()) {
      task.head().onBarrier(barrier);
    }
    touched.clear();
    progress.reached(Map.copyOf(positions));
  }

  /** Runs the query on its own thread until it finishes, fails or is closed. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("query " + id + " already started");
    }
    state = State.RUNNING;
    thread = new Thread(this::loop, "sluice-query-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      run();
    } finally {
      synchronized (this) {
        if (!isFinished()) {
          state = State.CLOSED;
        }
        // a query that ended by itself (LIMIT, failure) holds no reader until someone closes it
        reader.close();
      }
      ended.complete(state);
    }
  }

  private void run() {
    long backoffMs = 100;
    while (!stopping && !isFinished()) {
      try {
        step(Duration.ofMillis(500));
        backoffMs = 100;
      } catch (LogException e) {
        if (stopping) {
          break;
        }
        LOG.log(System.Logger.Level.WARNING, "query " + id + ": log unavailable, retrying in "
            + backoffMs + " ms: " + e.getMessage());
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      } catch (RuntimeException | Error e) {
        if (stopping) {
          break;
        }
        failure = e;
        state = State.FAILED;
        LOG.log(System.Logger.Level.ERROR, "query " + id + " failed", e);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the query (waiting for its thread) and closes its reader. Idempotent. */
  @Override
  public void close() {
    stopping = true;
    reader.wakeup();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (state != State.FAILED && state != State.FINISHED) {
        state = State.CLOSED;
      }
      reader.close();
    }
    ended.complete(state);
  }
}
