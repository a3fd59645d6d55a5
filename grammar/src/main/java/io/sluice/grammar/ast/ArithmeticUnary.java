package io.sluice.grammar.ast;

/**
 * {@code -operand} or {@code +operand}. A minus written directly before a number literal is
 * folded into the literal instead ({@code -5} is an {@link IntegerLiteral} of -5).
 */
public record ArithmeticUnary(Pos pos, Sign sign, Expression operand) implements Expression {
  public ArithmeticUnary {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(sign, "sign");
    Checks.nonNull(operand, "operand");
  }

  /** The sign. */
  public enum Sign {
    PLUS("+"), MINUS("-");

    private final String symbol;

    Sign(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
