package io.sluice.grammar.ast;

/** {@code NULL}. */
public record NullLiteral(Pos pos) implements Literal {
  public NullLiteral {
    Checks.nonNull(pos, "pos");
  }

  /** Always {@code null}. */
  @Override
  public Object asObject() {
    return null;
  }
}
