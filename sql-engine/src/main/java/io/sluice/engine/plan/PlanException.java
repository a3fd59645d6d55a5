package io.sluice.engine.plan;

import io.sluice.grammar.ast.Pos;
import java.util.Optional;

/**
 * A query the planner rejects, with where in the statement the problem is. The message starts
 * with {@code line:col} when the position is known.
 */
public class PlanException extends RuntimeException {

  private final transient Pos pos;

  public PlanException(Pos pos, String message) {
    super(pos == null ? message : "line " + pos.line() + ":" + pos.column() + ": " + message);
    this.pos = pos;
  }

  public PlanException(Pos pos, String message, Throwable cause) {
    super(pos == null ? message : "line " + pos.line() + ":" + pos.column() + ": " + message,
        cause);
    this.pos = pos;
  }

  /** Where the problem is, when known. */
  public Optional<Pos> pos() {
    return Optional.ofNullable(pos);
  }
}
