package io.sluice.grammar.ast;

/** {@code SET 'name' = 'value'}: a session property; both strings unquoted. */
public record SetProperty(Pos pos, String name, String value) implements Statement {
  public SetProperty {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
    Checks.nonNull(value, "value");
  }
}
