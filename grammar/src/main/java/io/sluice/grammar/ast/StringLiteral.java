package io.sluice.grammar.ast;

/** A string literal; {@code value} has its quotes removed and {@code ''} unescaped. */
public record StringLiteral(Pos pos, String value) implements Literal {
  public StringLiteral {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
  }

  @Override
  public Object asObject() {
    return value;
  }
}
