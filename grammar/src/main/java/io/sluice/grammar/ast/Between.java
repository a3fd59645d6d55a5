package io.sluice.grammar.ast;

/** {@code value [NOT] BETWEEN lower AND upper}. */
public record Between(Pos pos, Expression value, Expression lower, Expression upper,
    boolean negated) implements Expression {
  public Between {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
    Checks.nonNull(lower, "lower");
    Checks.nonNull(upper, "upper");
  }
}
