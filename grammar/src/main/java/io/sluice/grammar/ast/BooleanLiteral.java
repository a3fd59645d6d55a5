package io.sluice.grammar.ast;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(Pos pos, boolean value) implements Literal {
  public BooleanLiteral {
    Checks.nonNull(pos, "pos");
  }

  @Override
  public Object asObject() {
    return value;
  }
}
