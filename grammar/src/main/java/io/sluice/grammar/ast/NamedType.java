package io.sluice.grammar.ast;

/**
 * A custom type (see {@link CreateType}) used by name. Any name that is not a built-in type is
 * one, as is any quoted name.
 */
public record NamedType(Pos pos, Identifier name) implements Type {
  public NamedType {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
