package io.sluice.grammar.ast;

/** {@code DROP STREAM|TABLE [IF EXISTS] name [DELETE TOPIC]}. */
public record DropSource(Pos pos, SourceKind kind, Identifier name, boolean ifExists,
    boolean deleteTopic) implements Statement {
  public DropSource {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(kind, "kind");
    Checks.nonNull(name, "name");
  }
}
