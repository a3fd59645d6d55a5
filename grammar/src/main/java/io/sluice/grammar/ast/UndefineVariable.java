package io.sluice.grammar.ast;

/** {@code UNDEFINE name}; {@code name} as written (variable names are case-insensitive). */
public record UndefineVariable(Pos pos, String name) implements Statement {
  public UndefineVariable {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
