package io.sluice.grammar.ast;

/** A DOUBLE literal: a number written with an exponent, e.g. {@code 1.5E2}. */
public record DoubleLiteral(Pos pos, double value) implements Literal {
  public DoubleLiteral {
    Checks.nonNull(pos, "pos");
  }

  @Override
  public Object asObject() {
    return value;
  }
}
