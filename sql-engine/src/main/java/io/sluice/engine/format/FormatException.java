package io.sluice.engine.format;

/**
 * A format cannot carry the columns it was asked to, or its options are invalid: raised when a
 * serde is validated or built ({@link SerdeFactory}), that is when a statement is planned, never
 * on the per-record path. The engine rejects the statement with this message, which says what
 * is wrong and, where ksqlDB words the same problem, uses ksqlDB's words.
 */
public class FormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FormatException(String message) {
    super(message);
  }
}
