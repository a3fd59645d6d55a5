package io.sluice.grammar.ast;

/** {@code CREATE TYPE [IF NOT EXISTS] name AS type}. */
public record CreateType(Pos pos, Identifier name, boolean ifNotExists, Type type)
    implements Statement {
  public CreateType {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
    Checks.nonNull(type, "type");
  }
}
