package io.sluice.grammar.ast;

/** {@code DESCRIBE FUNCTION name}. */
public record DescribeFunction(Pos pos, Identifier name) implements Statement {
  public DescribeFunction {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(name, "name");
  }
}
