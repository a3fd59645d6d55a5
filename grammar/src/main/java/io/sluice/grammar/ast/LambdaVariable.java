package io.sluice.grammar.ast;

/**
 * A reference, inside a lambda's body, to a parameter of that lambda or of an enclosing one
 * (an unqualified name that would otherwise be a {@link ColumnRef}).
 */
public record LambdaVariable(Pos pos, Identifier name) implements Expression {
  public LambdaVariable {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
