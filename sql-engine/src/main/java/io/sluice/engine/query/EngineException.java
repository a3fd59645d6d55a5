package io.sluice.engine.query;

import java.util.Optional;

/**
 * A statement the engine rejects or could not run. The message says what is wrong, where
 * ({@code line L:C} when known) and what to do; {@link #statementText()} is the statement.
 */
public class EngineException extends RuntimeException {

  private final String statementText;
  private final int line;
  private final int column;

  public EngineException(String statementText, String message, int line, int column,
      Throwable cause) {
    super(message, cause);
    this.statementText = statementText;
    this.line = line;
    this.column = column;
  }

  public String statementText() {
    return statementText;
  }

  /** The 1-based line of the problem in the statement, when known. */
  public Optional<Integer> line() {
    return line > 0 ? Optional.of(line) : Optional.empty();
  }

  /** The 1-based column of the problem, when known. */
  public Optional<Integer> column() {
    return column > 0 ? Optional.of(column) : Optional.empty();
  }
}
