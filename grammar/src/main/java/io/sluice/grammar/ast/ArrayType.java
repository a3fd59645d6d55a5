package io.sluice.grammar.ast;

/** {@code ARRAY<element>}. */
public record ArrayType(Pos pos, Type element) implements Type {
  public ArrayType {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(element, "element");
  }
}
