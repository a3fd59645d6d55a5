package io.sluice.grammar.ast;

/** {@code value IS [NOT] NULL}. */
public record IsNull(Pos pos, Expression value, boolean negated) implements Expression {
  public IsNull {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
  }
}
