package io.sluice.engine.catalog;

import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogException;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import io.sluice.engine.log.LogWriter;
import io.sluice.engine.log.OutRecord;
import io.sluice.engine.log.TopicConflictException;
import io.sluice.engine.log.TopicDescription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * The engine's command log: every accepted DDL and DML statement, in order, as {@link Command}
 * records on the internal topic {@value #TOPIC} (one partition, so that the order is total). On
 * start the engine replays it to rebuild its catalog and restart its queries.
 *
 * <p>Thread-safety: {@link #append} may be called from any thread (appends are serialized, so
 * offsets follow the order of the calls); {@link #replay} too, each call with its own reader.
 */
public final class CommandLog implements AutoCloseable {

  /** The default command topic. */
  public static final String TOPIC = "_sluice_commands";

  /** How long a replay waits for records the end offset promised before it gives up. */
  private static final Duration REPLAY_STALL = Duration.ofSeconds(30);

  private final LogIO io;
  private final String topicName;
  private final TopicPartition partition;
  private final Object appendLock = new Object();
  private LogWriter writer;

  /** Receives each command of a replay. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param offset the command's offset in the log (its sequence number)
     * @param command the command
     */
    void handle(long offset, Command command);
  }

  /**
   * Opens the command log over {@code io}, creating the topic when it does not exist.
   *
   * @throws IllegalStateException when the topic exists with more than one partition (its
   *     commands would have no single order)
   * @throws LogException when the log fails
   */
  public CommandLog(LogIO io) {
    this(io, TOPIC);
  }

  /** Opens the command log on another topic than {@value #TOPIC} (see {@link #CommandLog(LogIO)}). */
  public CommandLog(LogIO io, String commandTopic) {
    this.io = Objects.requireNonNull(io, "io");
    this.topicName = Objects.requireNonNull(commandTopic, "commandTopic");
    this.partition = new TopicPartition(commandTopic, 0);
    try {
      TopicDescription topic = io.describe(topicName).orElseGet(() -> io.createTopic(topicName, 1,
          Map.of("cleanup.policy", "delete", "retention.ms", "-1")));
      if (topic.partitions() != 1) {
        throw new IllegalStateException(conflict(topic.partitions()));
      }
    } catch (TopicConflictException e) {
      throw new IllegalStateException(conflict(e.existingPartitions()), e);
    }
  }

  private String conflict(int partitions) {
    return "the command topic " + topicName + " has " + partitions + " partitions; it must have"
        + " exactly 1 so that commands have one order. Recreate it with 1 partition";
  }

  /**
   * Appends a command and waits until it is written.
   *
   * @return the command's offset
   * @throws LogException when the write fails (the command may or may not be in the log)
   * @throws IllegalStateException when closed
   */
  public long append(Command command) {
    Objects.requireNonNull(command, "command");
    synchronized (appendLock) {
      if (writer == null) {
        writer = io.writer();
      }
      var future = writer.append(OutRecord.of(topicName, 0, null, command.encode()));
      writer.flush();
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LogException("interrupted while appending to " + topicName, e);
      } catch (ExecutionException e) {
        throw new LogException("could not append a command to " + topicName, e.getCause());
      }
    }
  }

  /** The offset the next command will get (the number of commands ever appended). */
  public long endOffset() {
    return io.endOffset(partition);
  }

  /**
   * Reads the commands from {@code fromOffset} up to the end offset as of the call, in order, and
   * gives each to {@code handler} on the calling thread.
   *
   * @return the offset after the last command read (where a later replay continues)
   * @throws IllegalStateException for a record that is not a command this engine can read
   *     (replaying part of the log would rebuild a wrong catalog), or when the records up to the
   *     end offset do not arrive within 30 s
   * @throws RuntimeException what the handler throws, which stops the replay
   */
  public long replay(long fromOffset, Handler handler) {
    Objects.requireNonNull(handler, "handler");
    long end = endOffset();
    long position = Math.max(fromOffset, io.startOffset(partition));
    if (position >= end) {
      return Math.max(position, fromOffset);
    }
    try (LogReader reader = io.reader()) {
      reader.assign(Map.of(partition, position));
      long deadline = System.nanoTime() + REPLAY_STALL.toNanos();
      while (position < end) {
        List<InRecord> records = reader.poll(Duration.ofMillis(200));
        if (records.isEmpty() && System.nanoTime() > deadline) {
          throw new IllegalStateException("the command log stalled at offset " + position
              + " of " + end);
        }
        for (InRecord r : records) {
          if (r.offset() >= end) {
            return end;
          }
          Command command;
          try {
            command = Command.decode(r.value());
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unreadable command at offset " + r.offset()
                + " of " + topicName + ": " + e.getMessage(), e);
          }
          handler.handle(r.offset(), command);
          deadline = System.nanoTime() + REPLAY_STALL.toNanos();
        }
        // the reader's position, not last offset + 1: compaction may leave gaps
        position = reader.position(partition);
      }
    }
    return position;
  }

  /** Closes the writer (the {@link LogIO} stays open). Idempotent. */
  @Override
  public void close() {
    synchronized (appendLock) {
      if (writer != null) {
        writer.close();
        writer = null;
      }
    }
  }
}
