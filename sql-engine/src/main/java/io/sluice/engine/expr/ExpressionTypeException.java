package io.sluice.engine.expr;

/** An expression is not valid ksqlDB: wrong operand types, unknown function or field, etc. */
public class ExpressionTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExpressionTypeException(String message) {
    super(message);
  }
}
