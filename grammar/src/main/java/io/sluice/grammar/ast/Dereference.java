package io.sluice.grammar.ast;

/** {@code base->field}: a struct field; {@code s->a->b} nests. */
public record Dereference(Pos pos, Expression base, Identifier field) implements Expression {
  public Dereference {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(base, "base");
    Checks.nonNull(field, "field");
  }
}
