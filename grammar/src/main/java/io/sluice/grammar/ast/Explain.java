package io.sluice.grammar.ast;

/** {@code EXPLAIN statement}. */
public record Explain(Pos pos, Statement statement) implements Statement {
  public Explain {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(statement, "statement");
  }
}
