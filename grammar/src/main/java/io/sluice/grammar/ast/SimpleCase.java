package io.sluice.grammar.ast;

import java.util.List;
import java.util.Optional;

/** {@code CASE operand WHEN v1 THEN r1 ... [ELSE e] END}; at least one WHEN. */
public record SimpleCase(Pos pos, Expression operand, List<WhenClause> whens,
    Optional<Expression> elseValue) implements Expression {
  public SimpleCase {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(operand, "operand");
    whens = Checks.list(whens, "whens");
    Checks.nonNull(elseValue, "elseValue");
    if (whens.isEmpty()) {
      throw new IllegalArgumentException("CASE without WHEN");
    }
  }
}
