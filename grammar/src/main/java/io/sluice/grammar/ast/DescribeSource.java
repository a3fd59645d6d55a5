package io.sluice.grammar.ast;

/** {@code DESCRIBE name [EXTENDED]}. */
public record DescribeSource(Pos pos, Identifier name, boolean extended) implements Statement {
  public DescribeSource {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
