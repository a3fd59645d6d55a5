package io.sluice.grammar.ast;

/** {@code DROP TYPE [IF EXISTS] name}. */
public record DropType(Pos pos, Identifier name, boolean ifExists) implements Statement {
  public DropType {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
