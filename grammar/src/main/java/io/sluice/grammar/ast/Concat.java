package io.sluice.grammar.ast;

/** {@code left || right}: string (or bytes) concatenation. */
public record Concat(Pos pos, Expression left, Expression right) implements Expression {
  public Concat {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(left, "left");
    Checks.nonNull(right, "right");
  }
}
