package io.sluice.grammar.ast;

/** {@code left op right} for {@code = <> != < <= > >=} ({@code !=} is {@link Op#NOT_EQUAL}). */
public record Comparison(Pos pos, Op op, Expression left, Expression right)
    implements Expression {
  public Comparison {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(op, "op");
    Checks.nonNull(left, "left");
    Checks.nonNull(right, "right");
  }

  /** The operator. */
  public enum Op {
    EQUAL("="), NOT_EQUAL("<>"), LESS_THAN("<"), LESS_THAN_OR_EQUAL("<="), GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
