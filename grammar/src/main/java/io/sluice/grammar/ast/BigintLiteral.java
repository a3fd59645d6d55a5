package io.sluice.grammar.ast;

/** A BIGINT literal: an integer that needs more than 32 bits (and fits in 64). */
public record BigintLiteral(Pos pos, long value) implements Literal {
  public BigintLiteral {
    Checks.nonNull(pos, "pos");
  }

  @Override
  public Object asObject() {
    return value;
  }
}
