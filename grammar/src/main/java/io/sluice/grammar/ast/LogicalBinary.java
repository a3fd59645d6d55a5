package io.sluice.grammar.ast;

/** {@code left AND right} or {@code left OR right}. */
public record LogicalBinary(Pos pos, Op op, Expression left, Expression right)
    implements Expression {
  public LogicalBinary {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(op, "op");
    Checks.nonNull(left, "left");
    Checks.nonNull(right, "right");
  }

  /** The operator. */
  public enum Op {
    AND, OR
  }
}
