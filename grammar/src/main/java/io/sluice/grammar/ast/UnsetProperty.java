package io.sluice.grammar.ast;

/** {@code UNSET 'name'}. */
public record UnsetProperty(Pos pos, String name) implements Statement {
  public UnsetProperty {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
