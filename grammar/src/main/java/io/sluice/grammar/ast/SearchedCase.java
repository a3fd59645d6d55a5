package io.sluice.grammar.ast;

import java.util.List;
import java.util.Optional;

/** {@code CASE WHEN c1 THEN r1 ... [ELSE e] END}; at least one WHEN. */
public record SearchedCase(Pos pos, List<WhenClause> whens, Optional<Expression> elseValue)
    implements Expression {
  public SearchedCase {
    Checks.nonNull(pos, "pos");
    whens = Checks.list(whens, "whens");
    Checks.nonNull(elseValue, "elseValue");
    if (whens.isEmpty()) {
      throw new IllegalArgumentException("CASE without WHEN");
    }
  }
}
