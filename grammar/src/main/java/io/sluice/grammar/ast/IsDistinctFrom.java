package io.sluice.grammar.ast;

/** {@code left IS [NOT] DISTINCT FROM right}. */
public record IsDistinctFrom(Pos pos, Expression left, Expression right, boolean negated)
    implements Expression {
  public IsDistinctFrom {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(left, "left");
    Checks.nonNull(right, "right");
  }
}
