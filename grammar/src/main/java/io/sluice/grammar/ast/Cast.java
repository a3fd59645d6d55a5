package io.sluice.grammar.ast;

/** {@code CAST(expression AS type)}. */
public record Cast(Pos pos, Expression expression, Type type) implements Expression {
  public Cast {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(expression, "expression");
    Checks.nonNull(type, "type");
  }
}
