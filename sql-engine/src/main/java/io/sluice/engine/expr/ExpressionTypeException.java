package io.sluice.engine.expr;

import io.sluice.grammar.ast.Pos;
import java.util.Objects;
import java.util.Optional;

/**
 * An expression is not valid ksqlDB: wrong operand types, unknown function, column or field, etc.
 *
 * <p>When the expression came from SQL text the exception carries the position of the offending
 * node and its message reads {@code line L:C: reason}, as the grammar's syntax errors do; {@link
 * #reason()} is the message without that prefix. {@link ExpressionBuilder} throws it without a
 * position; {@link AstExpressions} adds the position of the node it was translating.
 */
public class ExpressionTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Pos pos;
  private final String reason;

  public ExpressionTypeException(String message) {
    super(message);
    this.pos = null;
    this.reason = message;
  }

  /** An error at {@code pos} (the message is prefixed with {@code line L:C: }). */
  public ExpressionTypeException(Pos pos, String reason) {
    super("line " + pos.line() + ":" + pos.column() + ": " + reason);
    this.pos = Objects.requireNonNull(pos, "pos");
    this.reason = reason;
  }

  /** Where in the SQL text, if known. */
  public Optional<Pos> pos() {
    return Optional.ofNullable(pos);
  }

  /** The message without the position. */
  public String reason() {
    return reason;
  }

  /** This error placed at {@code at}, unless it already has a position. */
  public ExpressionTypeException at(Pos at) {
    if (pos != null) {
      return this;
    }
    ExpressionTypeException placed = new ExpressionTypeException(at, reason);
    placed.setStackTrace(getStackTrace());
    return placed;
  }
}
