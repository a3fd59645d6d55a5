package io.sluice.grammar.ast;

/** {@code MAP<key, value>}. */
public record MapType(Pos pos, Type key, Type value) implements Type {
  public MapType {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(key, "key");
    Checks.nonNull(value, "value");
  }
}
