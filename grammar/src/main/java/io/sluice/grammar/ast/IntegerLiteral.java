package io.sluice.grammar.ast;

/** An INT literal: an integer that fits in 32 bits. */
public record IntegerLiteral(Pos pos, int value) implements Literal {
  public IntegerLiteral {
    Checks.nonNull(pos, "pos");
  }

  @Override
  public Object asObject() {
    return value;
  }
}
