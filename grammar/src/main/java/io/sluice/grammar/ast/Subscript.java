package io.sluice.grammar.ast;

/** {@code base[index]}: an array element (1-based in ksqlDB) or a map value. */
public record Subscript(Pos pos, Expression base, Expression index) implements Expression {
  public Subscript {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(base, "base");
    Checks.nonNull(index, "index");
  }
}
