package io.sluice.engine.format;

import java.util.Optional;

/**
 * One record's key or value could not be deserialized, or one row could not be serialized. The
 * engine counts and logs it with the topic, partition and offset, and skips the record; the serde
 * stays usable.
 *
 * <p>The message says what failed: the format and part ({@code "JSON value"}), the column and
 * its type, where inside a nested value ({@code $.A[2].B}), and what was expected. It never
 * quotes the record's data, so that logs do not leak it (the engine may log the raw bytes where
 * configured to).
 */
public class SerdeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String column;

  /**
   * @param message the full message
   * @param column the column the problem is in, or null when it concerns the whole record
   */
  public SerdeException(String message, String column) {
    super(message);
    this.column = column;
  }

  public SerdeException(String message, String column, Throwable cause) {
    super(message, cause);
    this.column = column;
  }

  /** The column the problem is in; empty when it concerns the whole record (bad JSON, ...). */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
