package io.sluice.grammar.ast;

import java.util.List;

/** {@code value [NOT] IN (a, b, ...)}; {@code list} is never empty. */
public record InList(Pos pos, Expression value, List<Expression> list, boolean negated)
    implements Expression {
  public InList {
    Checks.nonNull(pos, "pos");
    Checks.nonNull(value, "value");
    list = Checks.list(list, "list");
    if (list.isEmpty()) {
      throw new IllegalArgumentException("empty IN list");
    }
  }
}
