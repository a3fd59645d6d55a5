package io.sluice.grammar.ast;

/** {@code NOT operand}. */
public record Not(Pos pos, Expression operand) implements Expression {
  public Not {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(operand, "operand");
  }
}
