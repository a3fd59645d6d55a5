package io.sluice.grammar.ast;

/**
 * A constant. ksqlDB has no typed literals (no {@code DATE '...'}): a literal is a string, a
 * number or a boolean, or NULL. Number literals are typed by their form: an integer that fits
 * 32 bits is INT ({@link IntegerLiteral}), a larger one BIGINT ({@link BigintLiteral}), one with a
 * decimal point DECIMAL ({@link DecimalLiteral}), one with an exponent DOUBLE
 * ({@link DoubleLiteral}). A minus sign written directly before a number is part of the literal.
 */
public sealed interface Literal extends Expression
    permits StringLiteral, IntegerLiteral, BigintLiteral, DecimalLiteral, DoubleLiteral,
        BooleanLiteral, NullLiteral {

  /**
   * The value as a Java object: {@code String}, {@code Integer}, {@code Long},
   * {@code BigDecimal}, {@code Double} or {@code Boolean}; {@code null} for NULL only.
   */
  Object asObject();
}
