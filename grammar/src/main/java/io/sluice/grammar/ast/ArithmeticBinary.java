package io.sluice.grammar.ast;

/** {@code left op right} for {@code + - * / %}. */
public record ArithmeticBinary(Pos pos, Op op, Expression left, Expression right)
    implements Expression {
  public ArithmeticBinary {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(op, "op");
    Checks.nonNull(left, "left");
    Checks.nonNull(right, "right");
  }

  /** The operator. */
  public enum Op {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULUS("%");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
