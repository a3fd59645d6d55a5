package io.sluice.grammar.ast;

/**
 * {@code WHEN condition THEN result} of a CASE. In a {@link SimpleCase} the condition is the
 * value compared with the operand.
 */
public record WhenClause(Pos pos, Expression condition, Expression result) implements Node {
  public WhenClause {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(condition, "condition");
    Checks.nonNull(result, "result");
  }
}
